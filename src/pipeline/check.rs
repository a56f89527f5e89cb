//! The pipeline for one file: parse it in its format, run the rules on its syntax tree,
//! extract its workloads and run the placement rules on them, apply suppressions and the
//! configured severities. Files are independent, so the caller runs them in parallel.

use std::sync::Arc;

use rayon::prelude::*;

use super::Settings;
use crate::formats::importers;
use crate::formats::inventory;
use crate::formats::inventory::InventoryFile;
use crate::formats::kubernetes;
use crate::input::discover::Hint;
use crate::input::source::{SourceFile, Span};
use crate::model::Workload;
use crate::model::extract;
use crate::model::objects::ObjectFacts;
use crate::pipeline::objectset;
use crate::pipeline::suppress::{self, Suppression};
use crate::report::{Diagnostic, FileKind, FileReport, Status};
use crate::rules::{self, RuleMeta, Subject, realtor};
use crate::rules::{Finding, Severity};
use crate::syntax::{dockerfile, yaml};

/// Whether a rule runs; shared by the threads that check one large file.
type Enabled<'a> = &'a (dyn Fn(&RuleMeta) -> bool + Sync);

/// Check one file. `hint` is what its name says; the content decides the rest.
pub fn check(file: SourceFile, hint: Hint, explicit: bool, settings: &Settings) -> FileReport {
    let file = Arc::new(file);
    let hint = match hint {
        Hint::Unknown => sniff(&file.text),
        known => known,
    };
    let mut out = Outcome::default();
    let kind = match hint {
        Hint::Dockerfile => {
            check_dockerfile(&file, settings, &mut out);
            FileKind::Dockerfile
        }
        _ => match importers::detect_with(&file.text, &settings.columns) {
            Some(format) => {
                check_imported(&file, format, settings, &mut out);
                FileKind::Inventory
            }
            None if hint == Hint::Export => {
                if explicit
                    && file.path.to_ascii_lowercase().ends_with(".csv")
                    && let Some(why) =
                        importers::spreadsheet::unmapped(&file.text, &settings.columns)
                {
                    let header = 0..importers::table::record_end(&file.text, 0);
                    out.findings
                        .push(parse_error(header, format!("CSV table: {why}")));
                }
                FileKind::Other
            }
            None => check_yaml(&file, settings, &mut out),
        },
    };
    if kind == FileKind::Other && explicit && out.findings.is_empty() {
        let message = "not a Dockerfile, a Kubernetes manifest, a realtor inventory or a VM inventory export realtor reads";
        out.findings
            .push(Finding::new(&realtor::parse_error::META, 0..0, message));
    }
    let failed = out
        .findings
        .iter()
        .any(|f| f.rule.id == realtor::parse_error::META.id);
    let attachments = out.attachments;
    let mut diagnostics: Vec<Diagnostic> = out
        .findings
        .into_iter()
        .filter_map(|mut finding| {
            let severity = settings.severity(finding.rule)?;
            let Some((attachment, span)) = importers::locate(&attachments, &finding.span) else {
                return Some(Diagnostic::new(finding, severity, &file));
            };
            finding.span = span;
            if let Some(sheet) = &attachment.sheet {
                finding.message = format!("{} (sheet {sheet})", finding.message);
            }
            Some(Diagnostic::new(finding, severity, &attachment.file))
        })
        .collect();
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let folded = fold_placement(&mut diagnostics);
    FileReport {
        file,
        kind,
        status: if failed { Status::Error } else { Status::Ok },
        diagnostics,
        folded,
        workloads: out.workloads,
        objects: out.objects,
    }
}

/// Placement rules and the rules that report the same problem at the same place: P104
/// host-control on the `privileged: true` that K001 reports, the `hostPID: true` of K005
/// and the runtime socket mount of K011.
static FOLDS: &[(&RuleMeta, &RuleMeta)] = &[
    (
        &rules::placement::host_control::META,
        &rules::kubernetes::privileged_container::META,
    ),
    (
        &rules::placement::host_control::META,
        &rules::kubernetes::host_pid::META,
    ),
    (
        &rules::placement::host_control::META,
        &rules::kubernetes::docker_sock::META,
    ),
];

