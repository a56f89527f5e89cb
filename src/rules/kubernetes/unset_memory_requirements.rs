//! K015 unset-memory-requirements: the container has no memory limit, so it can use the node's memory until something is killed.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "K015",
    name: "unset-memory-requirements",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["unset-memory-requirements"],
    summary: "The container has no memory limit, so it can use the node's memory until something is killed.",
    help: "Set `resources.limits.memory` (the request defaults to it).",
    doc: include_str!("../../../rules/kubernetes/K015-unset-memory-requirements.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        super::report_unset_resource(
            subject,
            report,
            ["resources", "limits", "memory"],
            "memory limit",
        );
    }
}
