//! K003 run-as-non-root: a container that may run as root (neither `runAsNonRoot: true`
//! nor a non-zero `runAsUser`, on the container or inherited from the pod).

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Safety};

pub static META: RuleMeta = RuleMeta {
    id: "K003",
    name: "run-as-non-root",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["run-as-non-root"],
    summary: "The container is not required to run as a non-root user.",
    help: "Set `runAsNonRoot: true` (and a non-zero `runAsUser`) in the pod or container securityContext.",
    doc: include_str!("../../../rules/kubernetes/K003-run-as-non-root.md"),
    extra: Extra {
        security_severity: Some("5.5"),
        fix: Some(Safety::Unsafe),
        ..Extra::NONE
    },
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some(pod) = &object.pod else { return };
    let pod_context = pod.spec.security_context.as_ref();
    for container in pod.containers() {
        let context = container.security_context;
        let non_root = context
            .and_then(|s| s.run_as_non_root)
            .or(pod_context.and_then(|s| s.run_as_non_root));
        let user = context
            .and_then(|s| s.run_as_user)
            .or(pod_context.and_then(|s| s.run_as_user));
        // An explicit `runAsUser: 0` is K029's finding, at that key.
        if non_root != Some(true) && user.is_none_or(|u| u < 0) {
            let finding = report.at(
                super::container_span(container.node),
                format!("container `{}` may run as root", container.name),
            );
            let keys = ["securityContext", "runAsNonRoot"];
            let why = (Safety::Unsafe, "set `runAsNonRoot: true`");
            if let Some(fix) = super::set_key(object.text, container.node, &keys, "true", why) {
                finding.fix(fix);
            }
        }
    }
}
