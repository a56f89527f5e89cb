//! R002 unused-suppression: A suppression comment or annotation names a rule that reported nothing there.

use crate::rules::Severity;
use crate::rules::{AppliesTo, Extra, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "R002",
    name: "unused-suppression",
    severity: Severity::Info,
    applies_to: AppliesTo::Any,
    aliases: &[],
    summary: "A suppression comment or annotation names a rule that reported nothing there.",
    help: "Remove the suppression, or correct the rule id it names.",
    doc: include_str!("../../../rules/realtor/R002-unused-suppression.md"),
    extra: Extra::NONE,
};
