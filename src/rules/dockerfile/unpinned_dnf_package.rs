//! D017 unpinned-dnf-package: a package installed with `dnf install` without a version pin.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D017",
    name: "unpinned-dnf-package",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3041"],
    summary: "A package installed with `dnf install` has no version pin, so rebuilds may install a different version.",
    help: "Pin the version, e.g. `dnf install -y httpd-2.4.57`.",
    doc: include_str!("../../../rules/dockerfile/D017-unpinned-dnf-package.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    packages::report_unpinned(dockerfile, &packages::DNF, &packages::rpm_pinned, report);
}
