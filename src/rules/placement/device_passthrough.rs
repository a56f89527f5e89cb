//! P206 device-passthrough: a VM with passed-through hardware (GPU, PCI, USB, SR-IOV,
//! serial): the workload depends on a specific device of its host.

use crate::rules::Severity;
use crate::model::{FactKind, Platform};
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P206",
    name: "device-passthrough",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The VM uses passed-through hardware (GPU, PCI, USB, SR-IOV, serial).",
    help: "Keep it as a VM, or move it to nodes that expose the device through a device plugin.",
    doc: include_str!("../../../rules/placement/P206-device-passthrough.md"),
    extra: Extra {
        weight: Some(Weight::new(4, 4, 0)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if workload.platform != Platform::Vm {
        return;
    }
    for (span, kind) in workload.facts(|f| match f {
        FactKind::Passthrough(kind) => Some(kind),
        _ => None,
    }) {
        report.at(
            span.clone(),
            format!("a {kind} device is passed through to this VM: it depends on its host's hardware"),
        );
    }
}
