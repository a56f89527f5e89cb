//! One workload per machine of a native inventory, each fact at the value that states it.

use rayon::prelude::*;

use crate::formats::inventory::InventoryFile;
use crate::model::{FactKind, IsolationNeed, OsFact, Platform, Workload};
use crate::syntax::yaml::{Node, PathSegment::Key};

/// One workload per machine of a native inventory.
pub fn inventory(file: &InventoryFile<'_>) -> Vec<Workload> {
    let machines = file
        .node
        .get("machines")
        .map(|e| e.value.items())
        .unwrap_or_default();
    file.inventory
        .machines
        .par_iter()
        .zip(machines)
        .map(|(machine, node)| machine_workload(machine, node))
        .collect()
}

fn machine_workload(machine: &crate::formats::inventory::Machine, node: &Node) -> Workload {
    let at = |path: &[crate::syntax::yaml::PathSegment<'_>]| {
        node.lookup(path).map(|f| f.node.span.clone())
    };
    let name_span = at(&[Key("name")]).unwrap_or_else(|| node.span.clone());
    let mut workload = Workload {
        name: machine.name.clone(),
        kind: "VirtualMachine".into(),
        namespace: None,
        span: name_span,
        platform: Platform::Vm,
        facts: Vec::new(),
    };
    let identity: Vec<_> = ["family", "distro", "version"]
        .iter()
        .filter_map(|key| at(&[Key("os"), Key(key)]))
        .collect();
    let os_span = match (
        identity.iter().map(|s| s.start).min(),
        identity.iter().map(|s| s.end).max(),
    ) {
        (Some(start), Some(end)) => Some(start..end),
        _ => at(&[Key("os")]),
    };
    if let (Some(os), Some(span)) = (&machine.os, os_span) {
        let os = OsFact {
            family: os.family.as_ref().map(serde_label),
            distro: os.distro.clone(),
            version: os.version.clone(),
        };
        workload.add(span, FactKind::Os(os));
    }
    if let Some(compute) = &machine.compute {
        if let (Some(vcpus), Some(span)) = (compute.vcpus, at(&[Key("compute"), Key("vcpus")])) {
            workload.add(span, FactKind::Vcpus(vcpus));
        }
        if let (Some(memory), Some(span)) =
            (compute.memory_mib, at(&[Key("compute"), Key("memoryMiB")]))
        {
            workload.add(span, FactKind::MemoryMiB(memory));
        }
    }
    if let Some(utilization) = &machine.utilization {
        for (key, percentiles, cpu) in [
            ("cpuPct", &utilization.cpu_pct, true),
            ("memPct", &utilization.mem_pct, false),
        ] {
            let Some(p) = percentiles else { continue };
            let (peak, basis) = match (p.p95, p.max) {
                (Some(p95), _) => (p95, "p95"),
                (None, Some(max)) => (max, "max"),
                (None, None) => continue,
            };
            if let Some(span) = at(&[Key("utilization"), Key(key)]) {
                workload.add(span.clone(), FactKind::PeakBasis(basis));
                let kind = if cpu {
                    FactKind::CpuPeakPct(peak)
                } else {
                    FactKind::MemPeakPct(peak)
                };
                workload.add(span, kind);
            }
        }
    }
    let items = |path: &[crate::syntax::yaml::PathSegment<'_>]| {
        node.lookup(path)
            .map(|f| f.node.items())
            .unwrap_or_default()
    };
    if let Some(workloads) = &machine.workloads {
        let services = workloads.services.iter().flatten();
        for (service, item) in services.zip(items(&[Key("workloads"), Key("services")])) {
            workload.add(
                item.span.clone(),
                FactKind::Service {
                    name: service.name.clone(),
                    kind: service.kind.as_ref().map(serde_label),
                    stateful: service.stateful,
                },
            );
        }
        let modules = workloads.kernel_modules.iter().flatten();
        for (module, item) in modules.zip(items(&[Key("workloads"), Key("kernelModules")])) {
            workload.add(
                item.span.clone(),
                FactKind::KernelModule {
                    name: module.name.clone(),
                    in_tree: module.in_tree,
                },
            );
        }
        let software = workloads.software.iter().flatten();
        for (software, item) in software.zip(items(&[Key("workloads"), Key("software")])) {
            if software.kind == Some(crate::formats::inventory::SoftwareKind::Database) {
                workload.add(
                    item.span.clone(),
                    FactKind::Service {
                        name: software.name.clone(),
                        kind: Some("database".into()),
                        stateful: Some(true),
                    },
                );
            }
        }
        if let (Some(true), Some(span)) = (
            workloads.gui_session,
            at(&[Key("workloads"), Key("guiSession")]),
        ) {
            workload.add(span, FactKind::GuiSession);
        }
    }
    if let Some(hardware) = &machine.hardware {
        let passthrough = hardware.passthrough.iter().flatten();
        for (device, item) in passthrough.zip(items(&[Key("hardware"), Key("passthrough")])) {
            let kind = device
                .kind
                .as_ref()
                .map_or_else(|| "device".to_string(), serde_label);
            workload.add(item.span.clone(), FactKind::Passthrough(kind));
        }
        let usb = hardware.usb_devices.iter().flatten();
        for (device, item) in usb.zip(items(&[Key("hardware"), Key("usbDevices")])) {
            if device.connected != Some(false) {
                workload.add(item.span.clone(), FactKind::Passthrough("usb".into()));
            }
        }
    }
    let licences = machine.licensing.iter().flatten();
    for (licence, item) in licences.zip(items(&[Key("licensing")])) {
        let bound = licence.bound_to.as_ref().map(serde_label);
        if let Some(bound) = bound.filter(|b| b != "none") {
            workload.add(item.span.clone(), FactKind::HardwareBoundLicence(bound));
        }
    }
    let disks = machine
        .storage
        .iter()
        .flat_map(|s| s.disks.iter().flatten());
    for (disk, item) in disks.zip(items(&[Key("storage"), Key("disks")])) {
        let physical_rdm = disk
            .rdm
            .as_ref()
            .is_some_and(|r| serde_label(r) == "physical");
        if disk.shared == Some(true) || physical_rdm {
            workload.add(item.span.clone(), FactKind::SharedDisk);
        }
        if let Some(capacity) = disk.capacity_gib {
            workload.add(item.span.clone(), FactKind::DiskGiB(capacity));
        }
    }
    if let Some(requirements) = &machine.requirements {
        let needs = [
            (
                "isolation",
                requirements
                    .isolation
                    .as_ref()
                    .is_some_and(|i| serde_label(i) != "standard"),
                IsolationNeed::Strong,
            ),
            (
                "untrustedCode",
                requirements.untrusted_code == Some(true),
                IsolationNeed::UntrustedCode,
            ),
            (
                "multiTenant",
                requirements.multi_tenant == Some(true),
                IsolationNeed::MultiTenant,
            ),
        ];
        let login = requirements.interactive_login.as_ref().map(serde_label);
        if let (Some(login), Some(span)) = (
            login.filter(|l| l != "none"),
            at(&[Key("requirements"), Key("interactiveLogin")]),
        ) {
            workload.add(span, FactKind::InteractiveLogin(login));
        }
        for (key, needed, need) in needs {
            if needed && let Some(span) = at(&[Key("requirements"), Key(key)]) {
                workload.add(span, FactKind::IsolationNeed(need));
            }
        }
    }
    workload
}

/// The schema string of an inventory enumeration value (`dedicated-hardware`).
fn serde_label<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
