//! K013 unsafe-sysctls: the pod sets a sysctl outside Kubernetes's safe set.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

/// The sysctls Kubernetes considers safe (namespaced and isolated between pods).
const SAFE: &[&str] = &[
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.ping_group_range",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
    "net.ipv4.tcp_rmem",
    "net.ipv4.tcp_wmem",
];

pub static META: RuleMeta = RuleMeta {
    id: "K013",
    name: "unsafe-sysctls",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["unsafe-sysctls"],
    summary: "The pod sets a sysctl outside Kubernetes's safe set.",
    help: "Remove the sysctl, or allow it on the nodes explicitly (`--allowed-unsafe-sysctls`) and isolate those nodes.",
    doc: include_str!("../../../rules/kubernetes/K013-unsafe-sysctls.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((_, pod)) = super::workload(object) else {
        return;
    };
    let Some(context) = &pod.spec.security_context else {
        return;
    };
    let Some(context_node) = pod.node.get("securityContext") else {
        return;
    };
    for (sysctl, node) in
        super::with_nodes(context.sysctls.as_deref(), &context_node.value, "sysctls")
    {
        let name = sysctl.name.replace('/', ".");
        if SAFE.contains(&name.as_str()) {
            continue;
        }
        if let Some(span) = super::value_span(node, &["name"]) {
            report.at(
                span,
                format!("sysctl `{}` is not in Kubernetes's safe set", sysctl.name),
            );
        }
    }
}
