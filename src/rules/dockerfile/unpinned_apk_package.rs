//! D011 unpinned-apk-package: a package installed with `apk add` without a version pin.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D011",
    name: "unpinned-apk-package",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3018"],
    summary: "A package installed with `apk add` has no version pin, so rebuilds may install a different version.",
    help: "Pin the version, e.g. `apk add curl=8.5.0-r0`.",
    doc: include_str!("../../../rules/dockerfile/D011-unpinned-apk-package.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    packages::report_unpinned(
        dockerfile,
        &packages::APK,
        &|_, p: &str| p.contains(['=', '<', '>', '~']),
        report,
    );
}
