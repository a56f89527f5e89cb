//! K005 host-pid: a pod that shares the node's pid namespace (`hostPID: true`).

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K005",
    name: "host-pid",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["host-pid"],
    summary: "The pod shares the node's pid namespace (`hostPID: true`).",
    help: "Remove `hostPID: true` unless the pod is a node agent that needs it.",
    doc: include_str!("../../../rules/kubernetes/K005-host-pid.md"),
    extra: Extra {
        security_severity: Some("7.5"),
        ..Extra::NONE
    },
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    super::check_host_namespace(object, "hostPID", report);
}
