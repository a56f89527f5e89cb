//! D015 unpinned-go-install: a package installed with `go install` without a version pin.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

/// Package patterns that name no module to resolve: `tool` installs the tools `go.mod`
/// pins (Go 1.24), the others name the standard library or the main module.
const GO_META_PATTERNS: &[&str] = &["tool", "all", "std", "cmd"];

pub static META: RuleMeta = RuleMeta {
    id: "D015",
    name: "unpinned-go-install",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3062"],
    summary: "A package installed with `go install` has no version pin, so rebuilds may install a different version.",
    help: "Pin the version, e.g. `go install golang.org/x/tools/gopls@v0.16.1`.",
    doc: include_str!("../../../rules/dockerfile/D015-unpinned-go-install.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    packages::report_unpinned(
        dockerfile,
        &packages::GO,
        &|_, p: &str| {
            GO_META_PATTERNS.contains(&p) || p.contains('@') && !p.ends_with("@latest")
        },
        report,
    );
}
