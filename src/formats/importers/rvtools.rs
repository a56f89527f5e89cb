//! VMware vSphere inventories exported by RVTools: the vInfo tab (one row per VM) as
//! `RVTools_tabvInfo.csv` or as the vInfo sheet of the `.xlsx` workbook, joined with the
//! vCPU, vMemory, vDisk, vPartition, vUSB and vNetwork tabs when they are present (beside
//! the CSV as `RVTools_tabvDisk.csv` and so on, or in the same workbook). Rows join on
//! (`VI SDK UUID`, `VM ID`) or else `VM UUID`, never on the VM name, which repeats across
//! vCenters. Headers match by normalised alias (`Memory`, `Memory MB`, `Memory MiB`).
//! Templates and SRM placeholders describe no workload: they are skipped and counted.
//!
//! A workbook is read as the CSV text of each sheet, so line N is spreadsheet row N and a
//! column is a cell. The sibling tabs are attached to the import, so a fact taken from
//! one points at its own cell in its own file or sheet.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::input::source::SourceFile;

use super::table::{self, Row, Table};
use super::{Import, Mapping, decimal};

/// The tabs joined to vInfo.
const SIBLINGS: &[&str] = &["vCPU", "vMemory", "vDisk", "vPartition", "vUSB", "vNetwork"];

pub fn read(file: &SourceFile, import: &mut Import) {
    let siblings = Siblings::load(file, import);
    let (mut templates, mut placeholders) = (0, 0);
    table::each_row(&file.text, import, &mut |info, row, import| {
        let flag = |alias: &str| row.get(info, &[alias]).is_some_and(|c| is_true(&c.text));
        if flag("template") {
            templates += 1;
        } else if flag("srmplaceholder") {
            placeholders += 1;
        } else if let Some(machine) = machine(info, &row, &siblings, import) {
            import.machine(machine.build());
        }
    });
    import.skipped.push(("template", templates));
    import.skipped.push(("SRM placeholder", placeholders));
}

fn is_true(text: &str) -> bool {
    text.eq_ignore_ascii_case("true")
}

