//! K014 unset-cpu-requirements: the container has no CPU request, so the scheduler places it as if it used no CPU.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K014",
    name: "unset-cpu-requirements",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["unset-cpu-requirements"],
    summary: "The container has no CPU request, so the scheduler places it as if it used no CPU.",
    help: "Set `resources.requests.cpu` to what the container needs under normal load.",
    doc: include_str!("../../../rules/kubernetes/K014-unset-cpu-requirements.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    super::report_unset_resource(
        object,
        report,
        ["resources", "requests", "cpu"],
        "CPU request",
    );
}
