//! D003 root-user: the final stage's last `USER` is root.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D003",
    name: "root-user",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3002"],
    summary: "The image's last `USER` is root, so its process runs as root.",
    help: "Switch to an unprivileged user at the end of the final stage, e.g. `USER 10001`.",
    doc: include_str!("../../../rules/dockerfile/D003-root-user.md"),
    extra: Extra {
        security_severity: Some("5.5"),
        ..Extra::NONE
    },
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    if let Some((name, span)) = super::final_user(dockerfile)
        && (name == "root" || name == "0")
    {
        report.at(span, "the final stage runs as root");
    }
}
