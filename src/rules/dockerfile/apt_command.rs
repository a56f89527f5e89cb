//! D009 apt-command: A `RUN` command uses `apt`, whose command-line interface is not stable for scripts.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D009",
    name: "apt-command",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3027"],
    summary: "A `RUN` command uses `apt`, whose command-line interface is not stable for scripts.",
    help: "Use `apt-get` (or `apt-cache`) in scripts.",
    doc: include_str!("../../../rules/dockerfile/D009-apt-command.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Dockerfile(dockerfile) = subject else {
            return;
        };
        for run in super::run_commands(dockerfile) {
            if run.command.name() == Some("apt") {
                report.at(
                    run.command.words[0].span.clone(),
                    "`apt` in `RUN`; use `apt-get`",
                );
            }
        }
    }
}
