//! D042 multiple-cmd: more than one `CMD` in a stage.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};
use crate::syntax::dockerfile::Instruction;

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D042",
    name: "multiple-cmd",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL4003"],
    summary: "A stage has more than one `CMD`; only the last takes effect.",
    help: "Keep one `CMD` per stage.",
    doc: include_str!("../../../rules/dockerfile/D042-multiple-cmd.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Dockerfile(dockerfile) = subject else {
            return;
        };
        super::report_overridden(dockerfile, report, "CMD", |i| match i {
            Instruction::Cmd(i) => Some(i.cmd.span.clone()),
            _ => None,
        });
    }
}
