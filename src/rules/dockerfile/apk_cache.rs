//! D021 apk-cache: `apk add` without `--no-cache` leaves the package index in the image.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Safety};

pub static META: RuleMeta = RuleMeta {
    id: "D021",
    name: "apk-cache",
    severity: Severity::Info,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3019"],
    summary: "`apk add` without `--no-cache` leaves the package index in the image.",
    help: "Use `apk add --no-cache`.",
    doc: include_str!("../../../rules/dockerfile/D021-apk-cache.md"),
    extra: Extra {
        fix: Some(Safety::Safe),
        ..Extra::NONE
    },
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    let cleaned = super::RunScan::new(|c: &crate::syntax::shell::SimpleCommand| {
        packages::removes(c, "/var/cache/apk")
    });
    packages::report_missing_cleanup(
        dockerfile,
        &packages::APK,
        &|run: &super::RunCommand<'_>, install: &packages::Install<'_>| {
            install.has_option(&[], &["--no-cache"]) || cleaned.any(run)
        },
        ("`apk add` without `--no-cache`", Some(("--no-cache", Safety::Safe))),
        report,
    );
}
