//! K005 host-pid: a pod that shares the node's pid namespace (`hostPID: true`).

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "K005",
    name: "host-pid",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["host-pid"],
    summary: "The pod shares the node's pid namespace (`hostPID: true`).",
    help: "Remove `hostPID: true` unless the pod is a node agent that needs it.",
    doc: include_str!("../../../rules/kubernetes/K005-host-pid.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        if let Subject::Kubernetes(object) = subject {
            super::check_host_namespace(object, "hostPID", report);
        }
    }
}
