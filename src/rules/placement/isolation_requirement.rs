//! P211 isolation-requirement: a VM whose requirements say strong isolation,
//! multi-tenancy or untrusted code: a plain container's isolation is only moderate.

use crate::rules::Severity;
use crate::model::{FactKind, IsolationNeed, Platform};
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P211",
    name: "isolation-requirement",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The VM must isolate strongly (strong isolation, multi-tenant or untrusted code).",
    help: "Keep the VM, or move it to a sandboxed container runtime (gVisor, Kata) that gives it its own kernel.",
    doc: include_str!("../../../rules/placement/P211-isolation-requirement.md"),
    extra: Extra {
        weight: Some(Weight::new(4, 1, 0)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if workload.platform != Platform::Vm {
        return;
    }
    for (span, need) in workload.facts(|f| match f {
        FactKind::IsolationNeed(need) => Some(*need),
        _ => None,
    }) {
        report.at(
            span.clone(),
            format!(
                "{} needs more isolation than a shared-kernel container gives",
                describe(need)
            ),
        );
    }
}

/// The isolation need in words.
pub fn describe(need: IsolationNeed) -> &'static str {
    match need {
        IsolationNeed::Strong => "strong isolation",
        IsolationNeed::UntrustedCode => "untrusted code",
        IsolationNeed::MultiTenant => "a multi-tenant workload",
    }
}
