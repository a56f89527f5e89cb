//! KVM and Xen guests as libvirt domain XML (`virsh dumpxml NAME`). Read: `<domain
//! type>` (kvm, xen), `<name>`, `<uuid>`, `<memory unit>`, `<vcpu>`, `<os><type arch>`,
//! EFI firmware (`<os firmware="efi">` or a pflash `<loader>`), the libosinfo OS id in
//! `<metadata>`, disks (`<shareable/>`, `device="lun"` and `<hostdev type="scsi">` raw
//! SCSI passthrough), `<hostdev>` PCI, USB and mediated (`type="mdev"`, a vGPU when its
//! model is `vfio-pci`) passthrough, network `<interface>`s (model, source, MAC), SR-IOV
//! interfaces (`<interface type="hostdev">`) and
//! USB redirection from a host (`<redirdev bus="usb">`; `type="spicevmc"` redirects the
//! SPICE viewer's USB devices, which every SPICE domain declares, and is left out). Disk
//! sizes live in the images, not here.
//!
//! Without a libosinfo id the guest OS is inferred where the domain shows it: Hyper-V
//! enlightenments (`<features><hyperv>`), which libvirt and virt-manager turn on for
//! Windows guests only, mean Windows; Apple's SMC device (`isa-applesmc`, passed on the QEMU
//! command line) or an OpenCore boot disk or loader mean macOS.

use roxmltree::{Document, Node};

use crate::input::source::Span;

use super::{Cell, Import, Mapping, whole_number};

const LIBOSINFO: &str = "http://libosinfo.org/xmlns/libvirt/domain/1.0";

pub fn read(text: &str, import: &mut Import) {
    let document = match Document::parse(text) {
        Ok(document) => document,
        Err(error) => {
            let at = super::virtualbox::offset_of(text, error.pos());
            let message = if text.matches("<domain").count() > 1 {
                format!(
                    "XML: {error}: the file holds more than one `<domain>` (as `virt-install --print-xml` writes); keep one domain per file, as `virsh dumpxml NAME` writes it"
                )
            } else {
                format!("XML: {error}")
            };
            import.problem(at..at, message);
            return;
        }
    };
    let domain = document.root_element();
    let element_text = |name: &str| {
        child(domain, name).and_then(|node| {
            let text = node.first_child().filter(|t| t.is_text())?;
            let value = text.text()?.trim();
            (!value.is_empty()).then(|| Cell {
                text: value.to_string(),
                span: trimmed(text.range(), text.text().unwrap_or("")),
            })
        })
    };
    let Some(name) = element_text("name") else {
        import.problem(domain.range(), "domain has no `<name>`");
        return;
    };
    let mut machine = Mapping::new(domain.range());
    machine.text("name", name.text.clone(), name.span.clone());
    if let Some(uuid) = element_text("uuid") {
        machine.text("id", uuid.text, uuid.span);
    }
    if let Some(kind) = attribute(domain, "type") {
        let hypervisor = match kind.text.as_str() {
            "kvm" => "kvm",
            "xen" => "xen",
            _ => "other",
        };
        machine.text("platform.hypervisor", hypervisor, kind.span);
    }
    if let Some(os) = child(domain, "os") {
        let efi = attribute(os, "firmware")
            .filter(|f| f.text == "efi")
            .or_else(|| {
                child(os, "loader")
                    .and_then(|l| attribute(l, "type").filter(|t| t.text == "pflash"))
            });
        if let Some(efi) = efi {
            machine.text("platform.firmware", "efi", efi.span);
        }
        if let Some(arch) = child(os, "type").and_then(|t| attribute(t, "arch")) {
            machine.text("os.arch", arch.text, arch.span);
        }
    }
    let os_id = child(domain, "metadata")
        .and_then(|m| {
            m.children()
                .find(|n| n.has_tag_name((LIBOSINFO, "libosinfo")))
        })
        .and_then(|l| l.children().find(|n| n.has_tag_name((LIBOSINFO, "os"))))
        .and_then(|os| attribute(os, "id"));
    if let Some(id) = os_id {
        machine.os(&id.text, id.span);
    } else if let Some((os, span)) = inferred_os(domain) {
        match os {
            "windows" => machine.text("os.family", "windows", span),
            named => machine.os(named, span),
        }
    }
    machine.count("compute.vcpus", element_text("vcpu").as_ref(), 1, import);
    if let Some(memory) = element_text("memory") {
        let unit = child(domain, "memory")
            .and_then(|m| m.attribute("unit"))
            .unwrap_or("KiB");
        match (whole_number(&memory.text), kib_per(unit)) {
            (Some(value), Some(kib)) => {
                machine.plain("compute.memoryMiB", value * kib / 1024, memory.span)
            }
            _ => import.problem(
                memory.span,
                format!("memory `{} {unit}` is not understood", memory.text),
            ),
        }
    }
    if let Some(devices) = child(domain, "devices") {
        read_devices(devices, &mut machine);
    }
    import.machine(machine.build());
}

