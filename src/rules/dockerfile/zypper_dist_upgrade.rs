//! D050 zypper-dist-upgrade: `zypper dist-upgrade` in `RUN`.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D050",
    name: "zypper-dist-upgrade",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3035"],
    summary: "`zypper dist-upgrade` upgrades the whole distribution inside the build.",
    help: "Use a newer base image instead of upgrading the distribution in the image.",
    doc: include_str!("../../../rules/dockerfile/D050-zypper-dist-upgrade.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for run in super::run_commands(dockerfile) {
        let command = run.command;
        if packages::runs(command, &["zypper"], "dist-upgrade")
            || packages::runs(command, &["zypper"], "dup")
        {
            report.at(
                command.words[0].span.clone(),
                "`zypper dist-upgrade` in `RUN`",
            );
        }
    }
}
