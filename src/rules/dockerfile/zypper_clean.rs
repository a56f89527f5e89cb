//! D029 zypper-clean: `zypper install` without `zypper clean` in the same `RUN` leaves the package cache in the image.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D029",
    name: "zypper-clean",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3036"],
    summary: "`zypper install` without `zypper clean` in the same `RUN` leaves the package cache in the image.",
    help: "End the `RUN` with `&& zypper clean`.",
    doc: include_str!("../../../rules/dockerfile/D029-zypper-clean.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    let cleaned = super::RunScan::new(|c: &crate::syntax::shell::SimpleCommand| {
        packages::runs(c, &["zypper"], "clean") || packages::runs(c, &["zypper"], "cc")
    });
    packages::report_missing_cleanup(
        dockerfile,
        &packages::ZYPPER,
        &|run: &super::RunCommand<'_>, _: &packages::Install<'_>| cleaned.any(run),
        ("`zypper install` without `zypper clean` in the same `RUN`", None),
        report,
    );
}
