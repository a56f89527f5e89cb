//! V002 duplicate-machine: two machines with the same name in one inventory.

use std::collections::HashMap;

use crate::rules::Severity;
use crate::formats::inventory::InventoryFile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "V002",
    name: "duplicate-machine",
    severity: Severity::Error,
    applies_to: AppliesTo::Inventory,
    aliases: &[],
    summary: "Two machines share a name, so findings and advice cannot tell them apart.",
    help: "Give every machine a unique `name` (keep the hypervisor's id in `id`).",
    doc: include_str!("../../../rules/inventory/V002-duplicate-machine.md"),
    extra: Extra::NONE,
};

pub fn check(file: &InventoryFile<'_>, report: &mut Report<'_>) {
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (index, machine) in file.inventory.machines.iter().enumerate() {
        let Some(&first) = first_seen.get(machine.name.as_str()) else {
            first_seen.insert(&machine.name, index);
            continue;
        };
        if let Some(span) = super::machine_name_span(file.node, index) {
            report.at(
                span,
                format!(
                    "machine `{}` is already defined (machines[{first}])",
                    machine.name
                ),
            );
        }
    }
}
