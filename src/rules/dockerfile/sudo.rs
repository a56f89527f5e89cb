//! D007 sudo: A `RUN` command uses `sudo`.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D007",
    name: "sudo",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3004"],
    summary: "A `RUN` command uses `sudo`.",
    help: "Drop `sudo`: build steps already run as the current `USER`; switch with `USER` or use `gosu` at run time.",
    doc: include_str!("../../../rules/dockerfile/D007-sudo.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for run in super::run_commands(dockerfile) {
        if run.command.name() == Some("sudo") {
            report.at(run.command.words[0].span.clone(), "`sudo` in `RUN`");
        }
    }
}
