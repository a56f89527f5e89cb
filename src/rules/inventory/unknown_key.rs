//! V001 unknown-key: a key the inventory schema does not have, usually a typo (`vpcus`)
//! that would otherwise make a known fact look unknown.

use crate::rules::Severity;
use crate::formats::inventory::InventoryFile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "V001",
    name: "unknown-key",
    severity: Severity::Warning,
    applies_to: AppliesTo::Inventory,
    aliases: &[],
    summary: "The key is not part of the inventory schema, so its value is ignored.",
    help: "Check the spelling against docs/inventory.md or schemas/inventory-v1.json.",
    doc: include_str!("../../../rules/inventory/V001-unknown-key.md"),
    extra: Extra::NONE,
};

pub fn check(file: &InventoryFile<'_>, report: &mut Report<'_>) {
    for path in file.unknown_keys {
        let Some(found) = file.node.lookup(&path.segments()) else {
            continue;
        };
        let span = found.key.unwrap_or_else(|| found.node.span.clone());
        let key = path.last_key().unwrap_or_default();
        report.at(span, format!("unknown key `{key}` (at `{path}`)"));
    }
}
