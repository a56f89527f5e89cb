//! Hyper-V: the output of `Get-VM | Select-Object ...` as JSON (`ConvertTo-Json`) or CSV
//! (`Export-Csv`); docs/inventory.md has the exact command. Read: `Name`, `VMId`,
//! `Generation` (1 = BIOS, 2 = EFI), `ProcessorCount`, `MemoryStartup` (bytes, else
//! `MemoryAssigned`), `State` and `UptimeSeconds` (kept as tags), `OSName` (from the guest
//! integration services, absent when they do not run), `DiskSizesGiB` (`;`-separated),
//! `AssignableDevices` (DDA passthrough, `;`-separated) and the network adapters'
//! `SwitchNames` and `MacAddresses` (`;`-separated, in adapter order).

use crate::input::source::{SourceFile, Span};
use crate::syntax::yaml::{self, Node};

use super::table::{self, Cell};
use super::{Import, Mapping};

/// Whether a JSON text looks like `Get-VM` output.
pub fn is_json(text: &str) -> bool {
    text.contains("\"ProcessorCount\"")
        && (text.contains("\"Generation\"") || text.contains("\"MemoryStartup\""))
}

pub fn read_json(file: &SourceFile, import: &mut Import) {
    let parsed = yaml::parse(file);
    if let Some(error) = parsed.error {
        import.problem(error.span, format!("JSON syntax: {}", error.message));
    }
    let Some(document) = parsed.documents.first() else {
        return;
    };
    let root = &document.root;
    let records: Vec<&Node> = if root.items().is_empty() && !root.entries().is_empty() {
        vec![root]
    } else {
        root.items().iter().collect()
    };
    for record in records {
        if record.entries().is_empty() {
            import.problem(record.span.clone(), "expected a JSON object per VM");
            continue;
        }
        let get = |key: &str| json_field(record, key);
        if let Some(machine) = machine(&get, record.span.clone(), import) {
            import.machine(machine.build());
        }
    }
}

/// A field of a `Get-VM` object as a cell; a `TimeSpan` object gives its `TotalSeconds`.
fn json_field(record: &Node, key: &str) -> Option<Cell> {
    let entry = record
        .entries()
        .iter()
        .find(|e| e.key.as_str().is_some_and(|k| k.eq_ignore_ascii_case(key)))?;
    let node = match entry.value.get("TotalSeconds") {
        Some(seconds) => &seconds.value,
        None => &entry.value,
    };
    let text = match node.as_str() {
        Some(text) => text.to_string(),
        None if !node.items().is_empty() => node
            .items()
            .iter()
            .filter_map(Node::as_str)
            .collect::<Vec<_>>()
            .join(";"),
        None => return None,
    };
    (!text.is_empty() && text != "null").then(|| Cell {
        text,
        span: node.span.clone(),
    })
}

pub fn read_csv(text: &str, import: &mut Import) {
    table::each_row(text, import, &mut |table, row, import| {
        let get = |key: &str| {
            row.get(table, &[&table::normalise(key)]).map(|cell| Cell {
                text: cell.text.clone(),
                span: cell.span.clone(),
            })
        };
        if let Some(machine) = machine(&get, row.span.clone(), import) {
            import.machine(machine.build());
        }
    });
}

/// `Get-VM` states as `ConvertTo-Json` writes them without `ToString()`.
fn state_name(state: &str) -> &str {
    match state {
        "2" => "Running",
        "3" => "Off",
        "6" => "Saved",
        "9" => "Paused",
        other => other,
    }
}

