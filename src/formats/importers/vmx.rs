//! VMware `.vmx` configuration files: `key = "value"` lines. Read: `displayName`,
//! `uuid.bios`, `guestOS` (a VMware guest id; the release VMware Tools report in
//! `guestInfo.detailed.data` wins), `firmware` (absent: BIOS, VMware's default),
//! `numvcpus` (absent: 1, VMware's default), `cpuid.coresPerSocket`, `memsize` (MiB),
//! virtual disks (`scsi0:0.fileName` and its `.mode`, shared buses, multi-writer sharing),
//! USB devices on any controller (`usb:N`, `usb_xhci:N`, `ehci:N` `.deviceType` other than
//! the virtual hid/hub, `usb.autoConnect.deviceN`), network adapters (`ethernetN`) and PCI
//! passthrough (`pciPassthruN.present`). Disk sizes live in the `.vmdk` files, not
//! here, so they stay unknown.

use std::collections::HashMap;

use crate::input::source::Span;

use super::{Cell, Import, Mapping};

const MARKERS: &[&str] = &[
    "config.version",
    "virtualhw.version",
    "guestos",
    "displayname",
];

/// Whether a text is a `.vmx` file: its first setting is `key = "value"` and it has the
/// keys every `.vmx` carries.
pub fn is_vmx(text: &str) -> bool {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let first_is_setting = lines.next().and_then(setting).is_some();
    let keys = text
        .lines()
        .filter_map(|l| setting(l.trim()))
        .filter(|(key, _)| MARKERS.contains(&key.to_ascii_lowercase().as_str()))
        .count();
    first_is_setting && keys >= 2
}

/// A `key = "value"` line split into its key and quoted value.
fn setting(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once('=')?;
    let key = key.trim();
    let value = value.trim();
    let valid_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '_' | '-'));
    (valid_key && value.len() >= 2 && value.starts_with('"') && value.ends_with('"'))
        .then(|| (key, &value[1..value.len() - 1]))
}

/// The OS that VMware Tools report in `guestInfo.detailed.data` (RVTools' `Guest Detailed
/// Data`: `distroName='Red Hat Enterprise Linux' distroVersion='8.10' prettyName='...'`), at
/// the value it is read from: `prettyName`, else `distroName` and `distroVersion`. `None`
/// when neither names an OS.
pub(super) fn guest_detailed_os(cell: &super::Cell) -> Option<super::Cell> {
    let value = |key: &str| {
        let start = cell.text.find(&format!("{key}='"))? + key.len() + 2;
        let len = cell.text[start..].find('\'')?;
        Some((start, &cell.text[start..start + len]))
    };
    let at = |start: usize, len: usize| {
        let base = cell.span.start + start;
        base..base + len
    };
    let pretty = value("prettyName").filter(|(_, v)| crate::formats::os::identify(v).is_some());
    if let Some((start, text)) = pretty {
        return Some(super::Cell {
            text: text.to_string(),
            span: at(start, text.len()),
        });
    }
    let (start, name) = value("distroName")?;
    let version = value("distroVersion").map_or("", |(_, v)| v);
    let text = format!("{name} {version}");
    crate::formats::os::identify(&text)?;
    Some(super::Cell {
        text,
        span: at(start, name.len()),
    })
}

