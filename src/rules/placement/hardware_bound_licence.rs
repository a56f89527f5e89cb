//! P207 hardware-bound-licence: a VM running software whose licence is bound to a
//! MAC address, a host id or a dongle: containers get a new identity on each start.

use crate::rules::Severity;
use crate::model::{FactKind, Platform};
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P207",
    name: "hardware-bound-licence",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "A licence is bound to the machine's MAC address, host id or a dongle.",
    help: "Move to a floating or subscription licence first, or keep the VM.",
    doc: include_str!("../../../rules/placement/P207-hardware-bound-licence.md"),
    extra: Extra {
        weight: Some(Weight::new(5, 5, 0)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if workload.platform != Platform::Vm {
        return;
    }
    for (span, bound) in workload.facts(|f| match f {
        FactKind::HardwareBoundLicence(bound) => Some(bound),
        _ => None,
    }) {
        report.at(
            span.clone(),
            format!(
                "a licence is bound to the machine's {bound}, which a container does not keep"
            ),
        );
    }
}
