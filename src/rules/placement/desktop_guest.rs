//! P204 desktop-guest: a VM used as a desktop: a desktop Windows OS, a GUI session,
//! RDP or VNC logins, or a desktop service. Containers have no GUI.

use crate::rules::Severity;
use crate::model::{FactKind, OsFact, Platform};
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P204",
    name: "desktop-guest",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The VM is used as a desktop (desktop OS, GUI session, RDP/VNC login).",
    help: "Keep it as a VM or move it to a virtual-desktop service.",
    doc: include_str!("../../../rules/placement/P204-desktop-guest.md"),
    extra: Extra {
        weight: Some(Weight::new(5, 5, 0)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if workload.platform != Platform::Vm {
        return;
    }
    for fact in &workload.facts {
        let message = match &fact.kind {
            FactKind::Os(os) if is_desktop_windows(os) => format!(
                "`{} {}` is a desktop OS",
                os.distro.as_deref().unwrap_or("windows"),
                os.version.as_deref().unwrap_or("")
            ),
            FactKind::GuiSession => "people use a GUI session on this VM".to_string(),
            FactKind::InteractiveLogin(login) if login != "console" => {
                format!("people log in over {}", login.to_ascii_uppercase())
            }
            FactKind::Service {
                name,
                kind: Some(kind),
                ..
            } if kind == "desktop" => format!("`{name}` is a desktop service"),
            _ => continue,
        };
        report.at(fact.span.clone(), message);
    }
}

/// Windows client editions: 7, 8, 10, 11, or a distro naming a desktop edition.
fn is_desktop_windows(os: &OsFact) -> bool {
    let distro = os.distro.as_deref().unwrap_or("").to_ascii_lowercase();
    let version = os.version.as_deref().unwrap_or("");
    os.family.as_deref() == Some("windows")
        && (distro.contains("desktop")
            || distro.contains("client")
            || (!distro.contains("server") && matches!(version, "7" | "8" | "8.1" | "10" | "11")))
}
