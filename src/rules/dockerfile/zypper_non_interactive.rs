//! D026 zypper-non-interactive: `zypper install` without `--non-interactive` stops at a confirmation prompt the build cannot answer.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Safety};

pub static META: RuleMeta = RuleMeta {
    id: "D026",
    name: "zypper-non-interactive",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3034"],
    summary: "`zypper install` without `--non-interactive` stops at a confirmation prompt the build cannot answer.",
    help: "Add `--non-interactive`.",
    doc: include_str!("../../../rules/dockerfile/D026-zypper-non-interactive.md"),
    extra: Extra {
        fix: Some(Safety::Safe),
        ..Extra::NONE
    },
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    packages::report_missing_option(
        dockerfile,
        &packages::ZYPPER,
        &|install: &packages::Install<'_>| {
            install.has_option(&['n', 'y'], &["--non-interactive", "--no-confirm"])
        },
        ("`zypper install` without `--non-interactive`", ("--non-interactive", Safety::Safe)),
        report,
    );
}
