//! C010 service-env-secret: A secret-looking environment variable has its value written in the Compose file.

use crate::formats::compose::Service;
use crate::rules::kubernetes::env_var_secret::{is_setting, looks_secret};
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "C010",
    name: "service-env-secret",
    severity: Severity::Warning,
    applies_to: AppliesTo::Compose,
    aliases: &[],
    summary: "A secret-looking environment variable has its value written in the Compose file.",
    help: "Use Compose `secrets:`, or take the value from the environment (`${DB_PASSWORD}`) or an `env_file` kept out of git.",
    doc: include_str!("../../../rules/compose/C010-service-env-secret.md"),
    extra: Extra::NONE,
};

pub fn check(service: &Service<'_>, report: &mut Report<'_>) {
    for (name, value, span) in service.pairs("environment") {
        let Some(value) = value else { continue };
        if looks_secret(name) && !value.is_empty() && !value.contains('$') && !is_setting(value) {
            report.at(
                span,
                format!(
                    "`{name}` of service `{}` has its value written in the file",
                    service.name
                ),
            );
        }
    }
}
