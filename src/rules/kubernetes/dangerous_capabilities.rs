//! K022 dangerous-capabilities: the container adds a capability that amounts to control of the node (`SYS_ADMIN`, `ALL`, ...).

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

use crate::syntax::yaml::parse_path;

const DANGEROUS: &[&str] = &[
    "ALL",
    "SYS_ADMIN",
    "NET_ADMIN",
    "SYS_MODULE",
    "SYS_PTRACE",
    "SYS_RAWIO",
];

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "K022",
    name: "dangerous-capabilities",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &[],
    summary: "The container adds a capability that amounts to control of the node (`SYS_ADMIN`, `ALL`, ...).",
    help: "Remove the capability from `securityContext.capabilities.add`; find the narrow one the process needs.",
    doc: include_str!("../../../rules/kubernetes/K022-dangerous-capabilities.md"),
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
            let Some(add) = container
                .node
                .lookup(&parse_path("securityContext.capabilities.add"))
            else {
                continue;
            };
            for item in add.node.items() {
                let Some(name) = item.as_str() else {
                    continue;
                };
                if DANGEROUS.contains(&super::capability(name).as_str()) {
                    report.at(
                        item.span.clone(),
                        format!("container `{}` adds capability `{name}`", container.name),
                    );
                }
            }
        }
    }
}
