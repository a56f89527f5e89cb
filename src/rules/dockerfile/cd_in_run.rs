//! D008 cd-in-run: A `RUN` command changes directory with `cd`.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D008",
    name: "cd-in-run",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3003"],
    summary: "A `RUN` command changes directory with `cd`.",
    help: "Set the directory with `WORKDIR`, or give commands absolute paths.",
    doc: include_str!("../../../rules/dockerfile/D008-cd-in-run.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for run in super::run_commands(dockerfile) {
        if run.command.name() == Some("cd") {
            report.at(
                run.command.words[0].span.clone(),
                "`cd` in `RUN`; use `WORKDIR`",
            );
        }
    }
}
