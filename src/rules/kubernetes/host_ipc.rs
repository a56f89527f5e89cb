//! K006 host-ipc: a pod that shares the node's ipc namespace (`hostIPC: true`).

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K006",
    name: "host-ipc",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["host-ipc"],
    summary: "The pod shares the node's ipc namespace (`hostIPC: true`).",
    help: "Remove `hostIPC: true` unless the pod is a node agent that needs it.",
    doc: include_str!("../../../rules/kubernetes/K006-host-ipc.md"),
    extra: Extra {
        security_severity: Some("6.5"),
        ..Extra::NONE
    },
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    super::check_host_namespace(object, "hostIPC", report);
}
