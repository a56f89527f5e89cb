//! A YAML file end to end: a realtor inventory, a Docker Compose file, or Kubernetes objects (kustomize patches
//! and Helm templates skipped with a notice), each object's rules and workload.

use super::compose::check_compose;
use super::machines::{check_inventory, is_inventory};
use super::*;
use crate::formats::compose;
use crate::input::discover::KUSTOMIZATIONS;
use crate::syntax::yaml;

pub(super) fn check_yaml(file: &SourceFile, settings: &Settings, out: &mut Outcome) -> FileKind {
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
        } else if compose::is_compose(root) {
            kind = FileKind::Compose;
            check_compose(file, root, (&enabled, settings), &mut findings, out);
        } else if kubernetes::is_object(root) || root.get("items").is_some() {
            for object in kubernetes::objects(document, &file.text) {
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
            "{} kustomize patch(es) found (a workload without `spec.selector`, or containers without `image`): not linted on their own, only in the output of the overlay that lists them",
            patches.len()
        );
        let help = "Check the overlay's directory, which realtor renders with kustomize or kubectl, or render it yourself: kubectl kustomize DIR | realtor check --stdin-filename rendered.yaml -";
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

pub(super) fn check_object(
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
    let identity = object.label();
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

/// Where a kustomize overlay shows itself: the `kind` of a `Kustomization` or `Component`
/// document, or the first key of a file named `kustomization.yaml` (`.yml`,
/// `Kustomization`), which often has no `kind`.
pub(super) fn kustomization(path: &str, documents: &[yaml::Document]) -> Option<Span> {
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
    if !KUSTOMIZATIONS.contains(&name) {
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
