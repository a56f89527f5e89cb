//! D038 copy-from-own-stage: `COPY --from` naming the stage it is in.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::Instruction;

pub static META: RuleMeta = RuleMeta {
    id: "D038",
    name: "copy-from-own-stage",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3023"],
    summary: "`COPY --from` names the stage it is in, which cannot copy from itself.",
    help: "Copy from an earlier stage, or use a plain `COPY` inside the stage.",
    doc: include_str!("../../../rules/dockerfile/D038-copy-from-own-stage.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
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
