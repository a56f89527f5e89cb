//! D048 copy-multiple-sources: `COPY` of several sources to a destination without a trailing `/`.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::Instruction;

pub static META: RuleMeta = RuleMeta {
    id: "D048",
    name: "copy-multiple-sources",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3021"],
    summary: "`COPY` of several sources needs a destination directory ending in `/`.",
    help: "End the destination with `/`, e.g. `COPY a b /app/`.",
    doc: include_str!("../../../rules/dockerfile/D048-copy-multiple-sources.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for instruction in &dockerfile.instructions {
        let Instruction::Copy(copy) = instruction else {
            continue;
        };
        let dest = copy.dest.value.as_ref();
        if copy.src.len() > 1 && !dest.ends_with('/') && !dest.contains('$') {
            report.at(
                copy.dest.span.clone(),
                format!("`{dest}` must end with `/` when copying several sources"),
            );
        }
    }
}
