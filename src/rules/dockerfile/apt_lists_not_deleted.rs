//! D020 apt-lists-not-deleted: `apt-get update` without removing `/var/lib/apt/lists` in the same `RUN`.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Fix, Report, RuleMeta, Safety};

pub static META: RuleMeta = RuleMeta {
    id: "D020",
    name: "apt-lists-not-deleted",
    severity: Severity::Info,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3009"],
    summary: "`apt-get update` leaves package lists in the image when the same `RUN` does not remove `/var/lib/apt/lists`.",
    help: "End the `RUN` with `&& rm -rf /var/lib/apt/lists/*`.",
    doc: include_str!("../../../rules/dockerfile/D020-apt-lists-not-deleted.md"),
    extra: Extra {
        fix: Some(Safety::Safe),
        ..Extra::NONE
    },
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    let shipped = super::shipped_stages(dockerfile);
    let cleaned = super::RunScan::new(|c: &crate::syntax::shell::SimpleCommand| {
        packages::removes(c, "/var/lib/apt/lists")
    });
    for run in super::run_commands(dockerfile) {
        let command = run.command;
        if !packages::runs(command, &["apt-get", "apt"], "update")
            || !shipped.get(run.stage).copied().unwrap_or(true)
            || super::has_cache_mount(dockerfile, run.instruction)
        {
            continue;
        }
        if !cleaned.any(&run) {
            let update = command.args().iter().find(|w| w.text == "update");
            let end = update.map_or(command.words[0].span.end, |w| w.span.end);
            let finding = report.at(
                command.words[0].span.start..end,
                "`apt-get update` without `rm -rf /var/lib/apt/lists/*` in the same `RUN`",
            );
            if let Some(last) = run.script.last().and_then(|c| c.words.last()) {
                finding.fix(Fix::insert(
                    Safety::Safe,
                    "remove the lists at the end of the `RUN`",
                    last.span.end,
                    " && rm -rf /var/lib/apt/lists/*",
                ));
            }
        }
    }
}
