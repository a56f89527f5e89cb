//! R003 template-skipped: A chart, overlay or template was not rendered, so it was not checked.

use crate::rules::Severity;
use crate::rules::{AppliesTo, Extra, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "R003",
    name: "template-skipped",
    severity: Severity::Info,
    applies_to: AppliesTo::Any,
    aliases: &[],
    summary: "A chart, overlay or template was not rendered, so it was not checked.",
    help: "Render it first and lint the output: helm template . | realtor check --stdin-filename rendered.yaml -",
    doc: include_str!("../../../rules/realtor/R003-template-skipped.md"),
    extra: Extra::NONE,
};
