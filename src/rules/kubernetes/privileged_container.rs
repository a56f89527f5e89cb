//! K001 privileged-container: a container with `securityContext.privileged: true`.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "K001",
    name: "privileged-container",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["privileged-container"],
    summary: "A privileged container has every capability and the host's devices: root on the node.",
    help: "Remove `privileged: true`; add only the capabilities the process needs.",
    doc: include_str!("../../../rules/kubernetes/K001-privileged-container.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Kubernetes(object) = subject else {
            return;
        };
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
}
