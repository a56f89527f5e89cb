//! C008 service-no-healthcheck: The service has no healthcheck, so Compose cannot tell when it is ready or has hung.

use crate::formats::compose;
use crate::formats::compose::Service;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "C008",
    name: "service-no-healthcheck",
    severity: Severity::Info,
    applies_to: AppliesTo::Compose,
    aliases: &[],
    summary: "The service has no healthcheck, so Compose cannot tell when it is ready or has hung.",
    help: "Add a `healthcheck:` with a `test` that exercises the service (and `depends_on: {svc: {condition: service_healthy}}` where others wait for it).",
    doc: include_str!("../../../rules/compose/C008-service-no-healthcheck.md"),
    extra: Extra::NONE,
};

pub fn check(service: &Service<'_>, report: &mut Report<'_>) {
    match service.get("healthcheck") {
        None => {
            report.at(
                service.key.clone(),
                format!("service `{}` has no healthcheck", service.name),
            );
        }
        Some(entry) => {
            if let Some(span) = compose::value_of(&entry.value, "disable", "true") {
                report.at(
                    span,
                    format!("service `{}` turns its healthcheck off", service.name),
                );
            }
        }
    }
}
