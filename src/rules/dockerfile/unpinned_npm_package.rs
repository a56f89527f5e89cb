//! D013 unpinned-npm-package: a package installed with `npm install` without a version pin.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D013",
    name: "unpinned-npm-package",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3016"],
    summary: "A package installed with `npm install` has no version pin, so rebuilds may install a different version.",
    help: "Pin the version, e.g. `npm install -g typescript@5.5.4`.",
    doc: include_str!("../../../rules/dockerfile/D013-unpinned-npm-package.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    packages::report_unpinned(
        dockerfile,
        &packages::NPM,
        &|_, p: &str| {
            let bare = p.strip_prefix('@').unwrap_or(p);
            bare.contains('@') || bare.contains(':') || (!p.starts_with('@') && p.contains('/'))
        },
        report,
    );
}
