//! K008 unknown-field: a key the Kubernetes schema of a built-in kind does not have,
//! usually a typo (`securityContex`) that silently drops a setting.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K008",
    name: "unknown-field",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &[],
    summary: "The key is not part of the object's schema; the API server drops it or rejects the object.",
    help: "Check the spelling and the indentation of the key.",
    doc: include_str!("../../../rules/kubernetes/K008-unknown-field.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    for path in &object.unknown_fields {
        let Some(found) = object.node.lookup(&path.segments()) else {
            continue;
        };
        let span = found.key.unwrap_or_else(|| found.node.span.clone());
        let key = path.last_key().unwrap_or_default();
        report.at(
            span,
            format!("unknown field `{key}` in {} (at `{path}`)", object.kind),
        );
    }
}
