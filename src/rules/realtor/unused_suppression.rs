//! R002 unused-suppression: A suppression comment or annotation names a rule that reported nothing there.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "R002",
    name: "unused-suppression",
    severity: Severity::Info,
    applies_to: AppliesTo::Any,
    aliases: &[],
    summary: "A suppression comment or annotation names a rule that reported nothing there.",
    help: "Remove the suppression, or correct the rule id it names.",
    doc: include_str!("../../../rules/realtor/R002-unused-suppression.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _: &Subject<'_, '_>, _: &mut Report<'_>) {}
}
