//! D059 copy-whole-filesystem: `COPY --from` of a stage's whole filesystem.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};
use crate::syntax::dockerfile::Instruction;
use parse_dockerfile::Source;

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D059",
    name: "copy-whole-filesystem",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3067"],
    summary: "`COPY --from` copies a stage's whole filesystem (`/`), with its package manager, caches and build tools.",
    help: "Copy only the paths the image needs, e.g. `COPY --from=build /out/app /app`.",
    doc: include_str!("../../../rules/dockerfile/D059-copy-whole-filesystem.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Dockerfile(dockerfile) = subject else {
            return;
        };
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
}
