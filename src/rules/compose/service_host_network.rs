//! C002 service-host-network: The service shares the host's network namespace (`network_mode: host`).

use crate::formats::compose::Service;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "C002",
    name: "service-host-network",
    severity: Severity::Error,
    applies_to: AppliesTo::Compose,
    aliases: &[],
    summary: "The service shares the host's network namespace (`network_mode: host`).",
    help: "Remove `network_mode: host` unless the service is a host agent that needs it.",
    doc: include_str!("../../../rules/compose/C002-service-host-network.md"),
    extra: Extra {
        security_severity: Some("7.5"),
        ..Extra::NONE
    },
};

pub fn check(service: &Service<'_>, report: &mut Report<'_>) {
    super::check_host_namespace(service, "network_mode", "network", report);
}
