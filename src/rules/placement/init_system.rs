//! P101 init-system: a container whose PID 1 is an init system or a process supervisor
//! (systemd, SysV init, supervisord, runit, s6, s6-overlay's `/init`, phusion's
//! `/sbin/my_init`): a whole OS in a container.

use crate::rules::Severity;
use crate::model::{FactKind, Platform};
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P101",
    name: "init-system",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "PID 1 is an init system or process supervisor: the container runs a whole OS's worth of services.",
    help: "Split the services into one container each, or run this workload as a VM.",
    doc: include_str!("../../../rules/placement/P101-init-system.md"),
    extra: Extra {
        weight: Some(Weight::new(3, 3, 0)),
        ..Extra::NONE
    },
};

pub const INIT_SYSTEMS: &[&str] = &[
    "systemd",
    "init",
    "supervisord",
    "runsvdir",
    "runit",
    "s6-svscan",
    "openrc-init",
    "my_init",
    "runit-init",
    "s6-linux-init",
];

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if workload.platform != Platform::Container {
        return;
    }
    for (span, command) in workload.facts(|f| match f {
        FactKind::Init(command) => Some(command),
        _ => None,
    }) {
        let Some(program) = super::first_program(command) else {
            continue;
        };
        if INIT_SYSTEMS.contains(&program) {
            report.at(
                span.clone(),
                format!("PID 1 is `{program}`: this container runs an init system, like a VM"),
            );
        }
    }
}
