//! D056 redundant-target-platform: `FROM --platform=$TARGETPLATFORM`, which is the default.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};
use crate::syntax::dockerfile::Instruction;

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D056",
    name: "redundant-target-platform",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3065"],
    summary: "`FROM --platform=$TARGETPLATFORM` is redundant: it is the default.",
    help: "Remove the flag.",
    doc: include_str!("../../../rules/dockerfile/D056-redundant-target-platform.md"),
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
}
