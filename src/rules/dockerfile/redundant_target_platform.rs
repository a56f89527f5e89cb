//! D056 redundant-target-platform: `FROM --platform=$TARGETPLATFORM`, which is the default.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::Instruction;

pub static META: RuleMeta = RuleMeta {
    id: "D056",
    name: "redundant-target-platform",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3065"],
    summary: "`FROM --platform=$TARGETPLATFORM` is redundant: it is the default.",
    help: "Remove the flag.",
    doc: include_str!("../../../rules/dockerfile/D056-redundant-target-platform.md"),
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
                && matches!(
                    value.value.as_ref(),
                    "$TARGETPLATFORM" | "${TARGETPLATFORM}"
                )
            {
                report.at(flag.span(), "`--platform=$TARGETPLATFORM` is the default");
            }
        }
    }
}
