//! K015 unset-memory-requirements: the container has no memory limit, so it can use the node's memory until something is killed.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K015",
    name: "unset-memory-requirements",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["unset-memory-requirements"],
    summary: "The container has no memory limit, so it can use the node's memory until something is killed.",
    help: "Set `resources.limits.memory` (the request defaults to it).",
    doc: include_str!("../../../rules/kubernetes/K015-unset-memory-requirements.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    super::report_unset_resource(
        object,
        report,
        ["resources", "limits", "memory"],
        "memory limit",
    );
}
