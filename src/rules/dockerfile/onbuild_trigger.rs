//! D057 onbuild-trigger: `ONBUILD` of `FROM`, `MAINTAINER` or `ONBUILD`.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::{Instruction, keyword_span};

pub static META: RuleMeta = RuleMeta {
    id: "D057",
    name: "onbuild-trigger",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3043"],
    summary: "`ONBUILD` triggers a `FROM`, `MAINTAINER` or another `ONBUILD`, which Docker does not allow.",
    help: "Remove the trigger; put `FROM` in the downstream Dockerfile.",
    doc: include_str!("../../../rules/dockerfile/D057-onbuild-trigger.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for instruction in &dockerfile.instructions {
        let Instruction::Onbuild(onbuild) = instruction else {
            continue;
        };
        let inner = onbuild.instruction.as_ref();
        let keyword = match inner {
            Instruction::From(_) => "FROM",
            Instruction::Maintainer(_) => "MAINTAINER",
            Instruction::Onbuild(_) => "ONBUILD",
            _ => continue,
        };
        report.at(
            keyword_span(inner),
            format!("`ONBUILD {keyword}` is not allowed"),
        );
    }
}