pub fn read(text: &str, import: &mut Import) {
    let mut settings: HashMap<String, Cell> = HashMap::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = setting(trimmed) else {
            let lead = content.len() - content.trim_start().len();
            import.problem(
                start + lead..start + lead + trimmed.len(),
                "expected `key = \"value\"`",
            );
            continue;
        };
        let value_start =
            start + content.find(trimmed).unwrap_or(0) + trimmed.len() - value.len() - 1;
        settings.insert(
            key.to_ascii_lowercase(),
            Cell {
                text: value.to_string(),
                span: value_start..value_start + value.len(),
            },
        );
    }
    let whole = 0..text.len();
    let get = |key: &str| settings.get(key).filter(|c| !c.text.is_empty());
    let Some(name) = get("displayname") else {
        import.problem(0..0, "no `displayName` in the .vmx file");
        return;
    };
    let mut machine = Mapping::new(whole.clone());
    machine.text("name", name.text.clone(), name.span.clone());
    if let Some(uuid) = get("uuid.bios") {
        machine.text("id", uuid.text.clone(), uuid.span.clone());
    }
    machine.text("platform.hypervisor", "vmware", name.span.clone());
    match get("firmware") {
        Some(firmware) => match firmware.text.to_ascii_lowercase().as_str() {
            "efi" => machine.text("platform.firmware", "efi", firmware.span.clone()),
            "bios" => machine.text("platform.firmware", "bios", firmware.span.clone()),
            other => import.problem(firmware.span.clone(), format!("unknown firmware `{other}`")),
        },
        // What a machine without the line boots with; the machine's name is where it is.
        None => machine.text("platform.firmware", "bios", name.span.clone()),
    }
    if let Some(os) = get("guestinfo.detailed.data").and_then(guest_detailed_os) {
        machine.os(&os.text, os.span);
    } else if let Some(guest) = get("guestos") {
        let id = if guest.text.to_ascii_lowercase().ends_with("guest") {
            guest.text.clone()
        } else {
            format!("{}Guest", guest.text.replace("-64", "_64"))
        };
        machine.os(&id, guest.span.clone());
    }
    match get("numvcpus") {
        Some(vcpus) => machine.count("compute.vcpus", Some(vcpus), 1, import),
        None => machine.plain("compute.vcpus", 1, name.span.clone()),
    }
    machine.count(
        "compute.coresPerSocket",
        get("cpuid.corespersocket"),
        1,
        import,
    );
    machine.count("compute.memoryMiB", get("memsize"), 1, import);
    let disks = disks(&settings);
    if !disks.is_empty() {
        machine.list("storage.disks", disks, whole.clone());
    }
    let usb = usb_devices(&settings);
    if !usb.is_empty() {
        machine.list("hardware.usbDevices", usb, whole.clone());
    }
    let adapters = network_adapters(&settings);
    if !adapters.is_empty() {
        machine.list("hardware.networkAdapters", adapters, whole.clone());
    }
    let passthrough = passthrough(&settings);
    if !passthrough.is_empty() {
        machine.list("hardware.passthrough", passthrough, whole);
    }
    import.machine(machine.build());
}

/// The sorted device prefixes (`scsi0:1`) whose `.fileName` is a virtual disk.
fn disk_devices(settings: &HashMap<String, Cell>) -> Vec<&str> {
    let mut devices: Vec<&str> = settings
        .iter()
        .filter_map(|(key, cell)| {
            let device = key.strip_suffix(".filename")?;
            let bus = device.split(|c: char| c.is_ascii_digit()).next()?;
            let is_disk = ["scsi", "sata", "ide", "nvme"].contains(&bus)
                && device.contains(':')
                && cell.text.to_ascii_lowercase().ends_with(".vmdk");
            let present = settings
                .get(&format!("{device}.present"))
                .is_none_or(|p| p.text.eq_ignore_ascii_case("true"));
            let cdrom = settings
                .get(&format!("{device}.devicetype"))
                .is_some_and(|t| t.text.to_ascii_lowercase().contains("cdrom"));
            (is_disk && present && !cdrom).then_some(device)
        })
        .collect();
    devices.sort_unstable();
    devices
}

