//! D005 maintainer: the deprecated `MAINTAINER` instruction.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Fix, Report, RuleMeta, Safety};
use crate::syntax::dockerfile::Instruction;

pub static META: RuleMeta = RuleMeta {
    id: "D005",
    name: "maintainer",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL4000"],
    summary: "`MAINTAINER` is deprecated.",
    help: "Use `LABEL org.opencontainers.image.authors=\"...\"` instead.",
    doc: include_str!("../../../rules/dockerfile/D005-maintainer.md"),
    extra: Extra {
        fix: Some(Safety::Safe),
        ..Extra::NONE
    },
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for instruction in &dockerfile.instructions {
        if let Instruction::Maintainer(maintainer) = instruction {
            let name = serde_json::to_string(maintainer.name.value.trim()).unwrap_or_default();
            let whole = maintainer.maintainer.span.start..maintainer.name.span.end;
            report
                .at(
                    maintainer.maintainer.span.clone(),
                    "`MAINTAINER` is deprecated",
                )
                .fix(Fix::replace(
                    Safety::Safe,
                    "write it as a `maintainer` label",
                    whole,
                    format!("LABEL maintainer={name}"),
                ));
        }
    }
}
