//! P114 ssh-server: a container whose main process is an SSH server (`sshd -D`,
//! `dropbear -F`): the workload is a machine people log in to. An SSH server forced into
//! `internal-sftp` for every login is a file service and is left alone.

use crate::rules::Severity;
use crate::model::FactKind;
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P114",
    name: "ssh-server",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The container's main process is an SSH server: it is a remote-login machine.",
    help: "Run a remote-login host as a VM; to debug a container use `kubectl exec` or `docker exec`.",
    doc: include_str!("../../../rules/placement/P114-ssh-server.md"),
    extra: Extra {
        weight: Some(Weight::new(3, 3, 0)),
        ..Extra::NONE
    },
};

/// SSH servers.
const SSH_SERVERS: &[&str] = &["sshd", "dropbear"];

/// Whether PID 1 of a command line is an SSH server.
pub fn is_ssh_server(command: &str) -> bool {
    super::first_program(command).is_some_and(|p| SSH_SERVERS.contains(&p))
}

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if !super::judged_container(workload) || super::sftp_only(workload) {
        return;
    }
    for (span, command) in workload.facts(|f| match f {
        FactKind::Init(command) => Some(command),
        _ => None,
    }) {
        if is_ssh_server(command) {
            report.at(
                span.clone(),
                "PID 1 is an SSH server: the workload is a machine people log in to",
            );
        }
    }
}
