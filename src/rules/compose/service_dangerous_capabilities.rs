//! C006 service-dangerous-capabilities: The service adds a capability that amounts to control of the host (`SYS_ADMIN`, `ALL`, ...).

use crate::formats::compose::Service;
use crate::rules::kubernetes::dangerous_capabilities::DANGEROUS;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "C006",
    name: "service-dangerous-capabilities",
    severity: Severity::Error,
    applies_to: AppliesTo::Compose,
    aliases: &[],
    summary: "The service adds a capability that amounts to control of the host (`SYS_ADMIN`, `ALL`, ...).",
    help: "Remove the capability from `cap_add`, or run the workload on a VM of its own.",
    doc: include_str!("../../../rules/compose/C006-service-dangerous-capabilities.md"),
    extra: Extra {
        security_severity: Some("8.0"),
        ..Extra::NONE
    },
};

pub fn check(service: &Service<'_>, report: &mut Report<'_>) {
    for item in service.items("cap_add") {
        let Some(name) = item.as_str() else { continue };
        let cap = name.to_ascii_uppercase();
        let cap = cap.trim_start_matches("CAP_");
        if DANGEROUS.contains(&cap) {
            report.at(
                item.span.clone(),
                format!("service `{}` adds capability `{cap}`", service.name),
            );
        }
    }
}
