//! P209 shared-disk: a VM with a shared disk or a physical-mode RDM disk: a cluster
//! node that shares block storage with others.

use crate::rules::Severity;
use crate::model::{FactKind, Platform};
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P209",
    name: "shared-disk",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The VM has a shared or physical-RDM disk (a cluster node sharing block storage).",
    help: "Keep the cluster on VMs, or move its data to a managed service first.",
    doc: include_str!("../../../rules/placement/P209-shared-disk.md"),
    extra: Extra {
        weight: Some(Weight::new(4, 4, 0)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if workload.platform != Platform::Vm {
        return;
    }
    for (span, ()) in workload.facts(|f| match f {
        FactKind::SharedDisk => Some(()),
        _ => None,
    }) {
        report.at(
            span.clone(),
            "this disk is shared or a physical RDM: the VM is part of a storage cluster",
        );
    }
}
