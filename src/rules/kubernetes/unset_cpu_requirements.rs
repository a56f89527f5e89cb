//! K014 unset-cpu-requirements: the container has no CPU request, so the scheduler places it as if it used no CPU.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

use crate::kubernetes::ContainerList;

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "K014",
    name: "unset-cpu-requirements",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["unset-cpu-requirements"],
    summary: "The container has no CPU request, so the scheduler places it as if it used no CPU.",
    help: "Set `resources.requests.cpu` to what the container needs under normal load.",
    doc: include_str!("../../../rules/kubernetes/K014-unset-cpu-requirements.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Some((_, pod)) = super::workload(subject) else {
            return;
        };
        for container in pod.containers() {
            if container.list == ContainerList::Ephemeral {
                continue;
            }
            let set = container
                .spec
                .resources
                .as_ref()
                .and_then(|r| r.requests.as_ref())
                .is_some_and(|m| m.contains_key("cpu"));
            if set {
                continue;
            }
            let span = super::absent_span(
                container.node,
                &["resources", "requests", "cpu"],
                super::container_span(container.node),
            );
            report.at(
                span,
                format!("container `{}` has no CPU request", container.name),
            );
        }
    }
}
