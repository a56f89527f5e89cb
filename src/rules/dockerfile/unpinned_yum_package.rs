//! D016 unpinned-yum-package: a package installed with `yum install` without a version pin.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D016",
    name: "unpinned-yum-package",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3033"],
    summary: "A package installed with `yum install` has no version pin, so rebuilds may install a different version.",
    help: "Pin the version, e.g. `yum install -y httpd-2.4.57`.",
    doc: include_str!("../../../rules/dockerfile/D016-unpinned-yum-package.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    packages::report_unpinned(dockerfile, &packages::YUM, &packages::rpm_pinned, report);
}
