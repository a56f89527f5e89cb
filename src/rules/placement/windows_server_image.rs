//! P108 windows-server-image: a container built on a full Windows Server image (Server Core
//! or the GUI `windows`/`server` images) rather than Nano Server: a lifted Windows machine.

use crate::rules::Severity;
use crate::model::FactKind;
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P108",
    name: "windows-server-image",
    severity: Severity::Info,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The image is Windows Server Core or a full Windows image: a Windows machine lifted into a container.",
    help: "Move to Nano Server or a .NET (Core) Linux image where the app allows; keep apps that need the full OS in a VM.",
    doc: include_str!("../../../rules/placement/P108-windows-server-image.md"),
    extra: Extra {
        weight: Some(Weight::new(1, 1, 0)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if !super::judged_container(workload) {
        return;
    }
    for (span, os) in workload.facts(|f| match f {
        FactKind::Os(os) => Some(os),
        _ => None,
    }) {
        let distro = os.distro.as_deref().unwrap_or("");
        let full = distro.starts_with("servercore") || matches!(distro, "windows" | "server");
        if os.family.as_deref() == Some("windows") && full {
            report.at(
                span.clone(),
                format!("`{distro}` is a full Windows Server image, several GiB of OS in a container"),
            );
        }
    }
}
