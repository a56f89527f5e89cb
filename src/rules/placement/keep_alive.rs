//! P110 keep-alive-entrypoint: a container whose main command only keeps it alive
//! (`sleep infinity`, `tail -f /dev/null`): it is a pet machine people `exec` into, not a service.

use crate::rules::Severity;
use crate::model::FactKind;
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P110",
    name: "keep-alive-entrypoint",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The main command only keeps the container alive (`sleep infinity`, `tail -f /dev/null`).",
    help: "Run the service itself as the main process; for an interactive machine, use a VM or a dev environment.",
    doc: include_str!("../../../rules/placement/P110-keep-alive-entrypoint.md"),
    extra: Extra {
        weight: Some(Weight::new(2, 2, 0)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if !super::judged_container(workload) {
        return;
    }
    for (span, command) in workload.facts(|f| match f {
        FactKind::Init(command) => Some(command),
        _ => None,
    }) {
        if let Some(idle) = keep_alive(command) {
            report.at(
                span.clone(),
                format!(
                    "`{idle}` keeps the container running without a service: a pet machine"
                ),
            );
        }
    }
}

/// The idle command in a command line: `sleep` forever (or for a day or more) or
/// `tail -f /dev/null`.
fn keep_alive(command: &str) -> Option<String> {
    command.split([';', '&', '|', '\n']).find_map(|simple| {
        let words: Vec<&str> = simple
            .split_whitespace()
            .map(|w| w.trim_matches(['"', '\'', '[', ']', ',']))
            .collect();
        let program = words
            .iter()
            .position(|w| matches!(w.rsplit('/').next(), Some("sleep" | "tail")))?;
        let args = &words[program + 1..];
        let forever = match words[program].rsplit('/').next() {
            Some("sleep") => args.first().is_some_and(|a| {
                matches!(*a, "infinity" | "inf") || a.parse::<u64>().is_ok_and(|s| s >= 86_400)
            }),
            _ => args.iter().any(|a| matches!(*a, "-f" | "-F")) && args.contains(&"/dev/null"),
        };
        forever.then(|| words[program..].join(" "))
    })
}
