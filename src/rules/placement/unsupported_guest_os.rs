//! P203 unsupported-guest-os: a VM whose guest is neither Linux nor Windows (AIX, Solaris,
//! HP-UX, BSD ...): no container runtime runs it.

use crate::rules::Severity;
use crate::model::{FactKind, Platform};
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P203",
    name: "unsupported-guest-os",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The guest OS is neither Linux nor Windows, so no container can run it.",
    help: "Keep it as a VM (or a physical machine) until the application is ported.",
    doc: include_str!("../../../rules/placement/P203-unsupported-guest-os.md"),
    extra: Extra {
        weight: Some(Weight::new(5, 5, 0)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if workload.platform != Platform::Vm {
        return;
    }
    for (span, os) in workload.facts(|f| match f {
        FactKind::Os(os) => Some(os),
        _ => None,
    }) {
        let family = os.family.as_deref().unwrap_or("");
        if matches!(family, "unix" | "bsd" | "other") {
            let name = os.distro.as_deref().unwrap_or(family);
            report.at(
                span.clone(),
                format!("guest OS `{name}` is not Linux or Windows: no container runs it"),
            );
        }
    }
}
