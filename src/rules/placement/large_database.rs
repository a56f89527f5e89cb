//! P210 large-database: a VM running a database with a large footprint (64 GiB of
//! memory, 16 vCPUs or 1 TiB of disk or more): high-performance, large databases do not fit containers.

use crate::rules::Severity;
use crate::model::{FactKind, Platform, Workload};
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P210",
    name: "large-database",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The VM runs a large stateful database (64 GiB+ memory, 16+ vCPUs or 1 TiB+ disk).",
    help: "Keep it on a VM or move it to a managed database; containerise the app tier.",
    doc: include_str!("../../../rules/placement/P210-large-database.md"),
    extra: Extra {
        weight: Some(Weight::new(4, 4, 0)),
        ..Extra::NONE
    },
};

const LARGE_MEMORY_MIB: u64 = 64 * 1024;
const LARGE_VCPUS: u32 = 16;
const LARGE_DISK_GIB: f64 = 1024.0;

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if workload.platform != Platform::Vm {
        return;
    }
    let Some(size) = large(workload) else {
        return;
    };
    for (span, name) in workload.facts(|f| match f {
        FactKind::Service {
            name,
            kind: Some(kind),
            stateful,
        } if kind == "database" && *stateful != Some(false) => Some(name),
        _ => None,
    }) {
        report.at(
            span.clone(),
            format!("`{name}` is a stateful database on a large VM ({size})"),
        );
    }
}

/// What makes the VM large, if it is.
fn large(workload: &Workload) -> Option<String> {
    let mut disk = 0.0;
    let mut reasons = Vec::new();
    for fact in &workload.facts {
        match fact.kind {
            FactKind::MemoryMiB(mib) if mib >= LARGE_MEMORY_MIB => {
                reasons.push(format!("{} GiB memory", mib / 1024));
            }
            FactKind::Vcpus(vcpus) if vcpus >= LARGE_VCPUS => {
                reasons.push(format!("{vcpus} vCPUs"))
            }
            FactKind::DiskGiB(gib) => disk += gib,
            _ => {}
        }
    }
    if disk >= LARGE_DISK_GIB {
        reasons.push(format!("{disk} GiB disk"));
    }
    (!reasons.is_empty()).then(|| reasons.join(", "))
}
