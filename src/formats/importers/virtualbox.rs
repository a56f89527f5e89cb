//! VirtualBox `.vbox` machine XML. Read: `<Machine name uuid OSType>`, `<CPU count>`,
//! `<Memory RAMSize>` (MiB), `<Firmware type>` (VirtualBox leaves defaults out of the file:
//! no `count` is one vCPU, no `<Firmware>` is BIOS), hard disks attached in
//! `<StorageControllers>` (shareable when the medium's type is `Shareable`), USB
//! `<DeviceFilter>`s, which attach host devices, enabled network `<Adapter>`s (type, MAC,
//! what they attach to) and `<HostPci>` passthrough. A snapshot
//! (`<Snapshot>`) repeats the machine's controllers as they were: only the machine's own
//! are read. Disk sizes live in the images. The global settings file (`VirtualBox.xml`,
//! `<Global>`) describes no machine and is skipped.

use roxmltree::{Document, Node, TextPos};

use super::libvirt::attribute;
use super::{Import, Mapping};

/// The byte offset of a 1-based row and character column.
pub fn offset_of(text: &str, pos: TextPos) -> usize {
    let mut offset = 0;
    for (row, line) in text.split_inclusive('\n').enumerate() {
        if row + 1 == pos.row as usize {
            let column = line
                .char_indices()
                .nth(pos.col.saturating_sub(1) as usize)
                .map_or(line.len(), |(i, _)| i);
            return offset + column;
        }
        offset += line.len();
    }
    text.len()
}

pub fn read(text: &str, import: &mut Import) {
    let document = match Document::parse(text) {
        Ok(document) => document,
        Err(error) => {
            let at = offset_of(text, error.pos());
            import.problem(at..at, format!("XML: {error}"));
            return;
        }
    };
    if find(document.root_element(), "Global").is_some() {
        import.skipped.push(("VirtualBox global settings", 1));
        return;
    }
    let Some(vm) = document
        .root_element()
        .children()
        .find(|n| is(*n, "Machine"))
    else {
        import.problem(document.root_element().range(), "no `<Machine>` element");
        return;
    };
    let Some(name) = attribute(vm, "name") else {
        import.problem(vm.range(), "`<Machine>` has no `name`");
        return;
    };
    let mut machine = Mapping::new(vm.range());
    machine.text("name", name.text, name.span.clone());
    if let Some(uuid) = attribute(vm, "uuid") {
        machine.text("id", uuid.text.trim_matches(['{', '}']), uuid.span);
    }
    let name_span = name.span.clone();
    machine.text("platform.hypervisor", "virtualbox", name.span);
    if let Some(os) = attribute(vm, "OSType") {
        machine.os(&os_name(&os.text), os.span);
    }
    let hardware = find(vm, "Hardware");
    // VirtualBox leaves out settings at their default: no `<Firmware>` is BIOS and a
    // `<CPU>` without `count` (or no `<CPU>`) is one vCPU. The element that would carry the
    // setting, else the machine's name, is where the default is read.
    let defaults_at = hardware.map_or(name_span.clone(), |h| h.range());
    match hardware
        .and_then(|h| find(h, "Firmware"))
        .and_then(|f| attribute(f, "type"))
    {
        Some(firmware) => {
            let value = if firmware.text.starts_with("EFI") {
                "efi"
            } else {
                "bios"
            };
            machine.text("platform.firmware", value, firmware.span);
        }
        None => machine.text("platform.firmware", "bios", defaults_at.clone()),
    }
    let cpu = hardware.and_then(|h| find(h, "CPU"));
    match cpu.and_then(|c| attribute(c, "count")) {
        Some(cpus) => machine.count("compute.vcpus", Some(&cpus), 1, import),
        None => machine.plain("compute.vcpus", 1, cpu.map_or(defaults_at, |c| c.range())),
    }
    let memory = hardware
        .and_then(|h| find(h, "Memory"))
        .and_then(|m| attribute(m, "RAMSize"));
    machine.count("compute.memoryMiB", memory.as_ref(), 1, import);
    let shareable: Vec<String> = vm
        .descendants()
        .filter(|n| is(*n, "HardDisk") && n.attribute("type") == Some("Shareable"))
        .filter_map(|n| n.attribute("uuid").map(str::to_string))
        .collect();
    let disks: Vec<Mapping> = current(vm)
        .filter(|n| is(*n, "AttachedDevice") && n.attribute("type") == Some("HardDisk"))
        .map(|device| {
            let mut disk = Mapping::new(device.range());
            let image = device.children().find(|n| is(*n, "Image"));
            if let Some(uuid) = image.and_then(|i| attribute(i, "uuid")) {
                disk.plain("shared", shareable.contains(&uuid.text), uuid.span);
            }
            disk
        })
        .collect();
    if !disks.is_empty() {
        machine.list("storage.disks", disks, vm.range());
    }
    let filters: Vec<Mapping> = current(vm)
        .filter(|n| is(*n, "DeviceFilter") && n.attribute("active") != Some("false"))
        .map(|filter| {
            let mut device = Mapping::new(filter.range());
            let label = attribute(filter, "name").unwrap_or_else(|| super::Cell {
                text: "usb-filter".into(),
                span: filter.range(),
            });
            device.text("type", label.text, label.span);
            device
        })
        .collect();
    if !filters.is_empty() {
        machine.list("hardware.usbDevices", filters, vm.range());
    }
    let adapters: Vec<Mapping> = current(vm)
        .filter(|n| is(*n, "Adapter") && n.attribute("enabled") == Some("true"))
        .map(|nic| {
            let mut adapter = Mapping::new(nic.range());
            if let Some(model) = attribute(nic, "type") {
                adapter.text("model", model.text, model.span);
            }
            if let Some(mac) = attribute(nic, "MACAddress") {
                adapter.text("mac", mac.text, mac.span);
            }
            let attachment = nic.children().find(|c| {
                [
                    "NAT",
                    "NATNetwork",
                    "BridgedInterface",
                    "InternalNetwork",
                    "HostOnlyInterface",
                    "GenericInterface",
                ]
                .iter()
                .any(|name| is(*c, name))
            });
            if let Some(attachment) = attachment {
                let network = attribute(attachment, "name").unwrap_or_else(|| super::Cell {
                    text: attachment.tag_name().name().to_string(),
                    span: attachment.range(),
                });
                adapter.text("network", network.text, network.span);
            }
            if let Some(cable) = attribute(nic, "cable") {
                adapter.plain("connected", cable.text == "true", cable.span);
            }
            adapter
        })
        .collect();
    if !adapters.is_empty() {
        machine.list("hardware.networkAdapters", adapters, vm.range());
    }
    let pci: Vec<Mapping> = current(vm)
        .filter(|n| {
            is(*n, "Device")
                && n.parent()
                    .and_then(|p| p.parent())
                    .is_some_and(|p| is(p, "HostPci"))
        })
        .map(|device| {
            let mut item = Mapping::new(device.range());
            item.text("kind", "pci", device.range());
            if let Some(host) = attribute(device, "host") {
                item.text("model", host.text, host.span);
            }
            item
        })
        .collect();
    if !pci.is_empty() {
        machine.list("hardware.passthrough", pci, vm.range());
    }
    import.machine(machine.build());
}

