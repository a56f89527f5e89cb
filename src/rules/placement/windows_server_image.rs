//! P108 windows-server-image: a container built on a full Windows Server image (Server Core
//! or the GUI `windows`/`server` images) rather than Nano Server: a lifted Windows machine.

use crate::diagnostic::Severity;
use crate::model::FactKind;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "P108",
    name: "windows-server-image",
    severity: Severity::Info,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The image is Windows Server Core or a full Windows image: a Windows machine lifted into a container.",
    help: "Move to Nano Server or a .NET (Core) Linux image where the app allows; keep apps that need the full OS in a VM.",
    doc: include_str!("../../../rules/placement/P108-windows-server-image.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Workload(workload) = subject else {
            return;
        };
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
}
