//! P102 sshd: a container that runs an SSH server or exposes port 22: people log in to
//! it and change it by hand, as they would a VM.

use crate::rules::Severity;
use crate::model::{FactKind, Platform};
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P102",
    name: "sshd",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The container runs an SSH server or exposes port 22, so it is managed like a VM.",
    help: "Remove sshd and use `kubectl exec`/`docker exec` for debugging, or run this workload as a VM.",
    doc: include_str!("../../../rules/placement/P102-sshd.md"),
    extra: Extra {
        weight: Some(Weight::new(2, 2, 0)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if workload.platform != Platform::Container {
        return;
    }
    for fact in &workload.facts {
        let message = match &fact.kind {
            FactKind::Init(command)
                if super::programs(command).contains(&"sshd")
                    && !super::ssh_server::is_ssh_server(command) =>
            {
                "the container's main command starts an SSH server"
            }
            FactKind::ExposedPort(22) => "the container exposes SSH (port 22)",
            _ => continue,
        };
        report.at(fact.span.clone(), message);
    }
}
