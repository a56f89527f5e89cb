//! D014 unpinned-gem: a package installed with `gem install` without a version pin.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D014",
    name: "unpinned-gem",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3028"],
    summary: "A package installed with `gem install` has no version pin, so rebuilds may install a different version.",
    help: "Pin the version, e.g. `gem install bundler:2.5.16`.",
    doc: include_str!("../../../rules/dockerfile/D014-unpinned-gem.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    packages::report_unpinned(
        dockerfile,
        &packages::GEM,
        &|install: &packages::Install<'_>, p: &str| {
            p.contains(':') || install.has_option(&['v'], &["--version"])
        },
        report,
    );
}
