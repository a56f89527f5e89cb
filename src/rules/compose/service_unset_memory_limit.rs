//! C009 service-unset-memory-limit: The service has no memory limit, so it can take all of the host's memory.

use crate::formats::compose::Service;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "C009",
    name: "service-unset-memory-limit",
    severity: Severity::Warning,
    applies_to: AppliesTo::Compose,
    aliases: &[],
    summary: "The service has no memory limit, so it can take all of the host's memory.",
    help: "Set `deploy.resources.limits.memory` (or `mem_limit`) to what the service needs at peak.",
    doc: include_str!("../../../rules/compose/C009-service-unset-memory-limit.md"),
    extra: Extra::NONE,
};

pub fn check(service: &Service<'_>, report: &mut Report<'_>) {
    if service.get("mem_limit").is_some() {
        return;
    }
    let mut at = service.key.clone();
    let mut node = service.node;
    for key in ["deploy", "resources", "limits", "memory"] {
        let Some(entry) = node.get(key) else {
            report.at(at, format!("service `{}` has no memory limit", service.name));
            return;
        };
        at = entry.key.span.clone();
        node = &entry.value;
    }
}
