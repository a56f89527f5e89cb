//! D053 yarn-cache: `yarn install` without `yarn cache clean` in the same `RUN`.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D053",
    name: "yarn-cache",
    severity: Severity::Info,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3060"],
    summary: "`yarn install` without `yarn cache clean` in the same `RUN` leaves yarn's cache in the image.",
    help: "End the `RUN` with `&& yarn cache clean`.",
    doc: include_str!("../../../rules/dockerfile/D053-yarn-cache.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    let shipped = super::shipped_stages(dockerfile);
    let cleaned = super::RunScan::new(cleans_cache);
    for run in super::run_commands(dockerfile) {
        let command = run.command;
        let installs = command.name() == Some("yarn")
            && matches!(
                command.args().first().map(|w| w.text.as_str()),
                None | Some("install" | "add")
            );
        if !installs {
            continue;
        }
        if !cleaned.any(&run)
            && shipped.get(run.stage).copied().unwrap_or(true)
            && !super::has_cache_mount(dockerfile, run.instruction)
        {
            report.at(
                command.words[0].span.clone(),
                "`yarn install` without `yarn cache clean`",
            );
        }
    }
}

fn cleans_cache(command: &crate::syntax::shell::SimpleCommand) -> bool {
    command.name() == Some("yarn")
        && command.args().len() >= 2
        && command.args()[0].text == "cache"
        && command.args()[1].text == "clean"
}
