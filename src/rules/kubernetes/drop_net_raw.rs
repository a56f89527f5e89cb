//! K010 drop-net-raw-capability: the container keeps the `NET_RAW` capability, which lets it craft raw packets.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K010",
    name: "drop-net-raw-capability",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["drop-net-raw-capability"],
    summary: "The container keeps the `NET_RAW` capability, which lets it craft raw packets.",
    help: "Add `NET_RAW` (or `ALL`) to `securityContext.capabilities.drop`.",
    doc: include_str!("../../../rules/kubernetes/K010-drop-net-raw-capability.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((_, pod)) = super::workload(object) else {
        return;
    };
    for container in pod.containers() {
        let drop = container
            .security_context
            .and_then(|s| s.capabilities.as_ref())
            .and_then(|c| c.drop.as_deref())
            .unwrap_or_default();
        if drop
            .iter()
            .any(|c| matches!(super::capability(c).as_str(), "NET_RAW" | "ALL"))
        {
            continue;
        }
        let span = super::absent_span(
            container.node,
            &["securityContext", "capabilities", "drop"],
            super::container_span(container.node),
        );
        report.at(
            span,
            format!("container `{}` does not drop `NET_RAW`", container.name),
        );
    }
}
