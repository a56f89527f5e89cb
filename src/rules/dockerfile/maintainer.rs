//! D005 maintainer: the deprecated `MAINTAINER` instruction.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};
use crate::syntax::dockerfile::Instruction;

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D005",
    name: "maintainer",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL4000"],
    summary: "`MAINTAINER` is deprecated.",
    help: "Use `LABEL org.opencontainers.image.authors=\"...\"` instead.",
    doc: include_str!("../../../rules/dockerfile/D005-maintainer.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Dockerfile(dockerfile) = subject else {
            return;
        };
        for instruction in &dockerfile.instructions {
            if let Instruction::Maintainer(maintainer) = instruction {
                report.at(
                    maintainer.maintainer.span.clone(),
                    "`MAINTAINER` is deprecated",
                );
            }
        }
    }
}