/// The machine's elements as they are now: its descendants outside its snapshots.
fn current<'a, 'input: 'a>(vm: Node<'a, 'input>) -> impl Iterator<Item = Node<'a, 'input>> {
    vm.descendants().filter(move |node| {
        !node
            .ancestors()
            .take_while(|a| *a != vm)
            .any(|a| is(a, "Snapshot"))
    })
}

/// A VirtualBox OS type id (`Windows2019_64`, `RedHat_64`) as the words the shared OS
/// table reads.
fn os_name(id: &str) -> String {
    let base = id.trim_end_matches("_64");
    if let Some(year) = base.strip_prefix("Windows").filter(|y| y.starts_with("20")) {
        return format!("Windows Server {year}");
    }
    match base {
        "RedHat" => "Red Hat Enterprise Linux".into(),
        "Oracle" => "Oracle Linux".into(),
        "WindowsXP" => "Windows XP".into(),
        other => other.replace('_', " "),
    }
}

fn is(node: Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

fn find<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|c| is(*c, name))
}

#[cfg(test)]
mod tests {
    use crate::formats::importers::Format;
    use crate::formats::importers::testing::{read, read_text, source_of};
    use crate::formats::inventory::{Firmware, Hypervisor, OsFamily};

    #[test]
    fn settings_virtualbox_leaves_out_read_as_its_defaults() {
        let text = "<VirtualBox xmlns=\"http://www.virtualbox.org/\" version=\"1.19-linux\"><Machine uuid=\"{m}\" name=\"lab\" OSType=\"Ubuntu_64\"><Hardware><CPU><PAE enabled=\"false\"/></CPU><Memory RAMSize=\"2048\"/></Hardware></Machine></VirtualBox>";
        let (file, imported, inventory) = read_text(Format::VirtualBox, "m.vbox", text);
        let machine = &inventory.machines[0];
        assert_eq!(machine.compute.as_ref().unwrap().vcpus, Some(1));
        assert_eq!(
            machine.platform.as_ref().unwrap().firmware,
            Some(Firmware::Bios)
        );
        let vcpus = source_of(&file, &imported, "machines[0].compute.vcpus");
        assert!(
            vcpus.starts_with("<CPU>"),
            "a default points at the element that would carry it"
        );
    }

