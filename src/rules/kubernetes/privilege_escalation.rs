//! K002 privilege-escalation-container: `allowPrivilegeEscalation: true`.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Safety};

pub static META: RuleMeta = RuleMeta {
    id: "K002",
    name: "privilege-escalation-container",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["privilege-escalation-container"],
    summary: "The container allows privilege escalation: a process can gain more privileges than its parent.",
    help: "Set `allowPrivilegeEscalation: false` in the container's securityContext.",
    doc: include_str!("../../../rules/kubernetes/K002-privilege-escalation-container.md"),
    extra: Extra {
        security_severity: Some("7.0"),
        fix: Some(Safety::Unsafe),
        ..Extra::NONE
    },
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some(pod) = &object.pod else { return };
    for container in pod.containers() {
        let allowed = container
            .security_context
            .and_then(|s| s.allow_privilege_escalation);
        if allowed == Some(true)
            && let Some(span) = super::entry_span(
                container.node,
                &["securityContext", "allowPrivilegeEscalation"],
            )
        {
            let finding = report.at(
                span,
                format!("container `{}` allows privilege escalation", container.name),
            );
            let keys = ["securityContext", "allowPrivilegeEscalation"];
            let why = (Safety::Unsafe, "set `allowPrivilegeEscalation: false`");
            if let Some(fix) = super::set_key(object.text, container.node, &keys, "false", why) {
                finding.fix(fix);
            }
        }
    }
}