fn disks(settings: &HashMap<String, Cell>) -> Vec<Mapping> {
    disk_devices(settings)
        .into_iter()
        .map(|device| {
            let file = &settings[&format!("{device}.filename")];
            let mut disk = Mapping::new(file.span.clone());
            if let Some(mode) = settings.get(&format!("{device}.mode")) {
                let value = match mode.text.to_ascii_lowercase().as_str() {
                    "independent-persistent" => Some("independent_persistent"),
                    "independent-nonpersistent" => Some("independent_nonpersistent"),
                    "persistent" | "dependent" => Some("dependent"),
                    _ => None,
                };
                if let Some(value) = value {
                    disk.text("mode", value, mode.span.clone());
                }
            }
            let controller = device.split(':').next().unwrap_or(device);
            if let Some(sharing) = settings.get(&format!("{device}.sharing")) {
                let shared = sharing.text.eq_ignore_ascii_case("multi-writer");
                disk.plain("shared", shared, sharing.span.clone());
            } else if let Some(bus) = settings.get(&format!("{controller}.sharedbus")) {
                let shared = !bus.text.eq_ignore_ascii_case("none");
                disk.plain("shared", shared, bus.span.clone());
            }
            disk
        })
        .collect()
}

fn usb_devices(settings: &HashMap<String, Cell>) -> Vec<Mapping> {
    let mut found: Vec<(&String, &Cell)> = settings
        .iter()
        .filter(|(key, cell)| {
            let attached = ["usb:", "usb_xhci:", "ehci:"]
                .iter()
                .any(|controller| key.starts_with(controller))
                && key.ends_with(".devicetype")
                && !matches!(cell.text.to_ascii_lowercase().as_str(), "hid" | "hub");
            let auto_connect = key.starts_with("usb.autoconnect.device");
            attached || auto_connect
        })
        .collect();
    found.sort_by_key(|(key, _)| key.as_str());
    found
        .into_iter()
        .map(|(_, cell)| usb(cell.text.clone(), cell.span.clone()))
        .collect()
}

/// Each present `ethernetN`: `virtualDev`, `networkName`, the MAC (`address`, else
/// `generatedAddress`) and `startConnected`.
fn network_adapters(settings: &HashMap<String, Cell>) -> Vec<Mapping> {
    let mut present: Vec<&String> = settings
        .iter()
        .filter(|(key, cell)| {
            key.starts_with("ethernet")
                && key.ends_with(".present")
                && cell.text.eq_ignore_ascii_case("true")
        })
        .map(|(key, _)| key)
        .collect();
    present.sort();
    present
        .into_iter()
        .map(|key| {
            let prefix = key.trim_end_matches(".present");
            let mut adapter = Mapping::new(settings[key].span.clone());
            let get = |name: &str| settings.get(&format!("{prefix}.{name}"));
            for (names, field) in [
                (&["virtualdev"][..], "model"),
                (&["networkname"][..], "network"),
                (&["address", "generatedaddress"][..], "mac"),
            ] {
                if let Some(cell) = names.iter().find_map(|n| get(n)) {
                    adapter.text(field, cell.text.clone(), cell.span.clone());
                }
            }
            if let Some(cell) = get("startconnected") {
                let connected = cell.text.eq_ignore_ascii_case("true");
                adapter.plain("connected", connected, cell.span.clone());
            }
            adapter
        })
        .collect()
}

fn usb(kind: String, span: Span) -> Mapping {
    let mut device = Mapping::new(span.clone());
    device.text("type", kind, span);
    device
}

