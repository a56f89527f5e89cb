//! K004 host-network: a pod that shares the node's network namespace (`hostNetwork: true`).

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "K004",
    name: "host-network",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["host-network"],
    summary: "The pod shares the node's network namespace (`hostNetwork: true`).",
    help: "Remove `hostNetwork: true` unless the pod is a node agent that needs it.",
    doc: include_str!("../../../rules/kubernetes/K004-host-network.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        if let Subject::Kubernetes(object) = subject {
            super::check_host_namespace(object, "hostNetwork", report);
        }
    }
}
