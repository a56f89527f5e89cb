//! D023 apt-get-yes: `apt-get install` without `-y` stops at a confirmation prompt the build cannot answer.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Safety};

pub static META: RuleMeta = RuleMeta {
    id: "D023",
    name: "apt-get-yes",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3014"],
    summary: "`apt-get install` without `-y` stops at a confirmation prompt the build cannot answer.",
    help: "Add `-y`.",
    doc: include_str!("../../../rules/dockerfile/D023-apt-get-yes.md"),
    extra: Extra {
        fix: Some(Safety::Safe),
        ..Extra::NONE
    },
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    packages::report_missing_option(
        dockerfile,
        &packages::APT_GET,
        &|install: &packages::Install<'_>| {
            install.has_option(&['y'], &["--yes", "--assume-yes"])
                || install
                    .options
                    .iter()
                    .any(|w| w.text == "-qq" || w.text == "-q=2")
        },
        ("`apt-get install` without `-y`", ("-y", Safety::Safe)),
        report,
    );
}
