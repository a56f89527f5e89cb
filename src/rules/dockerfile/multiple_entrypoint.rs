//! D043 multiple-entrypoint: more than one `ENTRYPOINT` in a stage.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};
use crate::syntax::dockerfile::Instruction;

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D043",
    name: "multiple-entrypoint",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL4004"],
    summary: "A stage has more than one `ENTRYPOINT`; only the last takes effect.",
    help: "Keep one `ENTRYPOINT` per stage.",
    doc: include_str!("../../../rules/dockerfile/D043-multiple-entrypoint.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Dockerfile(dockerfile) = subject else {
            return;
        };
        super::report_overridden(dockerfile, report, "ENTRYPOINT", |i| match i {
            Instruction::Entrypoint(i) => Some(i.entrypoint.span.clone()),
            _ => None,
        });
    }
}