fn passthrough(settings: &HashMap<String, Cell>) -> Vec<Mapping> {
    let mut devices: Vec<&String> = settings
        .iter()
        .filter(|(key, cell)| {
            key.starts_with("pcipassthru")
                && key.ends_with(".present")
                && cell.text.eq_ignore_ascii_case("true")
        })
        .map(|(key, _)| key)
        .collect();
    devices.sort_unstable();
    devices
        .into_iter()
        .map(|key| {
            let present = &settings[key];
            let prefix = key.trim_end_matches(".present");
            let mut item = Mapping::new(present.span.clone());
            item.text("kind", "pci", present.span.clone());
            if let Some(id) = settings.get(&format!("{prefix}.deviceid")) {
                item.text("model", id.text.clone(), id.span.clone());
            }
            item
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::formats::importers::testing::{at, read, read_text, source_of};
    use crate::formats::inventory::{DiskMode, Firmware, OsFamily, PassthroughKind};

    #[test]
    fn the_release_vmware_tools_report_wins_over_the_guest_id() {
        let (file, imported, inventory) = read("real/vmx-esx8-rhel9-efi.vmx");
        let os = inventory.machines[0].os.as_ref().unwrap();
        assert_eq!(
            (os.distro.as_deref(), os.version.as_deref()),
            (Some("rhel"), Some("9.3")),
            "guestOS `rhel9-64` names only the major release"
        );
        let version = source_of(&file, &imported, "machines[0].os.version");
        assert_eq!(version, "Red Hat Enterprise Linux 9.3 (Plow)");
    }

    #[test]
    fn vmware_defaults_fill_what_the_file_leaves_out() {
        let text = "config.version = \"8\"\ndisplayName = \"lab\"\nguestOS = \"ubuntu-64\"\ncpuid.coresPerSocket = \"2\"\nusb_xhci:4.present = \"TRUE\"\nusb_xhci:4.deviceType = \"hid\"\nusb_xhci:6.present = \"TRUE\"\nusb_xhci:6.deviceType = \"smartcard\"\n";
        let (file, imported, inventory) =
            read_text(crate::formats::importers::Format::Vmx, "lab.vmx", text);
        let machine = &inventory.machines[0];
        let compute = machine.compute.as_ref().unwrap();
        assert_eq!(
            (compute.vcpus, compute.cores_per_socket),
            (Some(1), Some(2))
        );
        assert_eq!(
            machine.platform.as_ref().unwrap().firmware,
            Some(Firmware::Bios)
        );
        let usb = machine
            .hardware
            .as_ref()
            .unwrap()
            .usb_devices
            .as_ref()
            .unwrap();
        assert_eq!(usb.len(), 1, "the virtual hid is no device");
        let vcpus = source_of(&file, &imported, "machines[0].compute.vcpus");
        assert_eq!(vcpus, "lab", "a default points at the machine");
    }

    #[test]
    fn vmx_settings_become_a_machine() {
        let (file, imported, inventory) = read("legacy-app.vmx");
        let [machine] = &inventory.machines[..] else {
            panic!("{:?}", inventory.machines);
        };
        assert_eq!(machine.name, "legacy-app");
        let os = machine.os.as_ref().unwrap();
        assert_eq!(
            (os.family, os.distro.as_deref(), os.version.as_deref()),
            (Some(OsFamily::Linux), Some("rhel"), Some("6"))
        );
        assert_eq!(
            machine.platform.as_ref().unwrap().firmware,
            Some(Firmware::Bios)
        );
        let compute = machine.compute.as_ref().unwrap();
        assert_eq!((compute.vcpus, compute.memory_mib), (Some(2), Some(4096)));
        let disks = machine.storage.as_ref().unwrap().disks.as_ref().unwrap();
        assert_eq!(disks.len(), 2, "the CD-ROM is no disk");
        assert_eq!(disks[0].mode, Some(DiskMode::Dependent));
        assert_eq!(disks[1].mode, Some(DiskMode::IndependentPersistent));
        assert_eq!(disks[1].shared, Some(true));
        assert_eq!(disks[0].capacity_gib, None, "sizes live in the .vmdk");
        let hardware = machine.hardware.as_ref().unwrap();
        assert_eq!(hardware.usb_devices.as_ref().unwrap().len(), 1);
        let passthrough = hardware.passthrough.as_ref().unwrap();
        assert_eq!(passthrough[0].kind, Some(PassthroughKind::Pci));
        assert_eq!(passthrough[0].model.as_deref(), Some("0x1eb8"));
        assert_eq!(imported.problems.len(), 1);
        assert_eq!(at(&file, &imported.problems[0].0), "this line is broken");
        let vcpus = source_of(&file, &imported, "machines[0].compute.vcpus");
        assert_eq!(vcpus, "2");
    }
}
