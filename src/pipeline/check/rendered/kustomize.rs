//! A kustomize overlay, checked as `kustomize build` (or `kubectl kustomize`, when only
//! kubectl is installed) renders it. kustomize writes no source comments, so a finding is
//! traced through its object: the document of the same kind and name (kustomize may add a
//! prefix or suffix) among the overlay's resources, followed down into bases and
//! components, where the object is declared, then among its patches, last first. The
//! finding's path must exist there, with the same value when it points at one (a value a
//! patch changed is found in the patch); else the finding stays in the rendered output.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::spot;
use super::*;
use crate::input::discover::KUSTOMIZATIONS;
use crate::input::read::read_named;

/// How deep `resources:` directories are followed; kustomize itself rejects cycles.
const MAX_DEPTH: usize = 16;

pub(in crate::pipeline::check) fn check_kustomization(
    file: &Arc<SourceFile>,
    settings: &Settings,
    out: &mut Outcome,
) -> FileKind {
    let dir = directory_of(&file.path);
    let parsed = yaml::parse(file);
    let root = parsed.documents.first().map(|d| &d.root);
    let at = super::super::yaml::kustomization(&file.path, &parsed.documents).unwrap_or(0..0);
    let shown = dir.display();
    let help = format!(
        "Install kustomize or kubectl, or render the overlay yourself and check the output: kubectl kustomize {shown} | realtor check --stdin-filename rendered.yaml -"
    );
    if settings.render.off {
        let message = "kustomize overlay not rendered (rendering is off): not checked".to_string();
        out.findings.push(not_rendered(at, message, help));
        return FileKind::Kubernetes;
    }
    let mut command = format!("kustomize build {shown}");
    let mut outcome = run("kustomize", &["build".into(), dir.clone().into()]);
    if matches!(outcome, Run::Missing) {
        command = format!("kubectl kustomize {shown}");
        outcome = run("kubectl", &["kustomize".into(), dir.clone().into()]);
    }
    match outcome {
        Run::Missing => {
            let message = "kustomize overlay not rendered: neither `kustomize` nor `kubectl` is on PATH, so it was not checked".to_string();
            out.findings.push(not_rendered(at, message, help));
        }
        Run::Failed(said) => {
            let said = said.trim_start_matches("Error: ");
            let span = root.and_then(|r| named_entry(r, said)).unwrap_or(at);
            out.findings
                .push(parse_error(span, format!("`{command}` failed: {said}")));
        }
        Run::Output(text) => {
            let rendered = SourceFile::new(format!("{shown} ({command})"), &text);
            let mut overlay = Overlay {
                sources: Vec::new(),
            };
            let mut seen = HashSet::new();
            if let Some(root) = root {
                let mut sources = Vec::new();
                collect(&dir, root, 0, &mut seen, &mut sources);
                for (path, text) in sources {
                    let source = SourceFile::new(path.to_string_lossy().replace('\\', "/"), &text);
                    let documents = yaml::parse(&source).documents;
                    let (base, _) = attach(file.text.len(), out, source);
                    overlay.sources.push(Source { base, documents });
                }
            }
            check_rendered(file, rendered, &command, settings, out, &mut overlay);
        }
    }
    FileKind::Kubernetes
}

/// The scalar of a `resources`, `patches` or other list entry of the kustomization that
/// the error text names (kustomize errors quote the path they failed on).
fn named_entry(root: &yaml::Node, said: &str) -> Option<Span> {
    root.entries().iter().find_map(|entry| {
        entry.value.items().iter().find_map(|item| {
            let scalar = item
                .as_str()
                .map(|_| item)
                .or_else(|| item.get("path").map(|e| &e.value))?;
            let text = scalar.as_str()?;
            (text.len() > 2 && said.contains(text)).then(|| scalar.span.clone())
        })
    })
}

