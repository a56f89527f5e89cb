//! K022 dangerous-capabilities: the container adds a capability that amounts to control of the node (`SYS_ADMIN`, `ALL`, ...).

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

use crate::syntax::yaml::parse_path;

pub const DANGEROUS: &[&str] = &[
    "ALL",
    "SYS_ADMIN",
    "NET_ADMIN",
    "SYS_MODULE",
    "SYS_PTRACE",
    "SYS_RAWIO",
];

pub static META: RuleMeta = RuleMeta {
    id: "K022",
    name: "dangerous-capabilities",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &[],
    summary: "The container adds a capability that amounts to control of the node (`SYS_ADMIN`, `ALL`, ...).",
    help: "Remove the capability from `securityContext.capabilities.add`; find the narrow one the process needs.",
    doc: include_str!("../../../rules/kubernetes/K022-dangerous-capabilities.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((_, pod)) = super::workload(object) else {
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