fn read_devices(devices: Node, machine: &mut Mapping) {
    let mut disks = Vec::new();
    let mut usb = Vec::new();
    let mut passthrough = Vec::new();
    let mut adapters = Vec::new();
    for device in devices.children().filter(Node::is_element) {
        let span = device.range();
        let kind = device.attribute("type").unwrap_or("");
        match device.tag_name().name() {
            "disk"
                if matches!(
                    device.attribute("device"),
                    None | Some("disk") | Some("lun")
                ) =>
            {
                let mut disk = Mapping::new(span.clone());
                if let Some(lun) = attribute(device, "device").filter(|d| d.text == "lun") {
                    disk.text("rdm", "physical", lun.span);
                }
                if let Some(shareable) = child(device, "shareable") {
                    disk.plain("shared", true, shareable.range());
                }
                disks.push(disk);
            }
            "hostdev" if kind == "pci" => {
                let mut item = Mapping::new(span.clone());
                item.text("kind", "pci", span.clone());
                if let Some(address) = child(device, "source").and_then(|s| child(s, "address")) {
                    let part = |name| {
                        address
                            .attribute(name)
                            .unwrap_or("?")
                            .trim_start_matches("0x")
                    };
                    let model = format!(
                        "{}:{}:{}.{}",
                        part("domain"),
                        part("bus"),
                        part("slot"),
                        part("function")
                    );
                    item.text("model", model, address.range());
                }
                passthrough.push(item);
            }
            "hostdev" if kind == "usb" => usb.push(usb_device("usb-host", span)),
            "hostdev" if kind == "mdev" => {
                let gpu = device.attribute("model") == Some("vfio-pci");
                let mut item = Mapping::new(span.clone());
                item.text("kind", if gpu { "gpu" } else { "pci" }, span.clone());
                item.text("model", "mdev", span);
                passthrough.push(item);
            }
            "hostdev" if kind == "scsi" => {
                let mut disk = Mapping::new(span.clone());
                disk.text("rdm", "physical", span);
                disks.push(disk);
            }
            "redirdev" if device.attribute("bus") == Some("usb") && kind != "spicevmc" => {
                usb.push(usb_device("usb-redirection", span))
            }
            "interface" => {
                if kind == "hostdev" {
                    let mut item = Mapping::new(span.clone());
                    item.text("kind", "sriov", span.clone());
                    passthrough.push(item);
                }
                let mut adapter = Mapping::new(span);
                if let Some(model) = child(device, "model").and_then(|m| attribute(m, "type")) {
                    adapter.text("model", model.text, model.span);
                }
                let source = child(device, "source").and_then(|s| {
                    ["network", "bridge", "dev", "portgroup"]
                        .iter()
                        .find_map(|name| attribute(s, name))
                });
                if let Some(network) = source {
                    adapter.text("network", network.text, network.span);
                }
                if let Some(mac) = child(device, "mac").and_then(|m| attribute(m, "address")) {
                    adapter.text("mac", mac.text, mac.span);
                }
                adapters.push(adapter);
            }
            _ => {}
        }
    }
    let whole = devices.range();
    if !disks.is_empty() {
        machine.list("storage.disks", disks, whole.clone());
    }
    if !usb.is_empty() {
        machine.list("hardware.usbDevices", usb, whole.clone());
    }
    if !passthrough.is_empty() {
        machine.list("hardware.passthrough", passthrough, whole.clone());
    }
    if !adapters.is_empty() {
        machine.list("hardware.networkAdapters", adapters, whole);
    }
}

