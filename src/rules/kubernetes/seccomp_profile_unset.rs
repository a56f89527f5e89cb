//! K028 seccomp-profile-unset: the container runs without a seccomp profile (unset or `Unconfined`).

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K028",
    name: "seccomp-profile-unset",
    severity: Severity::Info,
    applies_to: AppliesTo::Kubernetes,
    aliases: &[],
    summary: "The container runs without a seccomp profile (unset or `Unconfined`).",
    help: "Set `seccompProfile: {type: RuntimeDefault}` in the pod's securityContext.",
    doc: include_str!("../../../rules/kubernetes/K028-seccomp-profile-unset.md"),
    extra: Extra {
        opt_in: true,
        ..Extra::NONE
    },
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((_, pod)) = super::workload(object) else {
        return;
    };
    let pod_type = pod
        .spec
        .security_context
        .as_ref()
        .and_then(|s| s.seccomp_profile.as_ref())
        .map(|p| p.type_.as_str());
    let mut reported = std::collections::HashSet::new();
    for container in pod.containers() {
        let own = container
            .security_context
            .and_then(|s| s.seccomp_profile.as_ref())
            .map(|p| p.type_.as_str());
        let (profile, node) = match own {
            Some(profile) => (Some(profile), container.node),
            None => (pod_type, pod.node),
        };
        let span = match profile {
            Some("Unconfined") => {
                super::value_span(node, &["securityContext", "seccompProfile", "type"])
            }
            Some(_) => continue,
            None => Some(super::container_span(container.node)),
        };
        let Some(span) = span.filter(|s| reported.insert((s.start, s.end))) else {
            continue;
        };
        let message = match (profile, own) {
            (None, _) => format!("container `{}` runs with no seccomp profile", container.name),
            (Some(_), Some(_)) => format!(
                "container `{}` runs with an `Unconfined` seccomp profile",
                container.name
            ),
            (Some(_), None) => {
                "the pod's `Unconfined` seccomp profile applies to every container that does not set its own".to_string()
            }
        };
        report.at(span, message);
    }
}
