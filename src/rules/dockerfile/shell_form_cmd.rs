//! D006 shell-form-cmd: `CMD` or `ENTRYPOINT` in shell form.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};
use crate::syntax::dockerfile::{Command, Instruction};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D006",
    name: "shell-form-cmd",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3025"],
    summary: "`CMD`/`ENTRYPOINT` in shell form runs under `/bin/sh -c`, which does not forward signals.",
    help: "Use the JSON (exec) form, e.g. `CMD [\"nginx\", \"-g\", \"daemon off;\"]`.",
    doc: include_str!("../../../rules/dockerfile/D006-shell-form-cmd.md"),
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
            let (keyword, command) = match instruction {
                Instruction::Cmd(cmd) => ("CMD", &cmd.arguments),
                Instruction::Entrypoint(entrypoint) => ("ENTRYPOINT", &entrypoint.arguments),
                _ => continue,
            };
            if let Command::Shell(shell) = command {
                report.at(
                    shell.span.clone(),
                    format!("`{keyword}` uses the shell form"),
                );
            }
        }
    }
}