fn usb_device(kind: &str, span: Span) -> Mapping {
    let mut device = Mapping::new(span.clone());
    device.text("type", kind, span);
    device
}

/// KiB in one of libvirt's memory units.
fn kib_per(unit: &str) -> Option<u64> {
    match unit {
        "KiB" | "k" | "K" => Some(1),
        "MiB" | "M" => Some(1024),
        "GiB" | "G" => Some(1024 * 1024),
        "TiB" | "T" => Some(1024 * 1024 * 1024),
        _ => None,
    }
}

/// The guest OS a domain without a libosinfo id shows, with the element or value that
/// shows it.
fn inferred_os(domain: Node) -> Option<(&'static str, Span)> {
    if let Some(hyperv) = child(domain, "features").and_then(|f| child(f, "hyperv")) {
        return Some(("windows", hyperv.range()));
    }
    domain
        .descendants()
        .filter(|node| node.is_element())
        .flat_map(|node| node.attributes())
        .find(|attribute| {
            let value = attribute.value().to_ascii_lowercase();
            value.contains("isa-applesmc") || value.contains("opencore")
        })
        .map(|attribute| ("macos", attribute.range_value()))
        .or_else(|| {
            let loader = child(domain, "os").and_then(|os| child(os, "loader"))?;
            let text = loader.first_child().filter(|t| t.is_text())?;
            text.text()?
                .to_ascii_lowercase()
                .contains("opencore")
                .then(|| ("macos", trimmed(text.range(), text.text().unwrap_or(""))))
        })
}

fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// An attribute's value with the span of the value itself.
pub fn attribute(node: Node, name: &str) -> Option<Cell> {
    let attribute = node.attributes().find(|a| a.name() == name)?;
    Some(Cell {
        text: attribute.value().trim().to_string(),
        span: attribute.range_value(),
    })
}

/// The part of `range` (which holds `text`) without surrounding white space.
fn trimmed(range: Span, text: &str) -> Span {
    let lead = text.len() - text.trim_start().len();
    let start = range.start + lead;
    start..start + text.trim().len()
}

#[cfg(test)]
mod tests {
    use crate::formats::importers::testing::{read, source_of};
    use crate::formats::inventory::{Firmware, Hypervisor, OsFamily, PassthroughKind, Rdm};

    #[test]
    fn domain_xml_becomes_a_machine() {
        let (file, imported, inventory) = read("libvirt-domain.xml");
        assert!(imported.problems.is_empty(), "{:?}", imported.problems);
        let [machine] = &inventory.machines[..] else {
            panic!("{:?}", inventory.machines);
        };
        assert_eq!(machine.name, "centos7-db");
        let platform = machine.platform.as_ref().unwrap();
        assert_eq!(
            (platform.hypervisor, platform.firmware),
            (Some(Hypervisor::Kvm), Some(Firmware::Efi))
        );
        let os = machine.os.as_ref().unwrap();
        assert_eq!(
            (
                os.family,
                os.distro.as_deref(),
                os.version.as_deref(),
                os.arch.as_deref()
            ),
            (
                Some(OsFamily::Linux),
                Some("centos"),
                Some("7"),
                Some("x86_64")
            )
        );
        let compute = machine.compute.as_ref().unwrap();
        assert_eq!((compute.vcpus, compute.memory_mib), (Some(4), Some(8192)));
        let disks = machine.storage.as_ref().unwrap().disks.as_ref().unwrap();
        assert_eq!(disks.len(), 2, "the CD-ROM is no disk");
        assert_eq!(
            (disks[1].rdm, disks[1].shared),
            (Some(Rdm::Physical), Some(true))
        );
        let hardware = machine.hardware.as_ref().unwrap();
        let kinds: Vec<_> = hardware
            .passthrough
            .as_ref()
            .unwrap()
            .iter()
            .map(|p| p.kind)
            .collect();
        assert_eq!(
            kinds,
            [Some(PassthroughKind::Sriov), Some(PassthroughKind::Pci)]
        );
        assert_eq!(
            hardware.passthrough.as_ref().unwrap()[1].model.as_deref(),
            Some("0000:65:00.0")
        );
        let usb: Vec<_> = hardware
            .usb_devices
            .as_ref()
            .unwrap()
            .iter()
            .map(|u| u.kind.as_deref())
            .collect();
        assert_eq!(usb, [Some("usb-host"), Some("usb-redirection")]);
        let memory = source_of(&file, &imported, "machines[0].compute.memoryMiB");
        assert_eq!(memory, "8388608");
        let os = source_of(&file, &imported, "machines[0].os.version");
        assert_eq!(os, "http://centos.org/centos/7.0");
    }

