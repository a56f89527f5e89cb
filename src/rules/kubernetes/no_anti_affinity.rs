//! K016 no-anti-affinity: several replicas with no pod anti-affinity or topology spread may all land on one node.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K016",
    name: "no-anti-affinity",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["no-anti-affinity"],
    summary: "Several replicas with no pod anti-affinity or topology spread may all land on one node.",
    help: "Add `affinity.podAntiAffinity` (or `topologySpreadConstraints`) over `kubernetes.io/hostname`.",
    doc: include_str!("../../../rules/kubernetes/K016-no-anti-affinity.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((object, pod)) = super::workload(object) else {
        return;
    };
    if pod.replicas.is_none_or(|r| r <= 1) {
        return;
    }
    let anti_affinity = pod
        .spec
        .affinity
        .as_ref()
        .is_some_and(|a| a.pod_anti_affinity.is_some());
    if anti_affinity || pod.spec.topology_spread_constraints.is_some() {
        return;
    }
    if let Some(span) = super::entry_span(object.node, &["spec", "replicas"]) {
        report.at(
            span,
            format!(
                "{} replicas with no pod anti-affinity or topology spread",
                pod.replicas.unwrap_or_default()
            ),
        );
    }
}
