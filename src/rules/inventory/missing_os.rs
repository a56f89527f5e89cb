//! V003 missing-os: a machine with no operating system recorded, so placement advice
//! for it can only be `insufficient-data`.

use crate::rules::Severity;
use crate::formats::inventory::InventoryFile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "V003",
    name: "missing-os",
    severity: Severity::Info,
    applies_to: AppliesTo::Inventory,
    aliases: &[],
    summary: "The machine has no operating system recorded; placement advice needs it.",
    help: "Add `os: {family: linux, distro: ..., version: ...}` to the machine.",
    doc: include_str!("../../../rules/inventory/V003-missing-os.md"),
    extra: Extra::NONE,
};

pub fn check(file: &InventoryFile<'_>, report: &mut Report<'_>) {
    for (index, machine) in file.inventory.machines.iter().enumerate() {
        let known = machine
            .os
            .as_ref()
            .is_some_and(|os| os.family.is_some() || os.distro.is_some());
        if !known && let Some(span) = super::machine_name_span(file.node, index) {
            report.at(
                span,
                format!(
                    "machine `{}` has no operating system recorded",
                    machine.name
                ),
            );
        }
    }
}
