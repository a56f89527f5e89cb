//! K024 no-readiness-probe: the container has no readiness probe.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

use crate::kubernetes::ContainerList;

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "K024",
    name: "no-readiness-probe",
    severity: Severity::Info,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["no-readiness-probe"],
    summary: "The container has no readiness probe.",
    help: "Add a `readinessProbe` that checks the application itself (an HTTP endpoint, a TCP port or a command).",
    doc: include_str!("../../../rules/kubernetes/K024-no-readiness-probe.md"),
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
            if container.list != ContainerList::App || container.spec.readiness_probe.is_some() {
                continue;
            }
            report.at(
                super::container_span(container.node),
                format!("container `{}` has no readiness probe", container.name),
            );
        }
    }
}
