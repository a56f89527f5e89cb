//! D060 non-numeric-user: the final `USER` is a name, not a numeric id.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};
use crate::syntax::dockerfile::Instruction;

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D060",
    name: "non-numeric-user",
    severity: Severity::Info,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3066"],
    summary: "The image's final `USER` is a name, so platforms that check for a non-root numeric id cannot verify it.",
    help: "Use a numeric id, e.g. `USER 10001:10001`.",
    doc: include_str!("../../../rules/dockerfile/D060-non-numeric-user.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Dockerfile(dockerfile) = subject else {
            return;
        };
        let Some(stage) = dockerfile.final_stage() else {
            return;
        };
        let last_user = dockerfile
            .stage_instructions(stage)
            .iter()
            .rev()
            .find_map(|i| match i {
                Instruction::User(user) => Some(user),
                _ => None,
            });
        if let Some(user) = last_user {
            let name = user.arguments.value.split(':').next().unwrap_or("").trim();
            let numeric = name.chars().all(|c| c.is_ascii_digit());
            if !numeric && !name.contains('$') && name != "root" {
                report.at(
                    user.arguments.span.clone(),
                    format!("`USER {name}` is not a numeric id"),
                );
            }
        }
    }
}