    #[test]
    fn the_guest_os_is_inferred_without_libosinfo() {
        let (file, imported, inventory) = read("real/libvirt-hyperv-features.xml");
        let os = inventory.machines[0].os.as_ref().unwrap();
        assert_eq!(
            (os.family, os.distro.as_deref()),
            (Some(OsFamily::Windows), None),
            "Hyper-V enlightenments mean Windows, not which edition"
        );
        let family = source_of(&file, &imported, "machines[0].os.family");
        assert!(family.starts_with("<hyperv>"));
        let (file, imported, inventory) = read("real/libvirt-macos-catalina.xml");
        let os = inventory.machines[0].os.as_ref().unwrap();
        assert_eq!(
            (os.family, os.distro.as_deref()),
            (Some(OsFamily::Unix), Some("macos"))
        );
        let distro = source_of(&file, &imported, "machines[0].os.distro");
        assert_eq!(distro, "/home/CHANGEME/OSX-KVM/OpenCore/OpenCore.qcow2");
        let (_, _, inventory) = read("libvirt-domain.xml");
        let os = inventory.machines[0].os.as_ref().unwrap();
        assert_eq!(os.distro.as_deref(), Some("centos"), "libosinfo wins");
    }

    #[test]
    fn libvirt_test_domains_give_their_devices() {
        let (_, _, inventory) = read("real/libvirt-hostdev-mdev.xml");
        let hardware = inventory.machines[0].hardware.as_ref().unwrap();
        let passthrough = hardware.passthrough.as_ref().unwrap();
        assert_eq!(
            (passthrough[0].kind, passthrough[0].model.as_deref()),
            (Some(PassthroughKind::Gpu), Some("mdev"))
        );
        let (_, _, inventory) = read("real/libvirt-usb-redir.xml");
        let usb: Vec<_> = inventory.machines[0]
            .hardware
            .as_ref()
            .unwrap()
            .usb_devices
            .as_ref()
            .unwrap()
            .iter()
            .map(|u| u.kind.as_deref())
            .collect();
        assert_eq!(
            usb,
            [Some("usb-redirection")],
            "the SPICE viewer's redirection is no device of the host"
        );
        let (_, _, inventory) = read("real/libvirt-hostdev-scsi.xml");
        let disks = inventory.machines[0]
            .storage
            .as_ref()
            .unwrap()
            .disks
            .as_ref()
            .unwrap();
        assert_eq!(disks.len(), 2);
        assert_eq!(disks[1].rdm, Some(Rdm::Physical));
    }

    #[test]
    fn more_than_one_domain_is_a_clear_problem() {
        let mut import = crate::formats::importers::Import::default();
        super::read(
            "<domain type='kvm'><name>a</name></domain>\n<domain type='kvm'><name>b</name></domain>\n",
            &mut import,
        );
        assert!(
            import.problems[0].1.contains("more than one `<domain>`"),
            "{:?}",
            import.problems
        );
    }

    #[test]
    fn broken_xml_is_a_positioned_problem() {
        let mut import = crate::formats::importers::Import::default();
        super::read(
            "<domain type='kvm'>\n  <name>x</nam>\n</domain>\n",
            &mut import,
        );
        assert!(import.machines.is_empty());
        assert_eq!(import.problems.len(), 1);
        assert!(import.problems[0].0.start > 20, "{:?}", import.problems);
    }
}
