//! P212 stateful-service: a VM service that keeps state (a database, cache or queue, or any
//! service marked `stateful: true`): it can move to a container, but its data needs a
//! persistent volume (a StatefulSet with a PVC) or a managed service first.

use crate::rules::Severity;
use crate::model::{FactKind, Platform};
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P212",
    name: "stateful-service",
    severity: Severity::Info,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "A service of this VM keeps state: a container needs its data on a persistent volume.",
    help: "Containerise it as a StatefulSet with a PersistentVolumeClaim, or move the data to a managed service.",
    doc: include_str!("../../../rules/placement/P212-stateful-service.md"),
    extra: Extra {
        weight: Some(Weight::new(2, 2, 0)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if workload.platform != Platform::Vm {
        return;
    }
    for (span, name) in workload.facts(|f| match f {
        FactKind::Service {
            name,
            kind,
            stateful,
        } => {
            let stateful_kind = matches!(kind.as_deref(), Some("database" | "cache" | "queue"));
            (*stateful == Some(true) || (stateful_kind && *stateful != Some(false)))
                .then_some(name)
        }
        _ => None,
    }) {
        report.at(
            span.clone(),
            format!("`{name}` keeps state: its data needs a persistent volume in a container"),
        );
    }
}
