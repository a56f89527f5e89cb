//! K015 unset-memory-requirements: the container has no memory limit, so it can use the node's memory until something is killed.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

use crate::kubernetes::ContainerList;

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "K015",
    name: "unset-memory-requirements",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["unset-memory-requirements"],
    summary: "The container has no memory limit, so it can use the node's memory until something is killed.",
    help: "Set `resources.limits.memory` (the request defaults to it).",
    doc: include_str!("../../../rules/kubernetes/K015-unset-memory-requirements.md"),
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
                .and_then(|r| r.limits.as_ref())
                .is_some_and(|m| m.contains_key("memory"));
            if set {
                continue;
            }
            let span = super::absent_span(
                container.node,
                &["resources", "limits", "memory"],
                super::container_span(container.node),
            );
            report.at(
                span,
                format!("container `{}` has no memory limit", container.name),
            );
        }
    }
}