/// One problem, one finding: a placement finding inside the span of a finding of the
/// same problem ([`FOLDS`]: the value `true` in the entry `privileged: true`) is taken out
/// of the diagnostics and named in the other's help; it is returned for the advisor to
/// weigh. Only the placement rules of [`FOLDS`] look for a host.
fn fold_placement(diagnostics: &mut Vec<Diagnostic>) -> Vec<Diagnostic> {
    let folds = |rule: &RuleMeta| FOLDS.iter().any(|(p, _)| p.id == rule.id);
    let host_of = |placement: &Diagnostic| {
        diagnostics.iter().position(|d| {
            FOLDS
                .iter()
                .any(|(p, o)| p.id == placement.rule.id && o.id == d.rule.id)
                && d.span.start <= placement.span.start
                && placement.span.end <= d.span.end
                && Arc::ptr_eq(&d.file, &placement.file)
        })
    };
    let pairs: Vec<(usize, usize)> = (0..diagnostics.len())
        .filter(|&i| folds(diagnostics[i].rule))
        .filter_map(|i| host_of(&diagnostics[i]).map(|host| (i, host)))
        .collect();
    for &(placement, host) in &pairs {
        let placement = &diagnostics[placement];
        let note = format!(
            "Placement {} {} at the same place: {} (`realtor advise` weighs it).",
            placement.rule.id, placement.rule.name, placement.message
        );
        let host = &mut diagnostics[host];
        host.help = Some(match host.help.take() {
            Some(help) => format!("{help} {note}"),
            None => note,
        });
    }
    let mut index = 0;
    diagnostics
        .extract_if(.., |_| {
            let fold = pairs.iter().any(|&(placement, _)| placement == index);
            index += 1;
            fold
        })
        .collect()
}

/// A report for a file that could not be read at all.
pub fn unreadable(display: String, unreadable: crate::input::read::Unreadable) -> FileReport {
    let file = Arc::new(SourceFile::new(display, &unreadable.text));
    let at = unreadable.offset..unreadable.offset;
    let finding = Finding::new(&realtor::parse_error::META, at, unreadable.reason);
    FileReport {
        diagnostics: vec![Diagnostic::new(finding, Severity::Error, &file)],
        file,
        kind: FileKind::Other,
        status: Status::Error,
        folded: Vec::new(),
        workloads: Vec::new(),
        objects: Vec::new(),
    }
}

#[derive(Default)]
struct Outcome {
    findings: Vec<Finding>,
    workloads: Vec<Workload>,
    objects: Vec<ObjectFacts>,
    /// Files an import read besides this one, which some findings point into.
    attachments: Vec<importers::Attachment>,
}

fn sniff(text: &str) -> Hint {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    let keyword = first
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    if matches!(keyword.as_str(), "FROM" | "ARG") {
        Hint::Dockerfile
    } else {
        Hint::Yaml
    }
}

fn parse_error(span: Span, message: impl Into<String>) -> Finding {
    Finding::new(&realtor::parse_error::META, span, message)
}

fn check_dockerfile(file: &SourceFile, settings: &Settings, out: &mut Outcome) {
    let prepared = dockerfile::prepare(file);
    let parsed = dockerfile::parse_prepared(file, &prepared);
    let enabled = |rule: &RuleMeta| settings.enabled(rule);
    let mut findings = Vec::new();
    if let Some(error) = &parsed.error {
        findings.push(parse_error(
            error.span.clone(),
            format!("Dockerfile syntax: {}", error.message),
        ));
    }
    rules::run(
        &Subject::Dockerfile(&parsed),
        &enabled,
        &settings.options,
        &mut findings,
    );
    if !parsed.stages.is_empty() {
        let from = parsed.starts[parsed.stages[parsed.stages.len() - 1].from];
        let mut workload = extract::dockerfile(&parsed, from..from + 4);
        crate::model::extract::build_context::add_facts(&parsed, &mut workload);
        findings.extend(placement(&workload, &enabled));
        out.workloads.push(workload);
    }
    for finding in &mut findings {
        if finding.rule.id != realtor::parse_error::META.id {
            finding.logical = parsed.logical_location(finding.span.start);
        }
    }
    let mut suppressions = suppress::dockerfile(&parsed);
    suppress::apply(&mut findings, &mut suppressions, &enabled);
    out.findings.extend(findings);
}

/// The placement rules' findings for one workload, each naming the workload.
fn placement(workload: &Workload, enabled: Enabled<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    rules::run(
        &Subject::Workload(workload),
        enabled,
        &rules::Options::default(),
        &mut findings,
    );
    let label = workload.label();
    for finding in &mut findings {
        finding.workload = Some(label.clone());
    }
    findings
}

