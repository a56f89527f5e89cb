//! VMware vSphere inventories exported by RVTools: the vInfo tab (one row per VM) as
//! `RVTools_tabvInfo.csv` or as the vInfo sheet of the `.xlsx` workbook, joined with the
//! vDisk, vUSB and vNetwork tabs when they are present (beside the CSV as
//! `RVTools_tabvDisk.csv` and so on, or in the same workbook). Rows join on
//! (`VI SDK UUID`, `VM ID`) or else `VM UUID`, never on the VM name, which repeats across
//! vCenters. Headers match by normalised alias (`Memory`, `Memory MB`, `Memory MiB`).
//! Templates and SRM placeholders describe no workload: they are skipped and counted.
//!
//! A workbook is read as the CSV text of its vInfo sheet, so line N is spreadsheet row N.
//! Facts taken from a sibling tab point at the VM's join key in vInfo.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Reader, Xlsx};

use crate::source::SourceFile;

use super::table::{self, Row, Table};
use super::{Cell, Import, Mapping, decimal, round2};

/// The tabs joined to vInfo.
const SIBLINGS: &[&str] = &["vDisk", "vUSB", "vNetwork"];

pub fn read(file: &SourceFile, import: &mut Import) {
    let siblings = Siblings::load(Path::new(&file.path));
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
    let Some(name) = get(&["vm"]) else {
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
    if let Some(os) = get(&[
        "osaccordingtothevmwaretools",
        "osaccordingtotheconfigurationfile",
        "os",
    ]) {
        machine.os(&os.text, os.span.clone());
    }
    machine.count("compute.vcpus", get(&["cpus", "numcpu"]), 1, import);
    machine.count(
        "compute.memoryMiB",
        get(&["memory", "memorymib", "memorymb", "sizemib"]),
        1,
        import,
    );
    let key = JoinKey::of(info, row);
    let anchor = uuid
        .or(Some(name))
        .map_or(row.span.clone(), |c| c.span.clone());
    let anchor = |text: &str| Cell {
        text: text.to_string(),
        span: anchor.clone(),
    };
    if let Some((disks, table)) = siblings.rows("vDisk", &key) {
        let items = disks
            .iter()
            .map(|disk| {
                let get = |aliases: &[&str]| disk.get(table, aliases);
                let mut item = Mapping::new(anchor("").span);
                if let Some(mib) =
                    get(&["capacitymib", "capacitymb"]).and_then(|c| decimal(&c.text))
                {
                    item.plain("capacityGiB", round2(mib / 1024.0), anchor("").span);
                }
                if let Some(mode) = get(&["diskmode"]).and_then(|c| disk_mode(&c.text)) {
                    item.text("mode", mode, anchor("").span);
                }
                if let Some(raw) = get(&["raw"]) {
                    let compat = get(&["rawcompmode"]).map(|c| c.text.to_ascii_lowercase());
                    let rdm = match (is_true(&raw.text), compat.as_deref()) {
                        (false, _) => "none",
                        (true, Some(mode)) if mode.starts_with("physical") => "physical",
                        (true, _) => "virtual",
                    };
                    item.text("rdm", rdm, anchor("").span);
                }
                if let Some(sharing) = get(&["sharingmode"]) {
                    let shared = sharing.text.to_ascii_lowercase().contains("multiwriter");
                    item.plain("shared", shared, anchor("").span);
                }
                item
            })
            .collect();
        machine.list("storage.disks", items, anchor("").span);
    }
    if let Some((devices, table)) = siblings.rows("vUSB", &key) {
        let items = devices
            .iter()
            .map(|device| {
                let mut item = Mapping::new(anchor("").span);
                if let Some(kind) = device.get(table, &["devicetype", "family"]) {
                    item.text("type", kind.text.clone(), anchor("").span);
                }
                if let Some(connected) = device.get(table, &["connected"]) {
                    item.plain("connected", is_true(&connected.text), anchor("").span);
                }
                item
            })
            .collect();
        machine.list("hardware.usbDevices", items, anchor("").span);
    }
    if let Some((nics, table)) = siblings.rows("vNetwork", &key) {
        let items: Vec<Mapping> = nics
            .iter()
            .filter(|nic| {
                nic.get(table, &["directpathio"])
                    .is_some_and(|c| is_true(&c.text))
            })
            .map(|nic| {
                let mut item = Mapping::new(anchor("").span);
                item.text("kind", "pci", anchor("").span);
                if let Some(adapter) = nic.get(table, &["adapter", "type"]) {
                    item.text("model", adapter.text.clone(), anchor("").span);
                }
                item
            })
            .collect();
        if !items.is_empty() {
            machine.list("hardware.passthrough", items, anchor("").span);
        }
    }
    Some(machine)
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
    /// Neither: the row joins nothing.
    None,
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
}

/// The sibling tabs found, each indexed by both join keys.
#[derive(Default)]
struct Siblings {
    tabs: HashMap<&'static str, (Table, HashMap<JoinKey, Vec<usize>>)>,
}

impl Siblings {
    fn load(path: &Path) -> Siblings {
        let mut siblings = Siblings::default();
        let is_workbook = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        let workbook = if is_workbook {
            std::fs::read(path).ok()
        } else {
            None
        };
        for tab in SIBLINGS {
            let text = if let Some(bytes) = &workbook {
                sheet_csv(bytes, tab).ok()
            } else {
                sibling_path(path, tab).and_then(|p| std::fs::read_to_string(p).ok())
            };
            let Some(text) = text else { continue };
            let Some(table) = table::read(&text, &mut Import::default()) else {
                continue;
            };
            let mut index: HashMap<JoinKey, Vec<usize>> = HashMap::new();
            for (i, row) in table.rows.iter().enumerate() {
                index.entry(JoinKey::of(&table, row)).or_default().push(i);
                if let Some(uuid) = JoinKey::uuid(&table, row) {
                    index.entry(JoinKey::Uuid(uuid)).or_default().push(i);
                }
            }
            index.remove(&JoinKey::None);
            siblings.tabs.insert(tab, (table, index));
        }
        siblings
    }

    /// The rows of `tab` that belong to the VM with `key`, when the tab is present.
    fn rows(&self, tab: &str, key: &JoinKey) -> Option<(Vec<&Row>, &Table)> {
        let (table, index) = self.tabs.get(tab)?;
        let rows = index
            .get(key)
            .map(|rows| rows.iter().map(|&i| &table.rows[i]).collect())
            .unwrap_or_default();
        Some((rows, table))
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

/// The text realtor reads for a workbook: its vInfo sheet as CSV.
pub fn workbook_text(bytes: &[u8]) -> Result<String, String> {
    sheet_csv(bytes, "vInfo")
}

/// One sheet (`vInfo` or `tabvInfo`, any case) of a workbook as CSV text.
fn sheet_csv(bytes: &[u8], tab: &str) -> Result<String, String> {
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("not a readable .xlsx workbook: {e}"))?;
    let wanted = tab.to_ascii_lowercase();
    let name = workbook
        .sheet_names()
        .into_iter()
        .find(|n| {
            let lower = n.to_ascii_lowercase();
            lower == wanted || lower.strip_prefix("tab") == Some(wanted.as_str())
        })
        .ok_or_else(|| format!("the workbook has no {tab} sheet"))?;
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| format!("sheet {name}: {e}"))?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in range.rows() {
        let cells: Vec<String> = row.iter().map(ToString::to_string).collect();
        writer.write_record(&cells).map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use crate::importers::testing::{at, read};
    use crate::inventory::{DiskMode, Firmware, OsFamily, PassthroughKind, Rdm};

    #[test]
    fn a_workbook_reads_like_its_csv_export() {
        let path = format!(
            "{}/fixtures/importers/rvtools.xlsx",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = super::workbook_text(&std::fs::read(&path).unwrap()).unwrap();
        let file = crate::source::SourceFile::new(path, &text);
        let mut import = crate::importers::Import::default();
        super::read(&file, &mut import);
        let (_, _, from_csv) = read("rvtools/RVTools_tabvInfo.csv");
        let from_csv: Vec<_> = from_csv
            .machines
            .into_iter()
            .map(|m| (m.name, m.compute, m.storage, m.hardware))
            .collect();
        let imported = import.finish(0..text.len());
        let decoded = crate::inventory::decode(imported.root.to_value())
            .unwrap()
            .inventory;
        let from_xlsx: Vec<_> = decoded
            .machines
            .into_iter()
            .map(|m| (m.name, m.compute, m.storage, m.hardware))
            .collect();
        assert_eq!(from_xlsx, from_csv);
        assert_eq!(
            file.line_text(6).split(',').next(),
            Some("win-old"),
            "line N is row N"
        );
    }

    #[test]
    fn vinfo_joined_with_its_siblings() {
        let (file, imported, inventory) = read("rvtools/RVTools_tabvInfo.csv");
        assert_eq!(imported.skipped, [("template", 1), ("SRM placeholder", 1)]);
        let names: Vec<_> = inventory.machines.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            ["app01", "app01", "win-old"],
            "names repeat across vCenters"
        );
        let [first, second, old] = &inventory.machines[..] else {
            unreachable!()
        };
        let os = first.os.as_ref().unwrap();
        assert_eq!(
            (os.family, os.distro.as_deref(), os.version.as_deref()),
            (Some(OsFamily::Linux), Some("centos"), Some("7"))
        );
        let compute = first.compute.as_ref().unwrap();
        assert_eq!((compute.vcpus, compute.memory_mib), (Some(4), Some(8192)));
        assert_eq!(
            first.platform.as_ref().unwrap().firmware,
            Some(Firmware::Efi)
        );
        let disks = first.storage.as_ref().unwrap().disks.as_ref().unwrap();
        assert_eq!(disks.len(), 2);
        assert_eq!(disks[0].capacity_gib, Some(40.0));
        assert_eq!(
            (disks[1].mode, disks[1].rdm, disks[1].shared),
            (
                Some(DiskMode::IndependentPersistent),
                Some(Rdm::Physical),
                Some(true)
            )
        );
        let second_disks = second.storage.as_ref().unwrap().disks.as_ref().unwrap();
        assert_eq!(
            second_disks.len(),
            1,
            "joined on the vCenter and VM id, not the name"
        );
        assert_eq!(second.compute.as_ref().unwrap().memory_mib, Some(2048));
        let old_os = old.os.as_ref().unwrap();
        assert_eq!(old_os.version.as_deref(), Some("2008 R2"));
        let usb = old.hardware.as_ref().unwrap().usb_devices.as_ref().unwrap();
        assert_eq!(
            (usb[0].kind.as_deref(), usb[0].connected),
            (Some("Dongle"), Some(true))
        );
        let passthrough = old.hardware.as_ref().unwrap().passthrough.as_ref().unwrap();
        assert_eq!(passthrough[0].kind, Some(PassthroughKind::Pci));
        assert!(
            old.storage
                .as_ref()
                .unwrap()
                .disks
                .as_ref()
                .unwrap()
                .is_empty()
        );
        assert!(first.hardware.as_ref().unwrap().passthrough.is_none());
        let memory = imported
            .root
            .lookup(&crate::syntax::yaml::parse_path(
                "machines[0].compute.memoryMiB",
            ))
            .unwrap();
        assert_eq!(at(&file, &memory.node.span), "8192");
    }
}
