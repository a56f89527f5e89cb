//! K021 unsafe-proc-mount: the container's `/proc` is unmasked (`procMount: Unmasked`).

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K021",
    name: "unsafe-proc-mount",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["unsafe-proc-mount"],
    summary: "The container's `/proc` is unmasked (`procMount: Unmasked`).",
    help: "Remove `procMount: Unmasked` (the default masks the sensitive parts of `/proc`).",
    doc: include_str!("../../../rules/kubernetes/K021-unsafe-proc-mount.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((_, pod)) = super::workload(object) else {
        return;
    };
    for container in pod.containers() {
        let proc_mount = container
            .security_context
            .and_then(|s| s.proc_mount.as_deref());
        if proc_mount == Some("Unmasked")
            && let Some(span) =
                super::entry_span(container.node, &["securityContext", "procMount"])
        {
            report.at(
                span,
                format!("container `{}` has an unmasked `/proc`", container.name),
            );
        }
    }
}
