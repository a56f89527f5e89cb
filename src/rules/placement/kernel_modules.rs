//! P103 kernel-modules: a container that loads kernel modules (modprobe/insmod, a
//! `/lib/modules` host mount, `SYS_MODULE`). Containers share the host kernel; a
//! workload that changes it needs its own kernel: a VM.

use crate::rules::Severity;
use crate::model::{FactKind, Platform};
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P103",
    name: "kernel-modules",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The container loads kernel modules into the shared host kernel.",
    help: "Load the module on the host (or a node agent) and keep the app unprivileged, or run it as a VM with its own kernel.",
    doc: include_str!("../../../rules/placement/P103-kernel-modules.md"),
    extra: Extra {
        weight: Some(Weight::new(4, 4, 0)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if workload.platform != Platform::Container {
        return;
    }
    for fact in &workload.facts {
        let message = match &fact.kind {
            FactKind::Runs(command) | FactKind::Init(command) => match module_loader(command) {
                Some(program) => {
                    format!("`{program}` loads a module into the host's kernel")
                }
                None => continue,
            },
            FactKind::HostPath { path, .. } if path.trim_end_matches('/') == "/lib/modules" => {
                "the host's `/lib/modules` is mounted into the container".to_string()
            }
            FactKind::AddedCapability(cap) if cap == "SYS_MODULE" => {
                "`SYS_MODULE` lets the container load kernel modules".to_string()
            }
            _ => continue,
        };
        report.at(fact.span.clone(), message);
    }
}

/// The program of a command line that loads a kernel module (`modprobe`, `insmod`).
pub(super) fn module_loader(command: &str) -> Option<&str> {
    super::programs(command)
        .into_iter()
        .find(|p| matches!(*p, "modprobe" | "insmod"))
}
