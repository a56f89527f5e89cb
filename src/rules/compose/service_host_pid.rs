//! C003 service-host-pid: The service shares the host's PID namespace (`pid: host`).

use crate::formats::compose::Service;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "C003",
    name: "service-host-pid",
    severity: Severity::Error,
    applies_to: AppliesTo::Compose,
    aliases: &[],
    summary: "The service shares the host's PID namespace (`pid: host`).",
    help: "Remove `pid: host` unless the service is a host agent that needs it.",
    doc: include_str!("../../../rules/compose/C003-service-host-pid.md"),
    extra: Extra {
        security_severity: Some("7.5"),
        ..Extra::NONE
    },
};

pub fn check(service: &Service<'_>, report: &mut Report<'_>) {
    super::check_host_namespace(service, "pid", "PID", report);
}
