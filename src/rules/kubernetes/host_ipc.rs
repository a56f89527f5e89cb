//! K006 host-ipc: a pod that shares the node's ipc namespace (`hostIPC: true`).

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "K006",
    name: "host-ipc",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["host-ipc"],
    summary: "The pod shares the node's ipc namespace (`hostIPC: true`).",
    help: "Remove `hostIPC: true` unless the pod is a node agent that needs it.",
    doc: include_str!("../../../rules/kubernetes/K006-host-ipc.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        if let Subject::Kubernetes(object) = subject {
            super::check_host_namespace(object, "hostIPC", report);
        }
    }
}
