//! D027 yum-clean: `yum install` without `yum clean all` in the same `RUN` leaves the package cache in the image.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D027",
    name: "yum-clean",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3032"],
    summary: "`yum install` without `yum clean all` in the same `RUN` leaves the package cache in the image.",
    help: "End the `RUN` with `&& yum clean all`.",
    doc: include_str!("../../../rules/dockerfile/D027-yum-clean.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    let cleaned = super::RunScan::new(|c: &crate::syntax::shell::SimpleCommand| {
        packages::runs(c, &["yum"], "clean") || packages::removes(c, "/var/cache/yum")
    });
    packages::report_missing_cleanup(
        dockerfile,
        &packages::YUM,
        &|run: &super::RunCommand<'_>, _: &packages::Install<'_>| cleaned.any(run),
        ("`yum install` without `yum clean all` in the same `RUN`", None),
        report,
    );
}
