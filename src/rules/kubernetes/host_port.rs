//! K027 host-port: the container binds a port on the node (`hostPort`).

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K027",
    name: "host-port",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &[],
    summary: "The container binds a port on the node (`hostPort`).",
    help: "Remove `hostPort` and expose the port through a Service.",
    doc: include_str!("../../../rules/kubernetes/K027-host-port.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((_, pod)) = super::workload(object) else {
        return;
    };
    for container in pod.containers() {
        for (port, node) in
            super::with_nodes(container.spec.ports.as_deref(), container.node, "ports")
        {
            let Some(host_port) = port.host_port.filter(|p| *p != 0) else {
                continue;
            };
            if let Some(span) = super::entry_span(node, &["hostPort"]) {
                report.at(
                    span,
                    format!(
                        "container `{}` binds port {host_port} on the node",
                        container.name
                    ),
                );
            }
        }
    }
}
