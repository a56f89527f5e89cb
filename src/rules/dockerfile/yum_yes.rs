//! D024 yum-yes: `yum install` without `-y` stops at a confirmation prompt the build cannot answer.

use super::packages;
use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D024",
    name: "yum-yes",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3030"],
    summary: "`yum install` without `-y` stops at a confirmation prompt the build cannot answer.",
    help: "Add `-y`.",
    doc: include_str!("../../../rules/dockerfile/D024-yum-yes.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Dockerfile(dockerfile) = subject else {
            return;
        };
        packages::report_missing_option(
            dockerfile,
            &packages::YUM,
            &|install: &packages::Install<'_>| install.has_option(&['y'], &["--assumeyes"]),
            "`yum install` without `-y`",
            report,
        );
    }
}
