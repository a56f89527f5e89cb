//! P104 host-control: a container that takes control of its host (privileged while it uses
//! the host's namespaces, files, kernel or devices, the host's PID namespace, or the runtime's
//! socket): a VM in disguise without a VM's isolation. Privilege alone, with nothing of the
//! host in use, is a hardening defect (K001: drop it), not a sign the workload needs a
//! machine. Node agents (DaemonSets) are containers by design and are left alone.

use crate::rules::Severity;
use crate::model::{FactKind, HostNamespace, Platform};
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P104",
    name: "host-control",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The container controls its host (privileged, host PID, or the runtime socket), so it isolates nothing.",
    help: "Drop the host access, or give the workload its own kernel: a VM or a sandboxed runtime.",
    doc: include_str!("../../../rules/placement/P104-host-control.md"),
    extra: Extra {
        security_severity: Some("8.8"),
        weight: Some(Weight::new(3, 3, 0)),
        ..Extra::NONE
    },
};

const RUNTIME_SOCKETS: &[&str] = &["docker.sock", "containerd.sock", "crio.sock"];

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if workload.platform != Platform::Container || workload.kind == "DaemonSet" {
        return;
    }
    let uses_host = workload.facts.iter().any(|f| match &f.kind {
        FactKind::HostNamespace(_) | FactKind::HostPath { .. } | FactKind::Passthrough(_) => {
            true
        }
        FactKind::Runs(command) | FactKind::Init(command) => {
            super::kernel_modules::module_loader(command).is_some()
        }
        _ => false,
    });
    for fact in &workload.facts {
        let message = match &fact.kind {
            FactKind::Privileged if uses_host => {
                "a privileged container is root on its host".to_string()
            }
            FactKind::HostNamespace(HostNamespace::Pid) => {
                "the container sees and signals every process of its host".to_string()
            }
            FactKind::HostPath { path, .. }
                if RUNTIME_SOCKETS.iter().any(|s| path.ends_with(s)) =>
            {
                format!(
                    "mounting `{path}` gives the container control of the host's containers"
                )
            }
            _ => continue,
        };
        report.at(fact.span.clone(), message);
    }
}
