//! A Docker Compose file end to end: checked against the Compose specification's schema,
//! merged with the file Compose merges it with (its `compose.override.yaml`, or, for a
//! `docker-compose.prod.yml`, the base it overrides), `extends` resolved, then each
//! service's rules and its workload, which carries the facts of the Dockerfile its
//! `build:` names. The files read besides this one are attachments of the check, so a
//! finding points into whichever file wrote the value.

use std::path::{Path, PathBuf};

use super::*;
use crate::formats::compose::{self, schema};
use crate::input::read::read_named;
use crate::syntax::yaml::{self, Entry, Node, NodeKind};

/// How deep a chain of `extends` is followed; Compose rejects cycles.
const MAX_EXTENDS: usize = 8;

pub(super) fn check_compose(
    file: &SourceFile,
    root: &Node,
    (enabled, settings): (Enabled<'_>, &Settings),
    findings: &mut Vec<Finding>,
    out: &mut Outcome,
) {
    for violation in schema::violations(root) {
        let message = format!("not a valid Compose file: {}", violation.message);
        findings.push(parse_error(violation.span, message));
    }
    let files = Files {
        dir: directory_of(&file.path),
        main_len: file.text.len(),
    };
    let name = file.path.rsplit('/').next().unwrap_or(&file.path);
    let project = match files.counterpart(name, out) {
        Some(Counterpart::Base(base)) => compose::merge(&base, root, ""),
        Some(Counterpart::Override(over)) => compose::merge(root, &over, ""),
        None => root.clone(),
    };
    let project = files.resolve_extends(project, out);
    for service in compose::services(&project) {
        let start = findings.len();
        rules::run(
            &Subject::Compose(&service),
            enabled,
            &settings.options,
            findings,
        );
        let mut workload = extract::compose(&service);
        if let Some(build) = service.get("build") {
            files.add_build_facts(&build.value, out, &mut workload);
        }
        findings.extend(placement(&workload, enabled));
        let label = workload.label();
        for finding in &mut findings[start..] {
            finding.workload = Some(label.clone());
            let path = service.node.path_to(finding.span.start);
            finding.logical = Some(format!("{label} > {path}"));
        }
        out.workloads.push(workload);
    }
}

/// The file merged with the one checked.
enum Counterpart {
    /// The base a `-f` override file is merged onto.
    Base(Node),
    /// The `compose.override.yaml` Compose merges onto a base by itself.
    Override(Node),
}

/// Reads the other files of a Compose project, relative to the checked file's directory.
struct Files {
    dir: PathBuf,
    main_len: usize,
}

impl Files {
    fn counterpart(&self, name: &str, out: &mut Outcome) -> Option<Counterpart> {
        if compose::is_override(name) {
            return compose::FILE_NAMES
                .iter()
                .find_map(|base| self.read(&self.dir.join(base), out))
                .map(|(root, _)| Counterpart::Base(root));
        }
        if !compose::FILE_NAMES.contains(&name) {
            return None;
        }
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        ["yaml", "yml"]
            .iter()
            .find_map(|ext| self.read(&self.dir.join(format!("{stem}.override.{ext}")), out))
            .map(|(root, _)| Counterpart::Override(root))
    }

    /// A YAML file's first document, attached to the check, its spans moved into the
    /// check's span space; with the directory it is in.
    fn read(&self, path: &Path, out: &mut Outcome) -> Option<(Node, PathBuf)> {
        let path = &clean_path(path);
        let text = read_named(path)?;
        let shown = path.to_string_lossy().replace('\\', "/");
        let parsed = yaml::parse(&SourceFile::new(shown.clone(), &text));
        let root = parsed.documents.into_iter().next()?.root;
        let (base, _) = attach(self.main_len, out, SourceFile::new(shown, &text));
        let dir = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
        Some((compose::shifted(&root, base), dir))
    }

    /// The project with each service's `extends` merged under it, as Compose does.
    fn resolve_extends(&self, mut project: Node, out: &mut Outcome) -> Node {
        let Some(services) = project.get("services").map(|e| e.value.clone()) else {
            return project;
        };
        let resolved: Vec<Entry> = services
            .entries()
            .iter()
            .map(|entry| Entry {
                key: entry.key.clone(),
                value: self.extended(&entry.value, &project, &self.dir, out, 0),
            })
            .collect();
        if let NodeKind::Mapping(entries) = &mut project.kind
            && let Some(entry) = entries
                .iter_mut()
                .find(|e| e.key.as_str() == Some("services"))
        {
            entry.value = Node::new(NodeKind::Mapping(resolved), services.span.clone());
        }
        project
    }

    fn extended(
        &self,
        service: &Node,
        project: &Node,
        dir: &Path,
        out: &mut Outcome,
        depth: usize,
    ) -> Node {
        let Some(extends) = service.get("extends") else {
            return service.clone();
        };
        let text = |key: &str| extends.value.get(key).and_then(|e| e.value.as_str());
        let (name, other) = match extends.value.as_str() {
            Some(name) => (Some(name), None),
            None => (text("service"), text("file")),
        };
        let base = name.filter(|_| depth < MAX_EXTENDS).and_then(|name| {
            let (base_project, base_dir) = match other {
                Some(other) => self.read(&dir.join(other), out)?,
                None => (project.clone(), dir.to_path_buf()),
            };
            let base = base_project.get("services")?.value.get(name)?.value.clone();
            Some(self.extended(&base, &base_project, &base_dir, out, depth + 1))
        });
        let own_entries: Vec<Entry> = service
            .entries()
            .iter()
            .filter(|e| e.key.as_str() != Some("extends"))
            .cloned()
            .collect();
        let own = Node::new(NodeKind::Mapping(own_entries), service.span.clone());
        match base {
            Some(base) => compose::merge(&base, &own, ""),
            None => service.clone(),
        }
    }

    /// Adds to a service's workload the facts of the Dockerfile its `build:` names (a
    /// context directory, or `context` and `dockerfile`), each with its span in that file.
    fn add_build_facts(&self, build: &Node, out: &mut Outcome, workload: &mut Workload) {
        let text = |key: &str| build.get(key).and_then(|e| e.value.as_str());
        let (context, name) = match build.as_str() {
            Some(context) => (context, "Dockerfile"),
            None => (
                text("context").unwrap_or("."),
                text("dockerfile").unwrap_or("Dockerfile"),
            ),
        };
        if context.contains("://") || context.starts_with("git@") {
            return;
        }
        let path = clean_path(&self.dir.join(context).join(name));
        let Some(text) = read_named(&path) else {
            return;
        };
        let shown = path.to_string_lossy().replace('\\', "/");
        let (base, file) = attach(self.main_len, out, SourceFile::new(shown, &text));
        let parsed = dockerfile::parse(&file);
        let Some(last) = parsed.stages.last() else {
            return;
        };
        let from = parsed.starts[last.from];
        let mut built = extract::dockerfile(&parsed, from..from + 4);
        extract::build_context::add_facts(&parsed, &mut built);
        for fact in built.facts {
            workload.add(fact.span.start + base..fact.span.end + base, fact.kind);
        }
    }
}
