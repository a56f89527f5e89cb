//! D035 hard-coded-password: a literal password fed to `chpasswd` or `passwd --stdin`.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::shell::Operator;

pub static META: RuleMeta = RuleMeta {
    id: "D035",
    name: "hard-coded-password",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &[],
    summary: "A literal password is set in the Dockerfile, so everyone who can pull the image or read the file knows it.",
    help: "Do not set passwords at build time; use key-based access, or pass the secret at run time (`RUN --mount=type=secret`).",
    doc: include_str!("../../../rules/dockerfile/D035-hard-coded-password.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for run in super::run_commands(dockerfile) {
        let command = run.command;
        let reads_password = match command.name() {
            Some("chpasswd") => true,
            Some("passwd") => command.args().iter().any(|w| w.text == "--stdin"),
            _ => false,
        };
        let Some(feeder) = run.position.checked_sub(1).map(|i| &run.script[i]) else {
            continue;
        };
        if !reads_password
            || !matches!(feeder.next, Some((Operator::Pipe, _)))
            || !matches!(feeder.name(), Some("echo" | "printf"))
        {
            continue;
        }
        for word in feeder.args() {
            if !word.text.starts_with('-') && !word.text.contains('$') {
                report.at(
                    word.span.clone(),
                    format!(
                        "hard-coded password piped into `{}`",
                        command.name().unwrap_or("")
                    ),
                );
            }
        }
    }
}