fn machine(info: &Table, row: &Row, siblings: &Siblings, import: &mut Import) -> Option<Mapping> {
    let get = |aliases: &[&str]| row.get(info, aliases);
    let Some(name) = get(&["vm", "vmname"]) else {
        import.problem(row.span.clone(), "row has no `VM` name");
        return None;
    };
    let mut machine = Mapping::new(row.span.clone());
    machine.text("name", name.text.clone(), name.span.clone());
    let uuid = get(&["vmuuid"]);
    if let Some(uuid) = uuid {
        machine.text("id", uuid.text.clone(), uuid.span.clone());
    }
    machine.text("platform.hypervisor", "vmware", name.span.clone());
    if let Some(firmware) = get(&["firmware"]) {
        match firmware.text.to_ascii_lowercase().as_str() {
            "efi" => machine.text("platform.firmware", "efi", firmware.span.clone()),
            "bios" => machine.text("platform.firmware", "bios", firmware.span.clone()),
            _ => {}
        }
    }
    let detailed = get(&["guestdetaileddata"]).and_then(super::vmx::guest_detailed_os);
    if let Some(os) = detailed {
        machine.os(&os.text, os.span);
    } else if let Some(os) = get(&[
        "osaccordingtothevmwaretools",
        "osaccordingtotheconfigurationfile",
        "os",
    ]) {
        machine.os(&os.text, os.span.clone());
    }
    machine.count("compute.vcpus", get(&["cpus", "numcpu"]), 1, import);
    let info_memory = get(&["memory", "memorymib", "memorymb", "sizemib"]);
    machine.count("compute.memoryMiB", info_memory, 1, import);
    let key = VmKey {
        id: JoinKey::of(info, row),
        name: JoinKey::name(info, row),
    };
    if let Some((cpu, table)) = siblings.row("vCPU", &key) {
        let get = |aliases: &[&str]| cpu.get(table, aliases);
        if !machine.has("compute.vcpus") {
            machine.count("compute.vcpus", get(&["cpus"]), 1, import);
        }
        machine.count("compute.sockets", get(&["sockets"]), 1, import);
        machine.count("compute.coresPerSocket", get(&["coresps"]), 1, import);
    }
    if let Some((memory, table)) = siblings.row("vMemory", &key) {
        let get = |aliases: &[&str]| memory.get(table, aliases);
        let size = get(&["sizemib", "sizemb"]);
        if !machine.has("compute.memoryMiB") {
            machine.count("compute.memoryMiB", size, 1, import);
        }
        let allocated = size
            .or(info_memory)
            .and_then(|c| decimal(&c.text))
            .filter(|mib| *mib > 0.0);
        if let (Some(active), Some(allocated)) = (get(&["active"]), allocated) {
            machine.number(
                "utilization.memPct.current",
                Some(active),
                100.0 / allocated,
                import,
            );
        }
    }
    if let Some((disks, table)) = siblings.rows("vDisk", &key) {
        let items = disks
            .iter()
            .map(|disk| vdisk(disk, table, import))
            .collect();
        machine.list("storage.disks", items, row.span.clone());
    }
    if let Some((partitions, table)) = siblings.rows("vPartition", &key) {
        let items = partitions
            .iter()
            .map(|partition| {
                let get = |aliases: &[&str]| partition.get(table, aliases);
                let mut item = Mapping::new(partition.span.clone());
                if let Some(mount) = get(&["disk"]) {
                    item.text("mount", mount.text.clone(), mount.span.clone());
                }
                let gib = 1.0 / 1024.0;
                item.number(
                    "capacityGiB",
                    get(&["capacitymib", "capacitymb"]),
                    gib,
                    import,
                );
                item.number("usedGiB", get(&["consumedmib", "consumedmb"]), gib, import);
                item
            })
            .collect();
        machine.list("storage.filesystems", items, row.span.clone());
    }
    if let Some((devices, table)) = siblings.rows("vUSB", &key) {
        let items = devices
            .iter()
            .map(|device| {
                let mut item = Mapping::new(device.span.clone());
                if let Some(kind) = device.get(table, &["devicetype", "family"]) {
                    item.text("type", kind.text.clone(), kind.span.clone());
                }
                if let Some(connected) = device.get(table, &["connected"]) {
                    let value = is_true(&connected.text);
                    item.plain("connected", value, connected.span.clone());
                }
                item
            })
            .collect();
        machine.list("hardware.usbDevices", items, row.span.clone());
    }
    if let Some((nics, table)) = siblings.rows("vNetwork", &key) {
        let items: Vec<Mapping> = nics
            .iter()
            .filter_map(|nic| {
                let adapter = nic.get(table, &["adapter", "type"])?;
                let kind = passthrough_adapter(&adapter.text)?;
                let mut item = Mapping::new(adapter.span.clone());
                item.text("kind", kind, adapter.span.clone());
                item.text("model", adapter.text.clone(), adapter.span.clone());
                Some(item)
            })
            .collect();
        if !items.is_empty() {
            machine.list("hardware.passthrough", items, row.span.clone());
        }
        let adapters = nics
            .iter()
            .map(|nic| {
                let mut adapter = Mapping::new(nic.span.clone());
                for (aliases, key) in [
                    (&["adapter", "type"][..], "model"),
                    (&["network", "portgroup"][..], "network"),
                    (&["macaddress", "mac"][..], "mac"),
                ] {
                    if let Some(cell) = nic.get(table, aliases) {
                        adapter.text(key, cell.text.clone(), cell.span.clone());
                    }
                }
                if let Some(cell) = nic.get(table, &["connected"]) {
                    adapter.plain("connected", is_true(&cell.text), cell.span.clone());
                }
                adapter
            })
            .collect();
        machine.list("hardware.networkAdapters", adapters, row.span.clone());
    }
    Some(machine)
}

