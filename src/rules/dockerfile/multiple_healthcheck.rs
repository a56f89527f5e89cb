//! D044 multiple-healthcheck: more than one `HEALTHCHECK` in a stage.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};
use crate::syntax::dockerfile::Instruction;

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D044",
    name: "multiple-healthcheck",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3012"],
    summary: "A stage has more than one `HEALTHCHECK`; only the last takes effect.",
    help: "Keep one `HEALTHCHECK` per stage.",
    doc: include_str!("../../../rules/dockerfile/D044-multiple-healthcheck.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Dockerfile(dockerfile) = subject else {
            return;
        };
        super::report_overridden(dockerfile, report, "HEALTHCHECK", |i| match i {
            Instruction::Healthcheck(i) => Some(i.healthcheck.span.clone()),
            _ => None,
        });
    }
}
