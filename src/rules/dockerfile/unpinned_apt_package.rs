//! D010 unpinned-apt-package: a package installed with `apt-get install` without a version pin.

use super::packages;
use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D010",
    name: "unpinned-apt-package",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3008"],
    summary: "A package installed with `apt-get install` has no version pin, so rebuilds may install a different version.",
    help: "Pin the version, e.g. `apt-get install curl=8.5.0-2ubuntu10`.",
    doc: include_str!("../../../rules/dockerfile/D010-unpinned-apt-package.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Dockerfile(dockerfile) = subject else {
            return;
        };
        packages::report_unpinned(
            dockerfile,
            &packages::APT_GET,
            &|_, p: &str| p.contains('='),
            report,
        );
    }
}
