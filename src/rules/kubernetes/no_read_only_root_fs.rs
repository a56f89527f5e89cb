//! K009 no-read-only-root-fs: the container can write to its root filesystem.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Safety};

pub static META: RuleMeta = RuleMeta {
    id: "K009",
    name: "no-read-only-root-fs",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["no-read-only-root-fs"],
    summary: "The container can write to its root filesystem.",
    help: "Set `readOnlyRootFilesystem: true` in the container's securityContext; mount an `emptyDir` where it must write.",
    doc: include_str!("../../../rules/kubernetes/K009-no-read-only-root-fs.md"),
    extra: Extra {
        fix: Some(Safety::Unsafe),
        ..Extra::NONE
    },
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((_, pod)) = super::workload(object) else {
        return;
    };
    for container in pod.containers() {
        let read_only = container
            .security_context
            .and_then(|s| s.read_only_root_filesystem);
        if read_only == Some(true) {
            continue;
        }
        let span = super::entry_span(
            container.node,
            &["securityContext", "readOnlyRootFilesystem"],
        )
        .unwrap_or_else(|| super::container_span(container.node));
        let finding = report.at(
            span,
            format!(
                "container `{}` can write to its root filesystem",
                container.name
            ),
        );
        let keys = ["securityContext", "readOnlyRootFilesystem"];
        let why = (Safety::Unsafe, "set `readOnlyRootFilesystem: true`");
        if let Some(fix) = super::set_key(object.text, container.node, &keys, "true", why) {
            finding.fix(fix);
        }
    }
}
