//! D004 relative-workdir: `WORKDIR` with a relative path.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::Instruction;

pub static META: RuleMeta = RuleMeta {
    id: "D004",
    name: "relative-workdir",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3000"],
    summary: "`WORKDIR` uses a relative path, which depends on every earlier `WORKDIR`.",
    help: "Use an absolute path, e.g. `WORKDIR /app`.",
    doc: include_str!("../../../rules/dockerfile/D004-relative-workdir.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for instruction in &dockerfile.instructions {
        let Instruction::Workdir(workdir) = instruction else {
            continue;
        };
        let path = workdir.arguments.value.trim_matches(['"', '\'']);
        if !is_absolute(path) {
            report.at(
                workdir.arguments.span.clone(),
                format!("`WORKDIR {path}` is relative"),
            );
        }
    }
}

/// Unix absolute paths, Windows drive paths, and paths that start with a variable
/// (which usually holds an absolute path and cannot be judged here).
fn is_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.starts_with('/')
        || path.starts_with('$')
        || path.starts_with('\\')
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
}
