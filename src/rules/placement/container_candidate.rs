//! P201 container-candidate: a VM whose guest is mainstream Linux running only stateless
//! web, API or worker services, with nothing tying it to a VM: it fits a container.

use crate::rules::Severity;
use crate::model::{FactKind, Platform, Workload};
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P201",
    name: "container-candidate",
    severity: Severity::Info,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "This VM runs stateless services on mainstream Linux and nothing ties it to a VM: it fits a container.",
    help: "Containerise the services (one image each) and retire the VM; see `realtor advise` for the fit.",
    doc: include_str!("../../../rules/placement/P201-container-candidate.md"),
    extra: Extra {
        weight: Some(Weight::new(0, 0, 0)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if workload.platform == Platform::Vm && fits_container(workload) {
        let services = workload
            .facts(|f| match f {
                FactKind::Service { name, .. } => Some(name.as_str()),
                _ => None,
            })
            .map(|(_, name)| name)
            .collect::<Vec<_>>()
            .join(", ");
        report.at(
            workload.span.clone(),
            format!(
                "VM `{}` runs only stateless services ({services}): a container candidate",
                workload.name
            ),
        );
    }
}

fn fits_container(workload: &Workload) -> bool {
    let mut linux = false;
    let mut services = 0;
    for fact in &workload.facts {
        match &fact.kind {
            FactKind::Os(os) => {
                linux = os.family.as_deref() == Some("linux")
                    && super::legacy_guest_os::end_of_support(os).is_none();
            }
            FactKind::Service { kind, stateful, .. } => {
                let stateless_kind = matches!(kind.as_deref(), Some("web" | "api" | "worker"));
                if !stateless_kind || *stateful != Some(false) {
                    return false;
                }
                services += 1;
            }
            FactKind::KernelModule { in_tree, .. } if *in_tree != Some(true) => return false,
            FactKind::Passthrough(_)
            | FactKind::HardwareBoundLicence(_)
            | FactKind::GuiSession
            | FactKind::SharedDisk
            | FactKind::IsolationNeed(_) => return false,
            _ => {}
        }
    }
    linux && services > 0
}
