//! D055 reserved-stage-name: a stage named `scratch` or `context`.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::Instruction;

pub static META: RuleMeta = RuleMeta {
    id: "D055",
    name: "reserved-stage-name",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3063"],
    summary: "A stage is named `scratch` or `context`, words BuildKit reserves.",
    help: "Rename the stage.",
    doc: include_str!("../../../rules/dockerfile/D055-reserved-stage-name.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for stage in &dockerfile.stages {
        if let Instruction::From(from) = &dockerfile.instructions[stage.from]
            && let Some((_, name)) = &from.as_
            && ["scratch", "context"]
                .iter()
                .any(|r| name.value.eq_ignore_ascii_case(r))
        {
            report.at(
                name.span.clone(),
                format!("`{}` is a reserved stage name", name.value),
            );
        }
    }
}
