//! K033 deprecated-service-account-field: the pod uses the deprecated `serviceAccount` field.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "K033",
    name: "deprecated-service-account-field",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["deprecated-service-account-field"],
    summary: "The pod uses the deprecated `serviceAccount` field.",
    help: "Use `serviceAccountName` instead.",
    doc: include_str!("../../../rules/kubernetes/K033-deprecated-service-account-field.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Some((_, pod)) = super::workload(subject) else {
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
}
