//! C001 privileged-service: The service runs privileged (`privileged: true`): root on the host.

use crate::formats::compose::Service;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "C001",
    name: "privileged-service",
    severity: Severity::Error,
    applies_to: AppliesTo::Compose,
    aliases: &[],
    summary: "The service runs privileged (`privileged: true`): root on the host.",
    help: "Remove `privileged: true`; add the one capability or device the service needs instead.",
    doc: include_str!("../../../rules/compose/C001-privileged-service.md"),
    extra: Extra {
        security_severity: Some("8.8"),
        ..Extra::NONE
    },
};

pub fn check(service: &Service<'_>, report: &mut Report<'_>) {
    if let Some(span) = service.set_to("privileged", "true") {
        report.at(span, format!("service `{}` runs privileged", service.name));
    }
}
