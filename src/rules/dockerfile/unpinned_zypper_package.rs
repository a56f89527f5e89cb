//! D018 unpinned-zypper-package: a package installed with `zypper install` without a version pin.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D018",
    name: "unpinned-zypper-package",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3037"],
    summary: "A package installed with `zypper install` has no version pin, so rebuilds may install a different version.",
    help: "Pin the version, e.g. `zypper install -y \"curl=8.6.0\"`.",
    doc: include_str!("../../../rules/dockerfile/D018-unpinned-zypper-package.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    packages::report_unpinned(
        dockerfile,
        &packages::ZYPPER,
        &|_, p: &str| p.contains(['=', '<', '>']),
        report,
    );
}
