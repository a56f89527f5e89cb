//! K023 no-liveness-probe: the container has no liveness probe.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K023",
    name: "no-liveness-probe",
    severity: Severity::Info,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["no-liveness-probe"],
    summary: "The container has no liveness probe.",
    help: "Add a `livenessProbe` that checks the application itself (an HTTP endpoint, a TCP port or a command).",
    doc: include_str!("../../../rules/kubernetes/K023-no-liveness-probe.md"),
    extra: Extra {
        opt_in: true,
        ..Extra::NONE
    },
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    super::report_missing_probe(
        object,
        report,
        |c| c.liveness_probe.is_some(),
        "liveness probe",
    );
}
