//! K024 no-readiness-probe: the container has no readiness probe.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K024",
    name: "no-readiness-probe",
    severity: Severity::Info,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["no-readiness-probe"],
    summary: "The container has no readiness probe.",
    help: "Add a `readinessProbe` that checks the application itself (an HTTP endpoint, a TCP port or a command).",
    doc: include_str!("../../../rules/kubernetes/K024-no-readiness-probe.md"),
    extra: Extra {
        opt_in: true,
        ..Extra::NONE
    },
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    super::report_missing_probe(
        object,
        report,
        |c| c.readiness_probe.is_some(),
        "readiness probe",
    );
}
