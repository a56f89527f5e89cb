//! D032 useradd-high-uid: `useradd` with a high UID and without `-l`.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::shell::Word;

pub static META: RuleMeta = RuleMeta {
    id: "D032",
    name: "useradd-high-uid",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3046"],
    summary: "`useradd` with a high UID and without `-l` writes a huge sparse `/var/log/lastlog` into the image.",
    help: "Add `-l` (`--no-log-init`) to `useradd`.",
    doc: include_str!("../../../rules/dockerfile/D032-useradd-high-uid.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for run in super::run_commands(dockerfile) {
        let command = run.command;
        if command.name() != Some("useradd")
            || super::has_option(command.args(), &['l'], &["--no-log-init"])
        {
            continue;
        }
        if let Some(uid) = uid_word(command.args())
            && uid.text.len() > 5
            && uid.text.chars().all(|c| c.is_ascii_digit())
        {
            report.at(
                uid.span.clone(),
                format!("`useradd -u {}` without `-l`", uid.text),
            );
        }
    }
}

/// The UID of `-u 1000` or `--uid 1000` (the value's word), or of `--uid=1000` (the whole word).
fn uid_word(args: &[Word]) -> Option<Word> {
    args.iter().enumerate().find_map(|(i, w)| {
        if w.text == "-u" || w.text == "--uid" {
            return args.get(i + 1).cloned();
        }
        let value = w.text.strip_prefix("--uid=")?;
        Some(Word {
            text: value.to_string(),
            span: w.span.clone(),
        })
    })
}
