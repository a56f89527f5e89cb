//! D012 unpinned-pip-package: a package installed with `pip install` without a version pin.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D012",
    name: "unpinned-pip-package",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3013"],
    summary: "A package installed with `pip install` has no version pin, so rebuilds may install a different version.",
    help: "Pin the version, e.g. `pip install requests==2.32.3`.",
    doc: include_str!("../../../rules/dockerfile/D012-unpinned-pip-package.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    packages::report_unpinned(
        dockerfile,
        &packages::PIP,
        &|_, p: &str| {
            ["==", ">=", "<=", "~=", "!=", "<", ">", "@"]
                .iter()
                .any(|op| p.contains(op))
        },
        report,
    );
}
