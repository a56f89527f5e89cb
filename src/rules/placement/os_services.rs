//! P105 os-services: a container whose main command starts OS services (cron,
//! syslog, `service ... start`) or a process supervisor after other programs: it runs a
//! machine's worth of daemons, as a VM does.

use crate::rules::Severity;
use crate::model::FactKind;
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P105",
    name: "os-services",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The container's main command starts OS services (cron, syslog, a supervisor) next to the app.",
    help: "Run one service per container (a CronJob for scheduled work, stdout for logs), or run the workload as a VM.",
    doc: include_str!("../../../rules/placement/P105-os-services.md"),
    extra: Extra {
        weight: Some(Weight::new(3, 3, 0)),
        ..Extra::NONE
    },
};

/// Daemons that make up an operating system rather than an application.
const OS_SERVICES: &[&str] = &[
    "cron",
    "crond",
    "anacron",
    "atd",
    "rsyslogd",
    "syslogd",
    "syslog-ng",
    "service",
    "systemctl",
    "supervisord",
    "runsvdir",
    "s6-svscan",
];

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if !super::judged_container(workload) {
        return;
    }
    for (span, command) in workload.facts(|f| match f {
        FactKind::Init(command) => Some(command),
        _ => None,
    }) {
        // PID 1 itself being an init system or a supervisor is P101's finding.
        let programs = super::programs(command);
        let pid1_init = programs
            .first()
            .is_some_and(|p| super::init_system::INIT_SYSTEMS.contains(p));
        let started = programs.into_iter().skip(usize::from(pid1_init));
        let mut services: Vec<&str> = started.filter(|p| OS_SERVICES.contains(p)).collect();
        services.dedup();
        if !services.is_empty() {
            report.at(
                span.clone(),
                format!(
                    "the main command starts OS services (`{}`): the container runs a machine's daemons",
                    services.join("`, `")
                ),
            );
        }
    }
}
