//! D006 shell-form-cmd: `CMD` or `ENTRYPOINT` in shell form.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Fix, Report, RuleMeta, Safety};
use crate::syntax::dockerfile::{Command, Instruction};
use crate::syntax::shell::{self, Lines};

pub static META: RuleMeta = RuleMeta {
    id: "D006",
    name: "shell-form-cmd",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3025"],
    summary: "`CMD`/`ENTRYPOINT` in shell form runs under `/bin/sh -c`, which does not forward signals.",
    help: "Use the JSON (exec) form, e.g. `CMD [\"nginx\", \"-g\", \"daemon off;\"]`.",
    doc: include_str!("../../../rules/dockerfile/D006-shell-form-cmd.md"),
    extra: Extra {
        fix: Some(Safety::Safe),
        ..Extra::NONE
    },
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for instruction in &dockerfile.instructions {
        let (keyword, command) = match instruction {
            Instruction::Cmd(cmd) => ("CMD", &cmd.arguments),
            Instruction::Entrypoint(entrypoint) => ("ENTRYPOINT", &entrypoint.arguments),
            _ => continue,
        };
        let Command::Shell(shell) = command else {
            continue;
        };
        let escape = dockerfile.escape;
        let commands = shell::split(
            &dockerfile.file.text,
            shell.span.clone(),
            Lines::Dockerfile { escape },
        );
        let execs = commands.last().is_some_and(|c| c.name() == Some("exec"));
        if keyword == "CMD" && execs {
            continue;
        }
        let finding = report.at(
            shell.span.clone(),
            format!("`{keyword}` uses the shell form"),
        );
        let text = dockerfile.source(shell.span.clone());
        let plain = !needs_shell(text) && !text.contains(['\\', '\n', '~', '\'', '"']);
        if let ([command], true) = (commands.as_slice(), plain) {
            let words: Vec<&str> = command.words.iter().map(|w| w.text.as_str()).collect();
            let json = serde_json::to_string(&words).unwrap_or_default().replace(",", ", ");
            finding.fix(Fix::replace(
                Safety::Safe,
                "write it in the JSON form",
                shell.span.clone(),
                json,
            ));
        }
        if needs_shell(text) {
            finding.help = Some(format!(
                "This command needs a shell; let the program replace it as PID 1: \
                 `{keyword} [\"sh\", \"-c\", \"... && exec program\"]`{}.",
                if keyword == "CMD" {
                    ", or `exec` before the last command of the shell form"
                } else {
                    ""
                }
            ));
        }
    }
}

/// Whether a command uses what only a shell gives: variables, command substitution,
/// chaining, pipes, redirections or globs (outside single quotes).
fn needs_shell(text: &str) -> bool {
    let mut single = false;
    let mut double = false;
    for c in text.chars() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '$' | '`' if !single => return true,
            '&' | '|' | ';' | '>' | '<' | '*' if !single && !double => return true,
            _ => {}
        }
    }
    false
}
