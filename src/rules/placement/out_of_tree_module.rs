//! P205 out-of-tree-kernel-module: a VM that depends on an out-of-tree or vendor kernel module:
//! a container shares the host's kernel and cannot bring its own.

use crate::rules::Severity;
use crate::model::{FactKind, Platform};
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P205",
    name: "out-of-tree-kernel-module",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The VM depends on an out-of-tree kernel module; a container cannot bring its own kernel.",
    help: "Keep it as a VM, or have the module installed on the container hosts by a node agent.",
    doc: include_str!("../../../rules/placement/P205-out-of-tree-kernel-module.md"),
    extra: Extra {
        weight: Some(Weight::new(4, 4, 0)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if workload.platform != Platform::Vm {
        return;
    }
    for (span, name) in workload.facts(|f| match f {
        FactKind::KernelModule {
            name,
            in_tree: Some(false),
        } => Some(name),
        _ => None,
    }) {
        report.at(
            span.clone(),
            format!("kernel module `{name}` is out-of-tree: it needs a kernel of the VM's own"),
        );
    }
}
