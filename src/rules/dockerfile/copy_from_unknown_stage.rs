//! D037 copy-from-unknown-stage: `COPY --from` naming no earlier stage.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};
use crate::syntax::dockerfile::Instruction;

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D037",
    name: "copy-from-unknown-stage",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3022"],
    summary: "`COPY --from` names no earlier build stage; Docker will try to pull an image by that name.",
    help: "Name a stage defined earlier with `FROM ... AS name`, or give a full image reference with a tag.",
    doc: include_str!("../../../rules/dockerfile/D037-copy-from-unknown-stage.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Dockerfile(dockerfile) = subject else {
            return;
        };
        for (index, stage) in dockerfile.stages.iter().enumerate() {
            for instruction in dockerfile.stage_instructions(stage) {
                let Instruction::Copy(copy) = instruction else {
                    continue;
                };
                let Some(from) = super::copy_from(copy) else {
                    continue;
                };
                let name = from.value.as_ref();
                let image_like = name.contains([':', '/', '@', '$']);
                let earlier = dockerfile.stage_named(name).is_some_and(|s| s < index);
                if !image_like && !earlier {
                    report.at(
                        from.span.clone(),
                        format!("`--from={name}` names no earlier stage"),
                    );
                }
            }
        }
    }
}
