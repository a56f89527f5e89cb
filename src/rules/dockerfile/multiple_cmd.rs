//! D042 multiple-cmd: more than one `CMD` in a stage.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::Instruction;

pub static META: RuleMeta = RuleMeta {
    id: "D042",
    name: "multiple-cmd",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL4003"],
    summary: "A stage has more than one `CMD`; only the last takes effect.",
    help: "Keep one `CMD` per stage.",
    doc: include_str!("../../../rules/dockerfile/D042-multiple-cmd.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    super::report_overridden(dockerfile, report, "CMD", |i| match i {
        Instruction::Cmd(i) => Some(i.cmd.span.clone()),
        _ => None,
    });
}
