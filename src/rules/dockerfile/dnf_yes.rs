//! D025 dnf-yes: `dnf install` without `-y` stops at a confirmation prompt the build cannot answer.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Safety};

pub static META: RuleMeta = RuleMeta {
    id: "D025",
    name: "dnf-yes",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3038"],
    summary: "`dnf install` without `-y` stops at a confirmation prompt the build cannot answer.",
    help: "Add `-y`.",
    doc: include_str!("../../../rules/dockerfile/D025-dnf-yes.md"),
    extra: Extra {
        fix: Some(Safety::Safe),
        ..Extra::NONE
    },
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    packages::report_missing_option(
        dockerfile,
        &packages::DNF,
        &|install: &packages::Install<'_>| install.has_option(&['y'], &["--assumeyes"]),
        ("`dnf install` without `-y`", ("-y", Safety::Safe)),
        report,
    );
}
