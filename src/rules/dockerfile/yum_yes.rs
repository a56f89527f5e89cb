//! D024 yum-yes: `yum install` without `-y` stops at a confirmation prompt the build cannot answer.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Safety};

pub static META: RuleMeta = RuleMeta {
    id: "D024",
    name: "yum-yes",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3030"],
    summary: "`yum install` without `-y` stops at a confirmation prompt the build cannot answer.",
    help: "Add `-y`.",
    doc: include_str!("../../../rules/dockerfile/D024-yum-yes.md"),
    extra: Extra {
        fix: Some(Safety::Safe),
        ..Extra::NONE
    },
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    packages::report_missing_option(
        dockerfile,
        &packages::YUM,
        &|install: &packages::Install<'_>| install.has_option(&['y'], &["--assumeyes"]),
        ("`yum install` without `-y`", ("-y", Safety::Safe)),
        report,
    );
}
