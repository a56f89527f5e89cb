//! D034 curl-pipe-shell: a download piped straight into a shell.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::shell::Operator;

pub static META: RuleMeta = RuleMeta {
    id: "D034",
    name: "curl-pipe-shell",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &[],
    summary: "A downloaded script is piped straight into a shell, with no checksum or signature check.",
    help: "Download to a file, verify its checksum (`sha256sum -c`) or signature, then run it.",
    doc: include_str!("../../../rules/dockerfile/D034-curl-pipe-shell.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for run in super::run_commands(dockerfile) {
        if !matches!(run.command.name(), Some("curl" | "wget")) {
            continue;
        }
        let Some((Operator::Pipe, _)) = run.command.next else {
            continue;
        };
        let Some(next) = run.script.get(run.position + 1) else {
            continue;
        };
        let mut words = next
            .words
            .iter()
            .skip_while(|w| w.text == "sudo" || w.text.starts_with('-'));
        let Some(interpreter) = words.next() else {
            continue;
        };
        let name = interpreter.text.rsplit('/').next().unwrap_or("");
        if INTERPRETERS.contains(&name) {
            report.at(
                interpreter.span.clone(),
                format!("a download is piped into `{name}` without a checksum"),
            );
        }
    }
}

const INTERPRETERS: &[&str] = &[
    "sh", "bash", "ash", "dash", "zsh", "ksh", "python", "python3", "perl",
];