/// The passthrough a vNetwork adapter type is: `PCIPassthru` a PCI device, `SriovEthernetCard`
/// an SR-IOV virtual function. `Direct Path IO = True` is not: it is a capability of
/// `vmxnet3` adapters, on by default, and says nothing of what the VM holds.
fn passthrough_adapter(adapter: &str) -> Option<&'static str> {
    let lower = adapter.to_ascii_lowercase();
    if lower.contains("passthru") || lower.contains("passthrough") {
        Some("pci")
    } else if lower.contains("sriov") || lower.contains("sr-iov") {
        Some("sriov")
    } else {
        None
    }
}

/// One vDisk row as a disk, each value at its cell.
fn vdisk(disk: &Row, table: &Table, import: &mut Import) -> Mapping {
    let get = |aliases: &[&str]| disk.get(table, aliases);
    let mut item = Mapping::new(disk.span.clone());
    item.number(
        "capacityGiB",
        get(&["capacitymib", "capacitymb"]),
        1.0 / 1024.0,
        import,
    );
    if let Some(mode) = get(&["diskmode"])
        && let Some(value) = disk_mode(&mode.text)
    {
        item.text("mode", value, mode.span.clone());
    }
    if let Some(raw) = get(&["raw"]) {
        let compat = get(&["rawcompmode"]);
        let physical = compat.is_some_and(|c| c.text.to_ascii_lowercase().starts_with("physical"));
        let (rdm, span) = match (is_true(&raw.text), compat) {
            (false, _) => ("none", raw.span.clone()),
            (true, Some(compat)) if physical => ("physical", compat.span.clone()),
            (true, _) => ("virtual", raw.span.clone()),
        };
        item.text("rdm", rdm, span);
    }
    if let Some(sharing) = get(&["sharingmode"]) {
        let shared = sharing.text.to_ascii_lowercase().contains("multiwriter");
        item.plain("shared", shared, sharing.span.clone());
    }
    item
}

fn disk_mode(text: &str) -> Option<&'static str> {
    match text.to_ascii_lowercase().replace('-', "_").as_str() {
        "persistent" | "dependent" => Some("dependent"),
        "independent_persistent" => Some("independent_persistent"),
        "independent_nonpersistent" => Some("independent_nonpersistent"),
        _ => None,
    }
}

/// How a row names its VM across tabs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum JoinKey {
    /// `VI SDK UUID` and `VM ID`: unique across vCenters.
    Sdk(String, String),
    /// `VM UUID` alone.
    Uuid(String),
    /// The VM's name, in a tab with none of the id columns (a workbook trimmed to the
    /// columns someone needed): names are unique within a vCenter.
    Name(String),
    /// Neither: the row joins nothing.
    None,
}

/// How a VM of vInfo is found in the other tabs: by its ids, or by its name in a tab
/// that has no id columns.
struct VmKey {
    id: JoinKey,
    name: JoinKey,
}

impl JoinKey {
    fn of(table: &Table, row: &Row) -> JoinKey {
        let get = |alias: &str| row.get(table, &[alias]).map(|c| c.text.clone());
        match (get("visdkuuid"), get("vmid"), get("vmuuid")) {
            (Some(sdk), Some(id), _) => JoinKey::Sdk(sdk, id),
            (_, _, Some(uuid)) => JoinKey::Uuid(uuid),
            _ => JoinKey::None,
        }
    }

    fn uuid(table: &Table, row: &Row) -> Option<String> {
        row.get(table, &["vmuuid"]).map(|c| c.text.clone())
    }

    /// Whether a tab has none of the id columns, so its rows join by the VM's name.
    fn by_name(table: &Table) -> bool {
        table.column(&["visdkuuid", "vmid", "vmuuid"]).is_none()
    }