fn check_yaml(file: &SourceFile, settings: &Settings, out: &mut Outcome) -> FileKind {
    if let Some(at) = template_marker(&file.text) {
        let message = "template syntax (`{{ ... }}`) found: lint the rendered output instead";
        out.findings.push(Finding::new(
            &realtor::template_skipped::META,
            at..at + 2,
            message,
        ));
        return FileKind::Kubernetes;
    }
    let parsed = yaml::parse(file);
    if let Some(span) = kustomization(&file.path, &parsed.documents) {
        let message = "kustomize overlay found: lint the rendered output instead";
        let help = "Render it first and lint the output: kubectl kustomize DIR | realtor check --stdin-filename rendered.yaml -";
        out.findings
            .push(Finding::new(&realtor::template_skipped::META, span, message).help(help));
        return FileKind::Kubernetes;
    }
    let enabled = |rule: &RuleMeta| settings.enabled(rule);
    let mut kind = FileKind::Other;
    let mut findings = Vec::new();
    let mut suppressions: Vec<Suppression> = suppress::yaml_comments(file, &parsed.documents);
    let mut strays = Vec::new();
    let mut patches = Vec::new();
    for document in &parsed.documents {
        let root = &document.root;
        if is_inventory(root) {
            kind = FileKind::Inventory;
            check_inventory(root, &enabled, &mut findings, &mut suppressions, out);
        } else if kubernetes::is_object(root) || root.get("items").is_some() {
            for object in kubernetes::objects(document) {
                kind = FileKind::Kubernetes;
                match kustomize_patch(object.node) {
                    Some(span) => patches.push(span),
                    None => check_object(&object, &enabled, &mut findings, &mut suppressions, out),
                }
            }
        } else {
            strays.push(root);
        }
    }
    if let Some(first) = patches.first() {
        let message = format!(
            "{} kustomize patch(es) found (a workload without `spec.selector`, or containers without `image`): not linted on their own",
            patches.len()
        );
        let help = "Lint the rendered overlay: kubectl kustomize DIR | realtor check --stdin-filename rendered.yaml -";
        findings.push(
            Finding::new(&realtor::template_skipped::META, first.clone(), message).help(help),
        );
    }
    for root in strays {
        let half = root.get("kind").or_else(|| root.get("apiVersion"));
        if kind != FileKind::Kubernetes && half.is_none() {
            continue;
        }
        kind = FileKind::Kubernetes;
        let span = half
            .or_else(|| root.entries().first())
            .map_or_else(|| root.span.clone(), |e| e.key.span.clone());
        let message = "not a Kubernetes object: a document needs both `apiVersion` and `kind`";
        findings.push(parse_error(span, message));
    }
    if let Some(error) = parsed.error {
        if kind == FileKind::Other {
            kind = FileKind::Kubernetes;
        }
        findings.push(parse_error(
            error.span,
            format!("YAML syntax: {}", error.message),
        ));
    }
    suppress::apply(&mut findings, &mut suppressions, &enabled);
    out.findings.extend(findings);
    kind
}

fn check_object(
    object: &kubernetes::Object<'_>,
    enabled: Enabled<'_>,
    findings: &mut Vec<Finding>,
    suppressions: &mut Vec<Suppression>,
    out: &mut Outcome,
) {
    suppressions.extend(suppress::annotations(object.node));
    out.objects.push(objectset::facts(object, suppressions));
    let first = findings.len();
    check_object_rules(object, enabled, findings, out);
    let identity = match (object.namespace, object.name) {
        (Some(namespace), Some(name)) => format!("{} {namespace}/{name}", object.kind),
        (None, Some(name)) => format!("{} {name}", object.kind),
        _ => object.kind.to_string(),
    };
    for finding in &mut findings[first..] {
        let path = object.node.path_to(finding.span.start);
        finding.logical = Some(format!("{identity} > {path}"));
    }
}

fn check_object_rules(
    object: &kubernetes::Object<'_>,
    enabled: Enabled<'_>,
    findings: &mut Vec<Finding>,
    out: &mut Outcome,
) {
    if let Some(error) = &object.decode_error {
        let found = object.node.lookup(&error.path.segments());
        let span = found
            .as_ref()
            .map_or_else(|| object.node.span.clone(), |f| f.node.span.clone());
        let mut message = format!(
            "{} `{}` does not decode: {}: {}",
            object.kind,
            object.name.unwrap_or(""),
            error.path,
            error.message
        );
        let hint = found
            .filter(|_| error.message.ends_with("expected a string"))
            .and_then(|f| kubernetes::quoting_hint(f.node));
        if let Some(hint) = hint {
            message = format!("{message}; {hint}");
        }
        findings.push(parse_error(span, message));
        return;
    }
    let start = findings.len();
    rules::run(
        &Subject::Kubernetes(object),
        enabled,
        &rules::Options::default(),
        findings,
    );
    if let Some(workload) = extract::kubernetes(object) {
        let label = workload.label();
        for finding in &mut findings[start..] {
            finding.workload = Some(label.clone());
        }
        findings.extend(placement(&workload, enabled));
        out.workloads.push(workload);
    }
}

fn is_inventory(root: &yaml::Node) -> bool {
    let text = |key: &str| root.get(key).and_then(|e| e.value.as_str());
    text("kind") == Some("Inventory")
        && text("apiVersion").is_some_and(|v| v.starts_with("realtor.dev/"))
}

