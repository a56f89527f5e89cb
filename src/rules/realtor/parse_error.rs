//! R001 parse-error: A file could not be read or parsed; the checks that need it did not run.

use crate::rules::Severity;
use crate::rules::{AppliesTo, Extra, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "R001",
    name: "parse-error",
    severity: Severity::Error,
    applies_to: AppliesTo::Any,
    aliases: &[],
    summary: "A file could not be read or parsed; the checks that need it did not run.",
    help: "Fix the syntax at the reported position; the message says what was expected.",
    doc: include_str!("../../../rules/realtor/R001-parse-error.md"),
    extra: Extra::NONE,
};
