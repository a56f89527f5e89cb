//! D049 from-platform-flag: `FROM --platform` with a constant platform.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::Instruction;

pub static META: RuleMeta = RuleMeta {
    id: "D049",
    name: "from-platform-flag",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3029"],
    summary: "`FROM --platform` names a constant platform, which breaks builds for other platforms.",
    help: "Drop `--platform`, or use `--platform=$BUILDPLATFORM` for stages that run on the build machine.",
    doc: include_str!("../../../rules/dockerfile/D049-from-platform-flag.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for instruction in &dockerfile.instructions {
        let Instruction::From(from) = instruction else {
            continue;
        };
        for flag in &from.options {
            if flag.name.value == "platform"
                && let Some(value) = &flag.value
                && !value.value.contains('$')
            {
                report.at(
                    flag.span(),
                    format!("`--platform={}` is a constant", value.value),
                );
            }
        }
    }
}
