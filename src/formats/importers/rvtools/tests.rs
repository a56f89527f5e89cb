//! Tests of rvtools.

use crate::formats::importers::Imported;
use crate::formats::importers::testing::{at, read, read_text};
use crate::formats::inventory::{DiskMode, Firmware, OsFamily, PassthroughKind, Rdm};
use crate::input::source::SourceFile;
use crate::input::source::locate;
use crate::syntax::yaml::parse_path;

#[test]
fn csv_exports_with_prefixed_headers_and_guest_detailed_data_are_read() {
    let text = "vInfoVMName,vInfoPowerstate,vInfoCPUs,vInfoMemory,vInfoOSTools,vInfoGuestDetailedData\nerp,poweredOn,4,16384,CentOS 4/5 or later (64-bit),\"architecture='X86' bitness='64' distroName='Red Hat Enterprise Linux' distroVersion='8.10' familyName='Linux' prettyName='Red Hat Enterprise Linux 8.10 (Ootpa)'\"\n";
    assert_eq!(
        crate::formats::importers::detect(text),
        Some(crate::formats::importers::Format::RvtoolsCsv),
        "no UUID column is needed"
    );
    let (_, imported, inventory) = read_text(
        crate::formats::importers::Format::RvtoolsCsv,
        "vinfo.csv",
        text,
    );
    let machine = &inventory.machines[0];
    assert_eq!(machine.name, "erp");
    assert_eq!(machine.compute.as_ref().unwrap().vcpus, Some(4));
    let os = machine.os.as_ref().unwrap();
    assert_eq!(
        (os.distro.as_deref(), os.version.as_deref()),
        (Some("rhel"), Some("8.10")),
        "what VMware Tools report wins over the configured guest id"
    );
    let distro = imported
        .root
        .lookup(&crate::syntax::yaml::parse_path("machines[0].os.distro"))
        .unwrap();
    assert_eq!(
        &text[distro.node.span.clone()],
        "Red Hat Enterprise Linux 8.10 (Ootpa)"
    );
}

