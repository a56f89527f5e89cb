//! D044 multiple-healthcheck: more than one `HEALTHCHECK` in a stage.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::Instruction;

pub static META: RuleMeta = RuleMeta {
    id: "D044",
    name: "multiple-healthcheck",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3012"],
    summary: "A stage has more than one `HEALTHCHECK`; only the last takes effect.",
    help: "Keep one `HEALTHCHECK` per stage.",
    doc: include_str!("../../../rules/dockerfile/D044-multiple-healthcheck.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    super::report_overridden(dockerfile, report, "HEALTHCHECK", |i| match i {
        Instruction::Healthcheck(i) => Some(i.healthcheck.span.clone()),
        _ => None,
    });
}
