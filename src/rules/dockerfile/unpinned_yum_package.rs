//! D016 unpinned-yum-package: a package installed with `yum install` without a version pin.

use super::packages;
use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D016",
    name: "unpinned-yum-package",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3033"],
    summary: "A package installed with `yum install` has no version pin, so rebuilds may install a different version.",
    help: "Pin the version, e.g. `yum install -y httpd-2.4.57`.",
    doc: include_str!("../../../rules/dockerfile/D016-unpinned-yum-package.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Dockerfile(dockerfile) = subject else {
            return;
        };
        packages::report_unpinned(dockerfile, &packages::YUM, &packages::rpm_pinned, report);
    }
}