    fn name(table: &Table, row: &Row) -> JoinKey {
        row.get(table, &["vm", "vmname"])
            .map_or(JoinKey::None, |c| JoinKey::Name(c.text.clone()))
    }
}

/// One sibling tab: its table, its rows by join key, and whether it joins by the VM's
/// name (it has no id columns).
struct Tab {
    table: Table,
    index: HashMap<JoinKey, Vec<usize>>,
    by_name: bool,
}

/// The sibling tabs found, each indexed by both join keys. Their spans are offset into
/// the import's span space (see [`Import::attach`]).
#[derive(Default)]
struct Siblings {
    tabs: HashMap<&'static str, Tab>,
}

impl Siblings {
    fn load(file: &SourceFile, import: &mut Import) -> Siblings {
        let mut siblings = Siblings::default();
        let path = Path::new(&file.path);
        let workbook = if crate::input::source::is_workbook(&file.path) {
            std::fs::read(path).ok()
        } else {
            None
        };
        for tab in SIBLINGS {
            let found = match &workbook {
                Some(bytes) => crate::input::workbook::sheet_csv(bytes, tab)
                    .ok()
                    .map(|text| (file.path.clone(), text, Some(tab.to_string()))),
                None => sibling_path(path, tab).and_then(|p| {
                    let text = std::fs::read_to_string(&p).ok()?;
                    Some((p.to_string_lossy().into_owned(), text, None))
                }),
            };
            let Some((path, text, sheet)) = found else {
                continue;
            };
            let mut problems = Import::default();
            let Some(mut table) = table::read(&text, &mut problems) else {
                continue;
            };
            let base = import.attach(file, SourceFile::new(path, &text), sheet);
            for (span, message) in problems.problems {
                import.problem(
                    span.start + base..span.end + base,
                    format!("{tab}: {message}"),
                );
            }
            table.rows.iter_mut().for_each(|row| row.shift(base));
            let mut index: HashMap<JoinKey, Vec<usize>> = HashMap::new();
            let by_name = JoinKey::by_name(&table);
            for (i, row) in table.rows.iter().enumerate() {
                if by_name {
                    index.entry(JoinKey::name(&table, row)).or_default().push(i);
                    continue;
                }
                index.entry(JoinKey::of(&table, row)).or_default().push(i);
                if let Some(uuid) = JoinKey::uuid(&table, row) {
                    index.entry(JoinKey::Uuid(uuid)).or_default().push(i);
                }
            }
            index.remove(&JoinKey::None);
            siblings.tabs.insert(
                tab,
                Tab {
                    table,
                    index,
                    by_name,
                },
            );
        }
        siblings
    }

    /// The rows of `tab` that belong to the VM with `key` (or, in a tab without id
    /// columns, with its name), when the tab is present.
    fn rows(&self, tab: &str, key: &VmKey) -> Option<(Vec<&Row>, &Table)> {
        let Tab {
            table,
            index,
            by_name,
        } = self.tabs.get(tab)?;
        let key = if *by_name { &key.name } else { &key.id };
        let rows = index
            .get(key)
            .map(|rows| rows.iter().map(|&i| &table.rows[i]).collect())
            .unwrap_or_default();
        Some((rows, table))
    }

    /// The row of a one-row-per-VM tab (vCPU, vMemory) for the VM with `key`.
    fn row(&self, tab: &str, key: &VmKey) -> Option<(&Row, &Table)> {
        let (rows, table) = self.rows(tab, key)?;
        Some((*rows.first()?, table))
    }
}

/// `RVTools_tabvDisk.csv` beside `RVTools_tabvInfo.csv`, whatever the case of `vInfo`.
fn sibling_path(path: &Path, tab: &str) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let at = name.to_ascii_lowercase().find("vinfo")?;
    let sibling = format!("{}{tab}{}", &name[..at], &name[at + 5..]);
    let candidate = path.with_file_name(sibling);
    candidate.exists().then_some(candidate)
}

#[cfg(test)]
mod tests;
