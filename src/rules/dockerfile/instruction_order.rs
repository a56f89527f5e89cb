//! D062 instruction-order: an instruction other than `ARG` before the first `FROM`.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D062",
    name: "instruction-order",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3061"],
    summary: "An instruction other than `ARG` comes before the first `FROM`; Docker rejects the Dockerfile.",
    help: "Move the instruction after `FROM`; only `ARG` (and comments) may come before it.",
    doc: include_str!("../../../rules/dockerfile/D062-instruction-order.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for span in &dockerfile.misplaced {
        let keyword = dockerfile.source(span.clone());
        report.at(span.clone(), format!("`{keyword}` before the first `FROM`"));
    }
}
