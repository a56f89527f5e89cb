//! K029 run-as-user-root: the container is set to run as user 0 (root).

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K029",
    name: "run-as-user-root",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &[],
    summary: "The container is set to run as user 0 (root).",
    help: "Set `runAsUser` to a non-zero user the image's files allow, with `runAsNonRoot: true`.",
    doc: include_str!("../../../rules/kubernetes/K029-run-as-user-root.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((_, pod)) = super::workload(object) else {
        return;
    };
    let pod_user = pod
        .spec
        .security_context
        .as_ref()
        .and_then(|s| s.run_as_user);
    let mut reported = std::collections::HashSet::new();
    for container in pod.containers() {
        let own = container.security_context.and_then(|s| s.run_as_user);
        let (user, node) = match own {
            Some(user) => (Some(user), container.node),
            None => (pod_user, pod.node),
        };
        if user != Some(0) {
            continue;
        }
        let Some(span) = super::entry_span(node, &["securityContext", "runAsUser"])
            .filter(|s| reported.insert((s.start, s.end)))
        else {
            continue;
        };
        let message = match own {
            Some(_) => format!("container `{}` runs as root (`runAsUser: 0`)", container.name),
            None => "the pod's `runAsUser: 0` makes every container that does not set its own user run as root".to_string(),
        };
        report.at(span, message);
    }
}
