//! K023 no-liveness-probe: the container has no liveness probe.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

use crate::kubernetes::ContainerList;

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "K023",
    name: "no-liveness-probe",
    severity: Severity::Info,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["no-liveness-probe"],
    summary: "The container has no liveness probe.",
    help: "Add a `livenessProbe` that checks the application itself (an HTTP endpoint, a TCP port or a command).",
    doc: include_str!("../../../rules/kubernetes/K023-no-liveness-probe.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Some((object, pod)) = super::workload(subject) else {
            return;
        };
        if matches!(object.kind, "Job" | "CronJob") {
            return;
        }
        for container in pod.containers() {
            if container.list != ContainerList::App || container.spec.liveness_probe.is_some() {
                continue;
            }
            report.at(
                super::container_span(container.node),
                format!("container `{}` has no liveness probe", container.name),
            );
        }
    }
}