/// An inventory exported by a hypervisor or discovery tool, read into the native shape:
/// the rows or elements that could not be read are parse errors, the rest is checked like a
/// native inventory.
fn check_imported(
    file: &SourceFile,
    format: importers::Format,
    settings: &Settings,
    out: &mut Outcome,
) {
    let imported = importers::import(format, file, &settings.columns);
    let enabled = |rule: &RuleMeta| settings.enabled(rule);
    let mut findings: Vec<Finding> = imported
        .problems
        .into_iter()
        .map(|(span, message)| parse_error(span, format!("{}: {message}", format.label())))
        .collect();
    let mut suppressions = Vec::new();
    check_inventory(
        &imported.root,
        &enabled,
        &mut findings,
        &mut suppressions,
        out,
    );
    suppress::apply(&mut findings, &mut suppressions, &enabled);
    out.findings.extend(findings);
    out.attachments = imported.attachments;
}

fn check_inventory(
    root: &yaml::Node,
    enabled: Enabled<'_>,
    findings: &mut Vec<Finding>,
    suppressions: &mut Vec<Suppression>,
    out: &mut Outcome,
) {
    for machine in root
        .get("machines")
        .map(|e| e.value.items())
        .unwrap_or_default()
    {
        suppressions.extend(suppress::machine(machine));
    }
    let decoded = match inventory::decode_tree(root) {
        Ok(decoded) => decoded,
        Err(error) => {
            let found = root.lookup(&error.path.segments());
            let span = found.map_or_else(|| root.span.clone(), |f| f.node.span.clone());
            findings.push(parse_error(
                span,
                format!("inventory: {}: {}", error.path, error.message),
            ));
            return;
        }
    };
    let file = InventoryFile {
        inventory: &decoded.inventory,
        node: root,
        unknown_keys: &decoded.unknown_keys,
    };
    let first = findings.len();
    rules::run(
        &Subject::Inventory(&file),
        enabled,
        &rules::Options::default(),
        findings,
    );
    let workloads = extract::inventory(&file);
    let placed: Vec<Vec<Finding>> = workloads
        .par_iter()
        .map(|workload| placement(workload, enabled))
        .collect();
    findings.extend(placed.into_iter().flatten());
    out.workloads.extend(workloads);
    findings[first..].par_iter_mut().for_each(|finding| {
        finding.logical = Some(format!("Inventory > {}", root.path_to(finding.span.start)));
    });
}

/// Where a kustomize overlay shows itself: the `kind` of a `Kustomization` or `Component`
/// document, or the first key of a file named `kustomization.yaml` (`.yml`,
/// `Kustomization`), which often has no `kind`.
fn kustomization(path: &str, documents: &[yaml::Document]) -> Option<Span> {
    for document in documents {
        let root = &document.root;
        let text = |key: &str| root.get(key).and_then(|e| e.value.as_str());
        if text("apiVersion").is_some_and(|v| v.starts_with("kustomize.config.k8s.io/"))
            && matches!(text("kind"), Some("Kustomization" | "Component"))
        {
            return root.get("kind").map(|e| e.value.span.clone());
        }
    }
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    if !matches!(
        name,
        "kustomization.yaml" | "kustomization.yml" | "Kustomization"
    ) {
        return None;
    }
    let first = documents.first()?.root.entries().first()?;
    Some(first.key.span.clone())
}

/// The `kind` value of an object that is a kustomize strategic-merge patch rather than a
/// whole object: a workload kind whose API requires `spec.selector` without one, or a pod
/// spec whose containers all lack `image`. Neither can be applied as it is, and linting it
/// as a whole object reports everything the patch leaves to its base.
fn kustomize_patch(node: &yaml::Node) -> Option<Span> {
    let kind = node.get("kind")?;
    let spec = node.get("spec").map(|e| &e.value);
    let needs_selector = matches!(
        kind.value.as_str(),
        Some("Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet")
    ) && node
        .get("apiVersion")
        .and_then(|e| e.value.as_str())
        .is_some_and(|v| v == "apps/v1");
    let no_selector = needs_selector && spec.is_some_and(|s| s.get("selector").is_none());
    let pod_spec = kind
        .value
        .as_str()
        .and_then(kubernetes::pod_path)
        .and_then(|path| node.lookup(&yaml::parse_path(path)));
    let containers = pod_spec
        .and_then(|p| p.node.get("containers"))
        .map(|e| e.value.items())
        .unwrap_or_default();
    let imageless = !containers.is_empty() && containers.iter().all(|c| c.get("image").is_none());
    (no_selector || imageless).then(|| kind.value.span.clone())
}

/// Where a Helm-style template shows itself: the first `{{ ... }}` outside a comment.
/// Rendered output is what realtor reads.
fn template_marker(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let code = line.split(" #").next().unwrap_or(line);
        if !line.trim_start().starts_with('#')
            && let Some(open) = code.find("{{")
            && code[open..].contains("}}")
        {
            return Some(offset + open);
        }
        offset += line.len();
    }
    None
}
