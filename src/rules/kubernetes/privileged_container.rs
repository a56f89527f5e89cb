//! K001 privileged-container: a container with `securityContext.privileged: true`.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K001",
    name: "privileged-container",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["privileged-container"],
    summary: "A privileged container has every capability and the host's devices: root on the node.",
    help: "Remove `privileged: true`; add only the capabilities the process needs.",
    doc: include_str!("../../../rules/kubernetes/K001-privileged-container.md"),
    extra: Extra {
        security_severity: Some("8.8"),
        ..Extra::NONE
    },
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some(pod) = &object.pod else { return };
    for container in pod.containers() {
        let privileged = container.security_context.and_then(|s| s.privileged);
        if privileged == Some(true)
            && let Some(span) =
                super::entry_span(container.node, &["securityContext", "privileged"])
        {
            report.at(
                span,
                format!("container `{}` is privileged", container.name),
            );
        }
    }
}
