//! D041 copy-relative-without-workdir: `COPY` to a relative destination before any `WORKDIR`.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::Instruction;

pub static META: RuleMeta = RuleMeta {
    id: "D041",
    name: "copy-relative-without-workdir",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3045"],
    summary: "`COPY` to a relative destination before any `WORKDIR` depends on the base image's working directory.",
    help: "Set `WORKDIR` first, or copy to an absolute path.",
    doc: include_str!("../../../rules/dockerfile/D041-copy-relative-without-workdir.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    let mut has_workdir = vec![false; dockerfile.stages.len()];
    for (index, stage) in dockerfile.stages.iter().enumerate() {
        let parent = dockerfile
            .resolved_image(stage)
            .and_then(|image| dockerfile.stage_named(&image))
            .filter(|&p| p < index);
        let mut workdir = parent.is_some_and(|p| has_workdir[p]);
        for instruction in dockerfile.stage_instructions(stage) {
            let dest = match instruction {
                Instruction::Workdir(_) => {
                    workdir = true;
                    continue;
                }
                Instruction::Copy(copy) => &copy.dest,
                Instruction::Add(add) => &add.dest,
                _ => continue,
            };
            let path = dest.value.trim_matches(['"', '\'']);
            let absolute =
                path.starts_with(['/', '$', '\\']) || path.as_bytes().get(1) == Some(&b':');
            if !workdir && !absolute {
                report.at(
                    dest.span.clone(),
                    format!("`{path}` is relative and no `WORKDIR` is set"),
                );
            }
        }
        has_workdir[index] = workdir;
    }
}
