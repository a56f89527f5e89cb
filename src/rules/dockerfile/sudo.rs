//! D007 sudo: A `RUN` command uses `sudo`.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D007",
    name: "sudo",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3004"],
    summary: "A `RUN` command uses `sudo`.",
    help: "Drop `sudo`: build steps already run as the current `USER`; switch with `USER` or use `gosu` at run time.",
    doc: include_str!("../../../rules/dockerfile/D007-sudo.md"),
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
            if run.command.name() == Some("sudo") {
                report.at(run.command.words[0].span.clone(), "`sudo` in `RUN`");
            }
        }
    }
}