    #[test]
    fn snapshots_add_no_disks_and_host_pci_is_passthrough() {
        let controllers = "<StorageControllers><StorageController name=\"SATA\"><AttachedDevice type=\"HardDisk\"><Image uuid=\"{a}\"/></AttachedDevice><AttachedDevice type=\"HardDisk\"><Image uuid=\"{b}\"/></AttachedDevice></StorageController></StorageControllers>";
        let text = format!(
            "<VirtualBox xmlns=\"http://www.virtualbox.org/\" version=\"1.16-linux\"><Machine uuid=\"{{m}}\" name=\"lab\" OSType=\"Ubuntu_64\"><Snapshot uuid=\"{{s}}\" name=\"before\"><Hardware/>{controllers}</Snapshot><Hardware><HostPci><Devices><Device host=\"0000:01:00.0\" guest=\"0000:00:05.0\"/></Devices></HostPci></Hardware>{controllers}</Machine></VirtualBox>"
        );
        let (_, _, inventory) = read_text(Format::VirtualBox, "m.vbox", &text);
        let machine = &inventory.machines[0];
        assert_eq!(
            machine
                .storage
                .as_ref()
                .unwrap()
                .disks
                .as_ref()
                .unwrap()
                .len(),
            2
        );
        let passthrough = machine
            .hardware
            .as_ref()
            .unwrap()
            .passthrough
            .as_ref()
            .unwrap();
        assert_eq!(passthrough[0].model.as_deref(), Some("0000:01:00.0"));
    }

    #[test]
    fn the_global_settings_file_is_skipped_not_an_error() {
        let (_, imported, _) = read_text(
            Format::VirtualBox,
            "VirtualBox.xml",
            "<VirtualBox xmlns=\"http://www.virtualbox.org/\" version=\"1.12-linux\"><Global><SystemProperties defaultMachineFolder=\"/vms\"/></Global></VirtualBox>",
        );
        assert!(imported.problems.is_empty(), "{:?}", imported.problems);
        assert_eq!(imported.skipped, [("VirtualBox global settings", 1)]);
    }

    #[test]
    fn vbox_machine_becomes_a_machine() {
        let (_, imported, inventory) = read("kiosk.vbox");
        assert!(imported.problems.is_empty(), "{:?}", imported.problems);
        let [machine] = &inventory.machines[..] else {
            panic!("{:?}", inventory.machines);
        };
        assert_eq!(machine.name, "win7-kiosk");
        assert_eq!(
            machine.id.as_deref(),
            Some("8f0e3c1a-2b4d-4e6f-8a9b-0c1d2e3f4a5b")
        );
        let platform = machine.platform.as_ref().unwrap();
        assert_eq!(
            (platform.hypervisor, platform.firmware),
            (Some(Hypervisor::Virtualbox), Some(Firmware::Bios))
        );
        let os = machine.os.as_ref().unwrap();
        assert_eq!(
            (os.family, os.distro.as_deref(), os.version.as_deref()),
            (Some(OsFamily::Windows), Some("windows"), Some("7"))
        );
        let compute = machine.compute.as_ref().unwrap();
        assert_eq!((compute.vcpus, compute.memory_mib), (Some(2), Some(4096)));
        let disks = machine.storage.as_ref().unwrap().disks.as_ref().unwrap();
        let shared: Vec<_> = disks.iter().map(|d| d.shared).collect();
        assert_eq!(shared, [Some(false), Some(true)], "the DVD is no disk");
        let usb = machine
            .hardware
            .as_ref()
            .unwrap()
            .usb_devices
            .as_ref()
            .unwrap();
        assert_eq!(usb.len(), 1);
        assert_eq!(usb[0].kind.as_deref(), Some("License dongle"));
    }

    #[test]
    fn os_type_ids_read_as_words() {
        assert_eq!(super::os_name("Windows2019_64"), "Windows Server 2019");
        assert_eq!(super::os_name("RedHat_64"), "Red Hat Enterprise Linux");
        assert_eq!(super::os_name("Ubuntu22_LTS_64"), "Ubuntu22 LTS");
    }
}
