//! A VM inventory end to end: a native inventory or an imported export, decoded, its rules
//! and one workload per machine.

use super::*;
use crate::syntax::yaml;

pub(super) fn is_inventory(root: &yaml::Node) -> bool {
    let text = |key: &str| root.get(key).and_then(|e| e.value.as_str());
    text("kind") == Some("Inventory")
        && text("apiVersion").is_some_and(|v| v.starts_with("realtor.dev/"))
}

/// An inventory exported by a hypervisor or discovery tool, read into the native shape:
/// the rows or elements that could not be read are parse errors, the rest is checked like a
/// native inventory.
pub(super) fn check_imported(
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

pub(super) fn check_inventory(
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
