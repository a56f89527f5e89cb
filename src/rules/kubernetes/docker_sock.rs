//! K011 docker-sock: a `hostPath` volume mounts the container runtime's socket, which controls the whole node.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

/// Sockets of container runtimes: each gives full control of the node.
pub const RUNTIME_SOCKETS: &[&str] = &["docker.sock", "containerd.sock", "crio.sock", "podman.sock"];

pub static META: RuleMeta = RuleMeta {
    id: "K011",
    name: "docker-sock",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["docker-sock"],
    summary: "A `hostPath` volume mounts the container runtime's socket, which controls the whole node.",
    help: "Remove the volume; talk to the runtime through an API with its own authorisation.",
    doc: include_str!("../../../rules/kubernetes/K011-docker-sock.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((_, pod)) = super::workload(object) else {
        return;
    };
    for (volume, node) in super::with_nodes(pod.spec.volumes.as_deref(), pod.node, "volumes") {
        let Some(host_path) = &volume.host_path else {
            continue;
        };
        let Some(span) = super::value_span(node, &["hostPath", "path"]) else {
            continue;
        };
        let path = host_path.path.trim_end_matches('/');
        if RUNTIME_SOCKETS.iter().any(|socket| path.ends_with(socket)) {
            report.at(
                span,
                format!(
                    "volume `{}` mounts the runtime socket `{path}`",
                    volume.name
                ),
            );
        }
    }
}
