//! D010 unpinned-apt-package: a package installed with `apt-get install` without a version pin.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D010",
    name: "unpinned-apt-package",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3008"],
    summary: "A package installed with `apt-get install` has no version pin, so rebuilds may install a different version.",
    help: "Pin the version, e.g. `apt-get install curl=8.5.0-2ubuntu10`.",
    doc: include_str!("../../../rules/dockerfile/D010-unpinned-apt-package.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    packages::report_unpinned(
        dockerfile,
        &packages::APT_GET,
        &|_, p: &str| p.contains('='),
        report,
    );
}
