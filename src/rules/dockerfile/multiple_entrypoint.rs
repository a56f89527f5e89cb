//! D043 multiple-entrypoint: more than one `ENTRYPOINT` in a stage.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::Instruction;

pub static META: RuleMeta = RuleMeta {
    id: "D043",
    name: "multiple-entrypoint",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL4004"],
    summary: "A stage has more than one `ENTRYPOINT`; only the last takes effect.",
    help: "Keep one `ENTRYPOINT` per stage.",
    doc: include_str!("../../../rules/dockerfile/D043-multiple-entrypoint.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    super::report_overridden(dockerfile, report, "ENTRYPOINT", |i| match i {
        Instruction::Entrypoint(i) => Some(i.entrypoint.span.clone()),
        _ => None,
    });
}
