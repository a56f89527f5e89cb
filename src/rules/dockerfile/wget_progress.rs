//! D051 wget-progress: `wget` without `--progress`, filling build logs.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D051",
    name: "wget-progress",
    severity: Severity::Info,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3047"],
    summary: "`wget` without `--progress` or `-q` prints a progress bar that bloats build logs.",
    help: "Add `--progress=dot:giga` or `-q`.",
    doc: include_str!("../../../rules/dockerfile/D051-wget-progress.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for run in super::run_commands(dockerfile) {
        let command = run.command;
        let quiet = super::has_option(
            command.args(),
            &['q', 'o', 'a'],
            &[
                "--progress",
                "--quiet",
                "--no-verbose",
                "--output-file",
                "--append-output",
            ],
        ) || command
            .args()
            .iter()
            .any(|w| w.text == "-nv" || quiet_cluster(&w.text));
        let powershell = command
            .args()
            .iter()
            .any(|w| is_powershell_parameter(&w.text));
        if command.name() == Some("wget") && !quiet && !powershell {
            report.at(command.words[0].span.clone(), "`wget` without `--progress`");
        }
    }
}

/// A cluster of short options whose last one takes its value attached, as `-qO-`: the
/// letters before the value count.
fn quiet_cluster(word: &str) -> bool {
    word.strip_prefix('-').is_some_and(|rest| {
        !rest.starts_with('-')
            && rest
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .any(|c| c == 'q')
    })
}

/// `-OutFile`, `-Uri`, `-UseBasicParsing`: PowerShell's `wget` is `Invoke-WebRequest`,
/// which prints no progress dots.
fn is_powershell_parameter(word: &str) -> bool {
    word.strip_prefix('-').is_some_and(|name| {
        let mut chars = name.chars();
        chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && name.len() > 2
            && chars.all(|c| c.is_ascii_alphabetic())
            && name.chars().any(|c| c.is_ascii_lowercase())
    })
}
