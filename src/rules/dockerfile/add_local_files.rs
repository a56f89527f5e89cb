//! D036 add-local-files: `ADD` of local files or folders, which `COPY` does plainly.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Fix, Report, RuleMeta, Safety};
use crate::syntax::dockerfile::Instruction;
use parse_dockerfile::Source;

pub static META: RuleMeta = RuleMeta {
    id: "D036",
    name: "add-local-files",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3020"],
    summary: "`ADD` copies local files or folders; `COPY` does the same without `ADD`'s archive and URL magic.",
    help: "Use `COPY`; keep `ADD` for URLs, git repositories and archives to unpack.",
    doc: include_str!("../../../rules/dockerfile/D036-add-local-files.md"),
    extra: Extra {
        fix: Some(Safety::Safe),
        ..Extra::NONE
    },
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for instruction in &dockerfile.instructions {
        let Instruction::Add(add) = instruction else {
            continue;
        };
        let local = add.src.iter().all(|source| match source {
            Source::Path(path) => is_plain_path(&path.value),
            _ => false,
        });
        if local && !add.src.is_empty() {
            let finding = report.at(add.add.span.clone(), "`ADD` of local files; use `COPY`");
            // Flags only `ADD` takes would make `COPY` fail.
            let add_only = add
                .options
                .iter()
                .any(|flag| matches!(&*flag.name.value, "checksum" | "keep-git-dir" | "unpack"));
            if !add_only {
                finding.fix(Fix::replace(
                    Safety::Safe,
                    "use `COPY`",
                    add.add.span.clone(),
                    "COPY",
                ));
            }
        }
    }
}

/// A local path that is not an archive `ADD` unpacks, a URL, a git repository or a variable.
fn is_plain_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let archive = [
        ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".gz",
        ".bz2", ".xz", ".zst",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext));
    !(archive || lower.contains("://") || lower.starts_with("git@") || path.contains('$'))
}
