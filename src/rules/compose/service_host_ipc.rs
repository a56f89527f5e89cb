//! C004 service-host-ipc: The service shares the host's IPC namespace (`ipc: host`).

use crate::formats::compose::Service;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "C004",
    name: "service-host-ipc",
    severity: Severity::Error,
    applies_to: AppliesTo::Compose,
    aliases: &[],
    summary: "The service shares the host's IPC namespace (`ipc: host`).",
    help: "Remove `ipc: host` unless the service is a host agent that needs it.",
    doc: include_str!("../../../rules/compose/C004-service-host-ipc.md"),
    extra: Extra {
        security_severity: Some("6.5"),
        ..Extra::NONE
    },
};

pub fn check(service: &Service<'_>, report: &mut Report<'_>) {
    super::check_host_namespace(service, "ipc", "IPC", report);
}
