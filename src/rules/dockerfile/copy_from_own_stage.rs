//! D038 copy-from-own-stage: `COPY --from` naming the stage it is in.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};
use crate::syntax::dockerfile::Instruction;

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D038",
    name: "copy-from-own-stage",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3023"],
    summary: "`COPY --from` names the stage it is in, which cannot copy from itself.",
    help: "Copy from an earlier stage, or use a plain `COPY` inside the stage.",
    doc: include_str!("../../../rules/dockerfile/D038-copy-from-own-stage.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Dockerfile(dockerfile) = subject else {
            return;
        };
        for stage in &dockerfile.stages {
            let Some(own) = &stage.name else {
                continue;
            };
            for instruction in dockerfile.stage_instructions(stage) {
                if let Instruction::Copy(copy) = instruction
                    && let Some(from) = super::copy_from(copy)
                    && from.value.eq_ignore_ascii_case(own)
                {
                    report.at(
                        from.span.clone(),
                        format!("`--from={}` is the stage this `COPY` is in", from.value),
                    );
                }
            }
        }
    }
}
