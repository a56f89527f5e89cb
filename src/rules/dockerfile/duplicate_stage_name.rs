//! D039 duplicate-stage-name: two stages with the same name.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::Instruction;

pub static META: RuleMeta = RuleMeta {
    id: "D039",
    name: "duplicate-stage-name",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3024"],
    summary: "Two build stages have the same name, so `--from` and `--target` cannot tell them apart.",
    help: "Give every stage a unique name.",
    doc: include_str!("../../../rules/dockerfile/D039-duplicate-stage-name.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for (index, stage) in dockerfile.stages.iter().enumerate() {
        let Some(name) = &stage.name else {
            continue;
        };
        let repeated = dockerfile.stage_by_name(name).is_some_and(|s| s < index);
        if repeated
            && let Instruction::From(from) = &dockerfile.instructions[stage.from]
            && let Some((_, alias)) = &from.as_
        {
            report.at(
                alias.span.clone(),
                format!("stage name `{name}` is already used by an earlier stage"),
            );
        }
    }
}
