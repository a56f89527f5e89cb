//! K020 writable-host-mount: a container mounts a `hostPath` volume writable.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K020",
    name: "writable-host-mount",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["writable-host-mount"],
    summary: "A container mounts a `hostPath` volume writable.",
    help: "Set `readOnly: true` on the volume mount, or use a volume type that is not the node's filesystem.",
    doc: include_str!("../../../rules/kubernetes/K020-writable-host-mount.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((_, pod)) = super::workload(object) else {
        return;
    };
    let host_volumes: std::collections::HashSet<&str> = pod
        .spec
        .volumes
        .iter()
        .flatten()
        .filter(|v| v.host_path.is_some())
        .map(|v| v.name.as_str())
        .collect();
    for container in pod.containers() {
        let mounts = container.spec.volume_mounts.as_deref();
        for (mount, node) in super::with_nodes(mounts, container.node, "volumeMounts") {
            if mount.read_only == Some(true) || !host_volumes.contains(&mount.name.as_str()) {
                continue;
            }
            let span = super::entry_span(node, &["readOnly"])
                .or_else(|| super::value_span(node, &["mountPath"]))
                .unwrap_or_else(|| node.span.clone());
            report.at(
                span,
                format!(
                    "container `{}` mounts host path volume `{}` writable",
                    container.name, mount.name
                ),
            );
        }
    }
}
