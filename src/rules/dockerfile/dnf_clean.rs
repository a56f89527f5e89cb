//! D028 dnf-clean: `dnf install` without `dnf clean all` in the same `RUN` leaves the package cache in the image.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D028",
    name: "dnf-clean",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3040"],
    summary: "`dnf install` without `dnf clean all` in the same `RUN` leaves the package cache in the image.",
    help: "End the `RUN` with `&& dnf clean all`.",
    doc: include_str!("../../../rules/dockerfile/D028-dnf-clean.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    let cleaned = super::RunScan::new(|c: &crate::syntax::shell::SimpleCommand| {
        packages::runs(c, &["dnf", "microdnf"], "clean")
            || packages::removes(c, "/var/cache/dnf")
            || packages::removes(c, "/var/cache/yum")
    });
    packages::report_missing_cleanup(
        dockerfile,
        &packages::DNF,
        &|run: &super::RunCommand<'_>, _: &packages::Install<'_>| cleaned.any(run),
        ("`dnf install` without `dnf clean all` in the same `RUN`", None),
        report,
    );
}