#[test]
fn a_workbook_reads_like_its_csv_export() {
    let path = format!(
        "{}/fixtures/importers/rvtools.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = crate::input::workbook::workbook_text(&std::fs::read(&path).unwrap()).unwrap();
    let file = crate::input::source::SourceFile::new(path, &text);
    let mut import = crate::formats::importers::Import::default();
    super::read(&file, &mut import);
    let (_, _, from_csv) = read("rvtools/RVTools_tabvInfo.csv");
    let from_csv: Vec<_> = from_csv
        .machines
        .into_iter()
        .map(|m| (m.name, m.compute, m.storage, m.hardware))
        .collect();
    let imported = import.finish(0..text.len());
    let decoded = crate::formats::inventory::decode(imported.root.to_value())
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

#[test]
fn cpu_and_memory_tabs_fill_in_what_vinfo_lacks() {
    let (file, imported, inventory) = tabs(&[
        (
            "RVTools_tabvInfo.csv",
            "VM,Powerstate,Template,OS,VM UUID\ndb1,poweredOn,False,Ubuntu Linux (64-bit),u-1\n",
        ),
        (
            "RVTools_tabvCPU.csv",
            "VM,CPUs,Sockets,Cores p/s,VM UUID\ndb1,8,1,8,u-1\n",
        ),
        (
            "RVTools_tabvMemory.csv",
            "VM,Size MiB,Active,VM UUID\ndb1,\"16,384\",\"4,096\",u-1\n",
        ),
    ]);
    let machine = &inventory.machines[0];
    let compute = machine.compute.as_ref().unwrap();
    assert_eq!(
        (compute.vcpus, compute.memory_mib, compute.cores_per_socket),
        (Some(8), Some(16384), Some(8))
    );
    let memory = machine
        .utilization
        .as_ref()
        .unwrap()
        .mem_pct
        .as_ref()
        .unwrap();
    assert_eq!(memory.current, Some(25.0));
    assert_eq!(
        cell(&file, &imported, "machines[0].compute.vcpus"),
        ("8", "RVTools_tabvCPU.csv")
    );
}

/// A workbook trimmed to the columns someone needed (kubev2v/migration-planner's e2e
/// example keeps `VM` but no id column in vCPU and vPartition): such a tab joins by name.
#[test]
fn tabs_without_id_columns_join_by_the_vm_name() {
    let (file, imported, inventory) = tabs(&[
        (
            "RVTools_tabvInfo.csv",
            "VM,Powerstate,Template,CPUs,Memory,VM ID,VM UUID\nweb,poweredOn,False,2,2048,vm-7,u-7\ndb,poweredOn,False,4,8192,vm-8,u-8\n",
        ),
        (
            "RVTools_tabvPartition.csv",
            "VM,Powerstate,Disk,Capacity MiB,Consumed MiB\ndb,poweredOn,/,10240,5120\nweb,poweredOn,/,4096,1024\nweb,poweredOn,/var,2048,512\n",
        ),
    ]);
    let mounts = |m: usize| -> Vec<String> {
        inventory.machines[m]
            .storage
            .as_ref()
            .and_then(|s| s.filesystems.as_ref())
            .unwrap()
            .iter()
            .filter_map(|f| f.mount.clone())
            .collect()
    };
    assert_eq!(
        (mounts(0), mounts(1)),
        (vec!["/".into(), "/var".into()], vec!["/".into()])
    );
    assert_eq!(
        cell(&file, &imported, "machines[0].storage.filesystems[1].mount"),
        ("/var", "RVTools_tabvPartition.csv")
    );
}

/// The text and tab of an import span: vInfo's own, or an attached tab's.
fn cell<'a>(file: &'a SourceFile, imported: &'a Imported, path: &str) -> (&'a str, &'a str) {
    let found = imported.root.lookup(&parse_path(path)).unwrap();
    let span = found.node.span.clone();
    match locate(&imported.attachments, &span) {
        Some((attachment, span)) => {
            let name = attachment.file.path.rsplit('/').next().unwrap();
            (&attachment.file.text[span], name)
        }
        None => (&file.text[span], "vInfo"),
    }
}

#[test]
fn cpu_memory_and_partition_tabs_are_joined_at_their_own_cells() {
    let (file, imported, inventory) = read("rvtools/RVTools_tabvInfo.csv");
    let [first, second, old] = &inventory.machines[..] else {
        unreachable!()
    };
    let compute = first.compute.as_ref().unwrap();
    assert_eq!(
        (compute.sockets, compute.cores_per_socket),
        (Some(2), Some(2))
    );
    let old_compute = old.compute.as_ref().unwrap();
    assert_eq!(
        (old_compute.sockets, old_compute.cores_per_socket),
        (Some(2), Some(1))
    );
    let memory = |m: &crate::formats::inventory::Machine| {
        m.utilization
            .as_ref()
            .unwrap()
            .mem_pct
            .as_ref()
            .unwrap()
            .clone()
    };
    assert_eq!(
        memory(first).current,
        Some(20.0),
        "Active 1,638 of 8,192 MiB"
    );
    assert_eq!(memory(second).current, Some(25.0));
    assert_eq!(
        (memory(old).max, memory(old).p95),
        (None, None),
        "one sample is no peak"
    );
    let filesystems = first
        .storage
        .as_ref()
        .unwrap()
        .filesystems
        .as_ref()
        .unwrap();
    let shown: Vec<_> = filesystems
        .iter()
        .map(|f| (f.mount.as_deref(), f.capacity_gib, f.used_gib))
        .collect();
    assert_eq!(
        shown,
        [
            (Some("/"), Some(39.06), Some(12.0)),
            (Some("/data"), Some(100.0), Some(50.0))
        ]
    );
    let old_fs = old.storage.as_ref().unwrap().filesystems.as_ref().unwrap();
    assert_eq!(old_fs[0].mount.as_deref(), Some("C:\\"));

    assert_eq!(
        cell(&file, &imported, "machines[0].compute.sockets"),
        ("2", "RVTools_tabvCPU.csv")
    );
    assert_eq!(
        cell(&file, &imported, "machines[0].utilization.memPct.current"),
        ("1,638", "RVTools_tabvMemory.csv")
    );
    assert_eq!(
        cell(&file, &imported, "machines[0].storage.filesystems[1].mount"),
        ("/data", "RVTools_tabvPartition.csv")
    );
    assert_eq!(
        cell(&file, &imported, "machines[0].storage.disks[1].rdm"),
        ("physicalMode", "RVTools_tabvDisk.csv")
    );
    assert_eq!(
        cell(&file, &imported, "machines[2].hardware.usbDevices[0].type"),
        ("Dongle", "RVTools_tabvUSB.csv")
    );
    assert_eq!(
        cell(&file, &imported, "machines[0].compute.vcpus"),
        ("4", "vInfo"),
        "vInfo's own columns win over the vCPU tab"
    );

    let [(span, message)] = &imported.problems[..] else {
        panic!("{:?}", imported.problems)
    };
    assert_eq!(message, "`unknown` is not a number");
    let (attachment, span) = locate(&imported.attachments, span).unwrap();
    let at = attachment.file.position(span.start);
    assert!(attachment.file.path.ends_with("RVTools_tabvPartition.csv"));
    assert_eq!((at.line, at.column), (4, 42));
}

/// Imports RVTools CSV tabs written side by side in a directory of their own, by vInfo.
fn tabs(tabs: &[(&str, &str)]) -> (SourceFile, Imported, crate::formats::inventory::Inventory) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in tabs {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let path = dir.path().join("RVTools_tabvInfo.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let file = SourceFile::new(path.to_string_lossy(), &text);
    let imported = crate::formats::importers::import(
        crate::formats::importers::Format::RvtoolsCsv,
        &file,
        &crate::formats::importers::Columns::default(),
    );
    let inventory = crate::formats::inventory::decode(imported.root.to_value())
        .unwrap()
        .inventory;
    (file, imported, inventory)
}