fn machine(get: &dyn Fn(&str) -> Option<Cell>, span: Span, import: &mut Import) -> Option<Mapping> {
    let Some(name) = get("Name").or_else(|| get("VMName")) else {
        import.problem(span, "VM has no `Name`");
        return None;
    };
    let mut machine = Mapping::new(span);
    machine.text("name", name.text.clone(), name.span.clone());
    if let Some(id) = get("VMId") {
        machine.text("id", id.text, id.span);
    }
    let hypervisor_span = get("Generation").map_or(name.span.clone(), |g| g.span);
    machine.text("platform.hypervisor", "hyperv", hypervisor_span);
    if let Some(generation) = get("Generation") {
        match generation.text.as_str() {
            "1" => machine.text("platform.firmware", "bios", generation.span),
            "2" => machine.text("platform.firmware", "efi", generation.span),
            other => import.problem(generation.span, format!("unknown VM generation `{other}`")),
        }
    }
    let os = [
        "OSName",
        "GuestOperatingSystem",
        "OperatingSystem",
        "GuestOSName",
    ]
    .into_iter()
    .find_map(get);
    if let Some(os) = os {
        machine.os_named(&os, None);
    }
    machine.count("compute.vcpus", get("ProcessorCount").as_ref(), 1, import);
    let memory = get("MemoryStartup")
        .filter(|m| m.text != "0")
        .or_else(|| get("MemoryAssigned").filter(|m| m.text != "0"));
    machine.count("compute.memoryMiB", memory.as_ref(), 1024 * 1024, import);
    if let Some(sizes) = get("DiskSizesGiB") {
        let mut disks = Vec::new();
        for size in sizes
            .text
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let mut disk = Mapping::new(sizes.span.clone());
            let cell = Cell {
                text: size.to_string(),
                span: sizes.span.clone(),
            };
            disk.number("capacityGiB", Some(&cell), 1.0, import);
            disks.push(disk);
        }
        machine.list("storage.disks", disks, sizes.span.clone());
    }
    if let Some(devices) = get("AssignableDevices") {
        let passthrough: Vec<Mapping> = devices
            .text
            .split(';')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|device| {
                let mut item = Mapping::new(devices.span.clone());
                item.text("kind", "pci", devices.span.clone());
                item.text("model", device, devices.span.clone());
                item
            })
            .collect();
        if !passthrough.is_empty() {
            machine.list("hardware.passthrough", passthrough, devices.span.clone());
        }
    }
    let switches = get("SwitchNames");
    let macs = get("MacAddresses");
    let split = |cell: &Option<Cell>| -> Vec<String> {
        cell.as_ref()
            .map(|c| c.text.split(';').map(|p| p.trim().to_string()).collect())
            .unwrap_or_default()
    };
    let (switch_names, mac_addresses) = (split(&switches), split(&macs));
    let count = switch_names.len().max(mac_addresses.len());
    let adapters: Vec<Mapping> = (0..count)
        .filter_map(|i| {
            let switch = switch_names.get(i).filter(|s| !s.is_empty());
            let mac = mac_addresses.get(i).filter(|m| !m.is_empty());
            if switch.is_none() && mac.is_none() {
                return None;
            }
            let span = |cell: &Option<Cell>| cell.as_ref().map(|c| c.span.clone());
            let at = span(&switches).or_else(|| span(&macs))?;
            let mut adapter = Mapping::new(at.clone());
            if let (Some(switch), Some(cell)) = (switch, &switches) {
                adapter.text("network", switch.clone(), cell.span.clone());
            }
            if let (Some(mac), Some(cell)) = (mac, &macs) {
                adapter.text("mac", mac.clone(), cell.span.clone());
            }
            Some(adapter)
        })
        .collect();
    if let Some(at) = switches.as_ref().or(macs.as_ref()).map(|c| c.span.clone())
        && !adapters.is_empty()
    {
        machine.list("hardware.networkAdapters", adapters, at);
    }
    if let Some(state) = get("State") {
        machine.text("tags.state", state_name(&state.text), state.span);
    }
    if let Some(uptime) = get("UptimeSeconds").or_else(|| get("Uptime")) {
        match timespan_seconds(&uptime.text) {
            Some(seconds) => machine.text("tags.uptimeSeconds", seconds.to_string(), uptime.span),
            None => import.problem(
                uptime.span,
                format!(
                    "uptime `{}` is neither seconds nor a TimeSpan (`d.hh:mm:ss`)",
                    uptime.text
                ),
            ),
        }
    }
    Some(machine)
}

