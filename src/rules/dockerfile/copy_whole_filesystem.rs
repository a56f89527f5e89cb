//! D059 copy-whole-filesystem: `COPY --from` of a stage's whole filesystem.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::Instruction;
use parse_dockerfile::Source;

pub static META: RuleMeta = RuleMeta {
    id: "D059",
    name: "copy-whole-filesystem",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3067"],
    summary: "`COPY --from` copies a stage's whole filesystem (`/`), with its package manager, caches and build tools.",
    help: "Copy only the paths the image needs, e.g. `COPY --from=build /out/app /app`.",
    doc: include_str!("../../../rules/dockerfile/D059-copy-whole-filesystem.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for instruction in &dockerfile.instructions {
        let Instruction::Copy(copy) = instruction else {
            continue;
        };
        if super::copy_from(copy).is_none() {
            continue;
        }
        for source in &copy.src {
            if let Source::Path(path) = source
                && path.value == "/"
            {
                report.at(
                    path.span.clone(),
                    "copies the whole filesystem of the stage",
                );
            }
        }
    }
}
