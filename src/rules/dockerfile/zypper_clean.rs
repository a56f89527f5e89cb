//! D029 zypper-clean: `zypper install` without `zypper clean` in the same `RUN` leaves the package cache in the image.

use super::packages;
use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D029",
    name: "zypper-clean",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3036"],
    summary: "`zypper install` without `zypper clean` in the same `RUN` leaves the package cache in the image.",
    help: "End the `RUN` with `&& zypper clean`.",
    doc: include_str!("../../../rules/dockerfile/D029-zypper-clean.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Dockerfile(dockerfile) = subject else {
            return;
        };
        let cleaned = super::RunScan::new(|c: &crate::syntax::shell::SimpleCommand| {
            packages::runs(c, &["zypper"], "clean") || packages::runs(c, &["zypper"], "cc")
        });
        packages::report_missing_cleanup(
            dockerfile,
            &packages::ZYPPER,
            &|run: &super::RunCommand<'_>, _: &packages::Install<'_>| cleaned.any(run),
            "`zypper install` without `zypper clean` in the same `RUN`",
            report,
        );
    }
}
