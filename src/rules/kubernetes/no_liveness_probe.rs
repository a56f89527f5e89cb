//! K023 no-liveness-probe: the container has no liveness probe.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "K023",
    name: "no-liveness-probe",
    severity: Severity::Info,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["no-liveness-probe"],
    summary: "The container has no liveness probe.",
    help: "Add a `livenessProbe` that checks the application itself (an HTTP endpoint, a TCP port or a command).",
    doc: include_str!("../../../rules/kubernetes/K023-no-liveness-probe.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        super::report_missing_probe(
            subject,
            report,
            |c| c.liveness_probe.is_some(),
            "liveness probe",
        );
    }
}
