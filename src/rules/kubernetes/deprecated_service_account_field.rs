//! K033 deprecated-service-account-field: the pod uses the deprecated `serviceAccount` field.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K033",
    name: "deprecated-service-account-field",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["deprecated-service-account-field"],
    summary: "The pod uses the deprecated `serviceAccount` field.",
    help: "Use `serviceAccountName` instead.",
    doc: include_str!("../../../rules/kubernetes/K033-deprecated-service-account-field.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((_, pod)) = super::workload(object) else {
        return;
    };
    let Some(old) = pod.spec.service_account.as_deref() else {
        return;
    };
    let Some(span) = super::entry_span(pod.node, &["serviceAccount"]) else {
        return;
    };
    let message = match pod.spec.service_account_name.as_deref() {
        Some(name) if name != old => format!(
            "deprecated `serviceAccount: {old}` disagrees with `serviceAccountName: {name}`"
        ),
        _ => format!("`serviceAccount: {old}` is deprecated"),
    };
    report.at(span, message);
}
