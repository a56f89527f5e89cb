//! D008 cd-in-run: A `RUN` command changes directory with `cd`.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D008",
    name: "cd-in-run",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3003"],
    summary: "A `RUN` command changes directory with `cd`.",
    help: "Set the directory with `WORKDIR`, or give commands absolute paths.",
    doc: include_str!("../../../rules/dockerfile/D008-cd-in-run.md"),
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
            if run.command.name() == Some("cd") {
                report.at(
                    run.command.words[0].span.clone(),
                    "`cd` in `RUN`; use `WORKDIR`",
                );
            }
        }
    }
}
