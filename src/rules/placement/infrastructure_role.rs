//! P213 infrastructure-role: a VM that is part of the infrastructure containers run on or
//! are managed from: a Kubernetes node (kubelet, a container runtime, etcd), a
//! virtualisation appliance (vCenter, NSX, on VMware's Photon OS), or a Windows Server
//! role (DHCP, DNS, WSUS, certificate services, Remote Desktop, failover clustering).

use crate::rules::Severity;
use crate::model::{FactKind, Platform};
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P213",
    name: "infrastructure-role",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The VM is infrastructure: a Kubernetes node, a virtualisation appliance or a Windows Server role.",
    help: "Keep infrastructure roles on VMs (or their vendor's appliance); containerise the applications they serve.",
    doc: include_str!("../../../rules/placement/P213-infrastructure-role.md"),
    extra: Extra {
        weight: Some(Weight::new(5, 5, 0)),
        ..Extra::NONE
    },
};

/// Service names (lower case) of infrastructure roles, and the role.
const ROLE_SERVICES: &[(&str, &str)] = &[
    ("kubelet", "a Kubernetes node"),
    ("containerd", "a Kubernetes node's container runtime"),
    ("crio", "a Kubernetes node's container runtime"),
    ("cri-o", "a Kubernetes node's container runtime"),
    ("dockerd", "a container host"),
    ("etcd", "a Kubernetes control-plane store"),
    ("k3s", "a Kubernetes node"),
    ("rke2-server", "a Kubernetes node"),
    ("rke2-agent", "a Kubernetes node"),
    ("vpxd", "a vCenter Server appliance"),
    ("vmware-vpxd", "a vCenter Server appliance"),
    ("vcenter", "a vCenter Server appliance"),
    ("nsx-manager", "an NSX appliance"),
    ("dhcpserver", "a Windows DHCP server"),
    ("dhcp server", "a Windows DHCP server"),
    ("dns server", "a Windows DNS server"),
    ("wsusservice", "a Windows update server (WSUS)"),
    ("wsus", "a Windows update server (WSUS)"),
    ("certsvc", "a Windows certificate authority"),
    ("termservice", "a Remote Desktop server"),
    ("tssdis", "a Remote Desktop broker"),
    ("clussvc", "a Windows failover-cluster node"),
    ("vmms", "a Hyper-V host"),
    ("wdsserver", "a Windows Deployment Services server"),
    ("ias", "a Windows network policy server"),
];

/// Words in a machine's name that name an appliance.
const APPLIANCE_NAMES: &[(&str, &str)] = &[
    ("vcenter", "a vCenter Server appliance"),
    ("vcsa", "a vCenter Server appliance"),
    ("nsx", "an NSX appliance"),
    ("esxi", "a nested ESXi host"),
];

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if workload.platform != Platform::Vm {
        return;
    }
    let name = workload.name.to_ascii_lowercase();
    if let Some((word, role)) = APPLIANCE_NAMES.iter().find(|(w, _)| name.contains(w)) {
        report.at(
            workload.span.clone(),
            format!(
                "`{}` is named as {role} (`{word}`): infrastructure for a VM",
                workload.name
            ),
        );
        return;
    }
    for fact in &workload.facts {
        let message = match &fact.kind {
            FactKind::Service { name, .. } => {
                let lower = name.to_ascii_lowercase();
                let Some((_, role)) = ROLE_SERVICES.iter().find(|(s, _)| *s == lower) else {
                    continue;
                };
                format!("`{name}` makes this VM {role}: infrastructure for a VM")
            }
            FactKind::Os(os) if os.distro.as_deref() == Some("photon") => {
                "VMware Photon OS is the OS of VMware's appliances (vCenter, NSX): infrastructure for a VM".to_string()
            }
            _ => continue,
        };
        report.at(fact.span.clone(), message);
    }
}
