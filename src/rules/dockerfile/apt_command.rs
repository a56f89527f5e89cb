//! D009 apt-command: A `RUN` command uses `apt`, whose command-line interface is not stable for scripts.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D009",
    name: "apt-command",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3027"],
    summary: "A `RUN` command uses `apt`, whose command-line interface is not stable for scripts.",
    help: "Use `apt-get` (or `apt-cache`) in scripts.",
    doc: include_str!("../../../rules/dockerfile/D009-apt-command.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for run in super::run_commands(dockerfile) {
        if run.command.name() == Some("apt") {
            report.at(
                run.command.words[0].span.clone(),
                "`apt` in `RUN`; use `apt-get`",
            );
        }
    }
}