/// Whole seconds of an uptime: a number of seconds (`86400`, `TotalSeconds`), or a .NET
/// `TimeSpan` as `Export-Csv` writes it (`12.03:04:05`, `03:04:05.1234567`).
fn timespan_seconds(text: &str) -> Option<u64> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<f64>() {
        return (seconds >= 0.0).then_some(seconds as u64);
    }
    let (days, clock) = match text.split_once(':') {
        Some((head, _)) if head.contains('.') => {
            let (days, _) = head.split_once('.')?;
            (days.parse::<u64>().ok()?, &text[days.len() + 1..])
        }
        _ => (0, text),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    let [hours, minutes, seconds] = parts[..] else {
        return None;
    };
    let whole = seconds.split('.').next()?;
    let (h, m, s) = (
        hours.parse::<u64>().ok()?,
        minutes.parse::<u64>().ok()?,
        whole.parse::<u64>().ok()?,
    );
    (h < 24 && m < 60 && s < 60).then_some(days * 86_400 + h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn uptimes_are_seconds_or_timespans() {
        use super::timespan_seconds;
        assert_eq!(timespan_seconds("86400"), Some(86_400));
        assert_eq!(timespan_seconds("123.75"), Some(123));
        assert_eq!(
            timespan_seconds("12.03:04:05"),
            Some(12 * 86_400 + 3 * 3600 + 4 * 60 + 5)
        );
        assert_eq!(timespan_seconds("03:04:05.1234567"), Some(11_045));
        assert_eq!(timespan_seconds("00:00:00"), Some(0));
        assert_eq!(timespan_seconds("25:00:00"), None);
        assert_eq!(timespan_seconds("soon"), None);
    }

    use crate::formats::importers::testing::{at, read, source_of};
    use crate::formats::inventory::{Firmware, Hypervisor, OsFamily, PassthroughKind};

    #[test]
    fn get_vm_json_becomes_machines() {
        let (file, imported, inventory) = read("hyperv-get-vm.json");
        assert!(imported.problems.is_empty(), "{:?}", imported.problems);
        let [dc, lab] = &inventory.machines[..] else {
            panic!("{:?}", inventory.machines);
        };
        assert_eq!(dc.name, "dc01");
        let adapters = dc
            .hardware
            .as_ref()
            .unwrap()
            .network_adapters
            .as_ref()
            .unwrap();
        let read: Vec<_> = adapters
            .iter()
            .map(|a| (a.network.as_deref(), a.mac.as_deref()))
            .collect();
        assert_eq!(
            read,
            [
                (Some("External"), Some("00155D010A01")),
                (Some("Backup"), Some("00155D010A02"))
            ]
        );
        assert!(lab.hardware.is_none());
        let platform = dc.platform.as_ref().unwrap();
        assert_eq!(
            (platform.hypervisor, platform.firmware),
            (Some(Hypervisor::Hyperv), Some(Firmware::Efi))
        );
        let os = dc.os.as_ref().unwrap();
        assert_eq!(
            (os.family, os.version.as_deref()),
            (Some(OsFamily::Windows), Some("2019"))
        );
        let compute = dc.compute.as_ref().unwrap();
        assert_eq!((compute.vcpus, compute.memory_mib), (Some(4), Some(8192)));
        let disks = dc.storage.as_ref().unwrap().disks.as_ref().unwrap();
        assert_eq!(
            disks.iter().map(|d| d.capacity_gib).collect::<Vec<_>>(),
            [Some(127.0), Some(40.5)]
        );
        let passthrough = dc.hardware.as_ref().unwrap().passthrough.as_ref().unwrap();
        assert_eq!(passthrough[0].kind, Some(PassthroughKind::Pci));
        assert_eq!(dc.tags.as_ref().unwrap()["state"], "Running");
        assert_eq!(dc.tags.as_ref().unwrap()["uptimeSeconds"], "86400");
        assert_eq!(
            lab.platform.as_ref().unwrap().firmware,
            Some(Firmware::Bios)
        );
        assert!(lab.os.is_none(), "no integration services, no OS");
        assert_eq!(lab.compute.as_ref().unwrap().memory_mib, Some(2048));
        assert_eq!(lab.tags.as_ref().unwrap()["state"], "Off");
        let vcpus = source_of(&file, &imported, "machines[1].compute.vcpus");
        assert_eq!(vcpus, "1");
    }

    #[test]
    fn export_csv_becomes_machines() {
        let (file, imported, inventory) = read("hyperv-get-vm.csv");
        assert_eq!(inventory.machines.len(), 2);
        let dc = &inventory.machines[0];
        assert_eq!(dc.compute.as_ref().unwrap().memory_mib, Some(8192));
        assert_eq!(
            dc.os.as_ref().unwrap().distro.as_deref(),
            Some("windows-server")
        );
        assert_eq!(
            dc.storage.as_ref().unwrap().disks.as_ref().unwrap().len(),
            2
        );
        assert_eq!(imported.problems.len(), 1);
        assert_eq!(at(&file, &imported.problems[0].0), "three");
    }
}
