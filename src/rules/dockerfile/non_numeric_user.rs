//! D060 non-numeric-user: the final `USER` is a name, not a numeric id.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D060",
    name: "non-numeric-user",
    severity: Severity::Info,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3066"],
    summary: "The image's final `USER` is a name, so platforms that check for a non-root numeric id cannot verify it.",
    help: "Use a numeric id, e.g. `USER 10001:10001`.",
    doc: include_str!("../../../rules/dockerfile/D060-non-numeric-user.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    if let Some((name, span)) = super::final_user(dockerfile) {
        let numeric = name.chars().all(|c| c.is_ascii_digit());
        if !numeric && !name.contains('$') && name != "root" {
            report.at(span, format!("`USER {name}` is not a numeric id"));
        }
    }
}
