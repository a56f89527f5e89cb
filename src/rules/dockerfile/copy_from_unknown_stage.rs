//! D037 copy-from-unknown-stage: `COPY --from` naming no earlier stage.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::Instruction;

pub static META: RuleMeta = RuleMeta {
    id: "D037",
    name: "copy-from-unknown-stage",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3022"],
    summary: "`COPY --from` names no earlier build stage; Docker will try to pull an image by that name.",
    help: "Name a stage defined earlier with `FROM ... AS name`, or give a full image reference with a tag.",
    doc: include_str!("../../../rules/dockerfile/D037-copy-from-unknown-stage.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
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
            let earlier_or_own = dockerfile.stage_named(name).is_some_and(|s| s <= index);
            if !image_like && !earlier_or_own {
                report.at(
                    from.span.clone(),
                    format!("`--from={name}` names no earlier stage"),
                );
            }
        }
    }
}
