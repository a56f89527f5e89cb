//! K004 host-network: a pod that shares the node's network namespace (`hostNetwork: true`).

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K004",
    name: "host-network",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["host-network"],
    summary: "The pod shares the node's network namespace (`hostNetwork: true`).",
    help: "Remove `hostNetwork: true` unless the pod is a node agent that needs it.",
    doc: include_str!("../../../rules/kubernetes/K004-host-network.md"),
    extra: Extra {
        security_severity: Some("7.5"),
        ..Extra::NONE
    },
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    super::check_host_namespace(object, "hostNetwork", report);
}
