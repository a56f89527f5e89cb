//! D049 from-platform-flag: `FROM --platform` with a constant platform.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};
use crate::syntax::dockerfile::Instruction;

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D049",
    name: "from-platform-flag",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3029"],
    summary: "`FROM --platform` names a constant platform, which breaks builds for other platforms.",
    help: "Drop `--platform`, or use `--platform=$BUILDPLATFORM` for stages that run on the build machine.",
    doc: include_str!("../../../rules/dockerfile/D049-from-platform-flag.md"),
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
}