/// The files an overlay's objects come from: its resources and those of its bases and
/// components, in order, each kustomization's patches (last listed first) after its
/// resources.
fn collect(
    dir: &Path,
    kustomization: &yaml::Node,
    depth: usize,
    seen: &mut HashSet<PathBuf>,
    sources: &mut Vec<(PathBuf, String)>,
) {
    let list = |key: &str| -> Vec<&yaml::Node> {
        kustomization
            .get(key)
            .map(|e| e.value.items().iter().collect())
            .unwrap_or_default()
    };
    let nested = ["resources", "bases", "components"]
        .into_iter()
        .flat_map(&list)
        .filter_map(yaml::Node::as_str);
    for resource in nested {
        if resource.contains("://") || resource.starts_with("github.com/") {
            continue;
        }
        let path = clean_path(&dir.join(resource));
        if path.is_dir() && depth < MAX_DEPTH {
            let Some((found, text)) = kustomization_in(&path) else {
                continue;
            };
            if !seen.insert(found.clone()) {
                continue;
            }
            let file = SourceFile::new(found.to_string_lossy().to_string(), &text);
            if let Some(document) = yaml::parse(&file).documents.first() {
                collect(&path, &document.root, depth + 1, seen, sources);
            }
        } else {
            read(&path, seen, sources);
        }
    }
    let mut patches = patch_files(kustomization);
    patches.reverse();
    for patch in patches {
        read(&clean_path(&dir.join(patch)), seen, sources);
    }
}

/// The files a kustomization names as patches (`patches` entries with a `path`, and
/// `patchesStrategicMerge`), as written; inline patches are not files.
fn patch_files(kustomization: &yaml::Node) -> Vec<&str> {
    ["patches", "patchesStrategicMerge"]
        .into_iter()
        .filter_map(|key| kustomization.get(key))
        .flat_map(|entry| entry.value.items())
        .filter_map(|item| item.as_str().or_else(|| item.get("path")?.value.as_str()))
        .filter(|path| !path.contains('\n'))
        .collect()
}

/// The kustomization file of `dir`, with its text, as kustomize looks for it.
fn kustomization_in(dir: &Path) -> Option<(PathBuf, String)> {
    KUSTOMIZATIONS
        .iter()
        .map(|name| dir.join(name))
        .find_map(|path| read_named(&path).map(|text| (path, text)))
}

/// The kustomization in the directory of the file at `path` that names it as a patch: a
/// patch is checked only in the output of the overlay that applies it.
pub fn patched_by(path: &Path) -> Option<PathBuf> {
    let dir = path.parent()?;
    let (found, text) = kustomization_in(dir)?;
    let file = SourceFile::new(found.to_string_lossy().to_string(), &text);
    let parsed = yaml::parse(&file);
    let root = &parsed.documents.first()?.root;
    let wanted = clean_path(path);
    patch_files(root)
        .into_iter()
        .any(|patch| clean_path(&dir.join(patch)) == wanted)
        .then_some(found)
}

fn read(path: &Path, seen: &mut HashSet<PathBuf>, sources: &mut Vec<(PathBuf, String)>) {
    if seen.insert(path.to_path_buf())
        && let Some(text) = read_named(path)
    {
        sources.push((path.to_path_buf(), text));
    }
}

/// A file an overlay's objects come from, attached to the check.
struct Source {
    base: usize,
    documents: Vec<yaml::Document>,
}

struct Overlay {
    sources: Vec<Source>,
}

impl Trace for Overlay {
    fn trace(
        &mut self,
        _: &str,
        object: &kubernetes::Object<'_>,
        span: &Span,
        _: &mut Outcome,
    ) -> Option<Traced> {
        let spot = spot::spot(object.node, span)?;
        let rendered_name = object.name?;
        let same_object = |root: &yaml::Node| {
            let kind = root.get("kind").and_then(|e| e.value.as_str());
            let metadata = root.get("metadata").map(|e| &e.value);
            let name = metadata
                .and_then(|m| m.get("name"))
                .and_then(|e| e.value.as_str());
            kind == Some(object.kind) && name.is_some_and(|name| rendered_name.contains(name))
        };
        self.sources.iter().find_map(|source| {
            source
                .documents
                .iter()
                .filter(|d| same_object(&d.root))
                .find_map(|d| spot::find(&d.root, &spot))
                .map(|found| Traced {
                    span: source.base + found.start..source.base + found.end,
                    related: Vec::new(),
                })
        })
    }
}
