//! K012 sensitive-host-mounts: a `hostPath` volume mounts a sensitive directory of the node (`/`, `/etc`, `/proc`, ...).

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

/// The node directories kube-linter's `sensitive-host-mounts` lists.
pub const SENSITIVE: &[&str] = &[
    "/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr",
];

pub static META: RuleMeta = RuleMeta {
    id: "K012",
    name: "sensitive-host-mounts",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["sensitive-host-mounts"],
    summary: "A `hostPath` volume mounts a sensitive directory of the node (`/`, `/etc`, `/proc`, ...).",
    help: "Remove the volume, or mount the one file the workload needs, read-only.",
    doc: include_str!("../../../rules/kubernetes/K012-sensitive-host-mounts.md"),
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
        let path = match host_path.path.trim_end_matches('/') {
            "" => "/",
            trimmed => trimmed,
        };
        if SENSITIVE.contains(&path) {
            report.at(
                span,
                format!("volume `{}` mounts the node's `{path}`", volume.name),
            );
        }
    }
}
