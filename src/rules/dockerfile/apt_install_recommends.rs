//! D019 apt-install-recommends: `apt-get install` also installs recommended packages the image does not need.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Safety};

pub static META: RuleMeta = RuleMeta {
    id: "D019",
    name: "apt-install-recommends",
    severity: Severity::Info,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3015"],
    summary: "`apt-get install` also installs recommended packages the image does not need.",
    help: "Add `--no-install-recommends` and install what is needed by name.",
    doc: include_str!("../../../rules/dockerfile/D019-apt-install-recommends.md"),
    extra: Extra {
        fix: Some(Safety::Unsafe),
        ..Extra::NONE
    },
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    packages::report_missing_option(
        dockerfile,
        &packages::APT_GET,
        &|install: &packages::Install<'_>| {
            install.has_option(&[], &["--no-install-recommends"])
                || install.command.args().iter().any(|w| {
                    w.text.contains("Install-Recommends=false")
                        || w.text.contains("Install-Recommends=0")
                })
        },
        ("`apt-get install` without `--no-install-recommends`", ("--no-install-recommends", Safety::Unsafe)),
        report,
    );
}
