//! Azure Migrate "Import using CSV" discovered-servers template. The template Microsoft
//! ships marks mandatory columns with `*`: `*Server name`, `*Cores`, `*Memory (In MB)`,
//! `*OS name`; then `OS version`, `OS architecture`, `Server type`, `Hypervisor`, the
//! utilisation percentages, `Network adapters` (a count), `IP addresses`, `Boot type`,
//! `Disk N size (In GB)`, `Virtual machine ID` and
//! `Application N name/version`. Older spellings (`Memory (MB)`, `Disk N size (GB)`,
//! `Firmware type`) are read too; headers match without case, spaces or punctuation.

use super::table::{self, Row, Table};
use super::{Import, Mapping};

pub fn read(text: &str, import: &mut Import) {
    table::each_row(text, import, &mut |table, row, import| {
        if let Some(machine) = machine(table, &row, import) {
            import.machine(machine.build());
        }
    });
}

fn machine(table: &Table, row: &Row, import: &mut Import) -> Option<Mapping> {
    let get = |aliases: &[&str]| row.get(table, aliases);
    let Some(name) = get(&["servername"]) else {
        import.problem(row.span.clone(), "row has no `Server name`");
        return None;
    };
    let mut machine = Mapping::new(row.span.clone());
    machine.text("name", name.text.clone(), name.span.clone());
    if let Some(id) = get(&["customserverid", "virtualmachineid"]) {
        machine.text("id", id.text.clone(), id.span.clone());
    }
    let server_type = get(&["servertype"]);
    if server_type.is_some_and(|t| t.text.eq_ignore_ascii_case("physical")) {
        let cell = server_type.expect("checked");
        machine.text("platform.hypervisor", "physical", cell.span.clone());
    } else if let Some(cell) = get(&["hypervisor"]) {
        let hypervisor = match cell.text.to_ascii_lowercase().as_str() {
            "vmware" => "vmware",
            "hyper-v" | "hyperv" => "hyperv",
            "xen" => "xen",
            "aws" => "aws",
            "gcp" => "gcp",
            "kvm" => "kvm",
            _ => "other",
        };
        machine.text("platform.hypervisor", hypervisor, cell.span.clone());
    }
    if let Some(cell) = get(&["boottype", "firmwaretype"]) {
        match cell.text.to_ascii_lowercase().as_str() {
            "bios" => machine.text("platform.firmware", "bios", cell.span.clone()),
            "uefi" | "efi" => machine.text("platform.firmware", "efi", cell.span.clone()),
            _ => import.problem(
                cell.span.clone(),
                format!("unknown firmware type `{}`", cell.text),
            ),
        }
    }
    if let Some(os) = get(&["osname"]) {
        machine.os_named(os, get(&["osversion"]));
    }
    if let Some(arch) = get(&["osarchitecture"]) {
        machine.text("os.arch", arch.text.clone(), arch.span.clone());
    }
    machine.count("compute.vcpus", get(&["cores"]), 1, import);
    machine.count(
        "compute.memoryMiB",
        get(&["memoryinmb", "memorymb"]),
        1,
        import,
    );
    let mut disks = Vec::new();
    for n in 1..=8 {
        let sized = get(&[&format!("disk{n}sizeingb"), &format!("disk{n}sizegb")]);
        if let Some(cell) = sized {
            let mut disk = Mapping::new(cell.span.clone());
            disk.number("capacityGiB", Some(cell), 1.0, import);
            disks.push(disk);
        }
    }
    if !disks.is_empty() {
        machine.list("storage.disks", disks, row.span.clone());
    }
    // The template gives only how many adapters a server has: one adapter each, with no
    // facts but where the count is.
    let adapters = get(&["networkadapters"]).and_then(|cell| {
        let count = super::whole_number(&cell.text).filter(|n| (1..=64).contains(n))?;
        Some(
            (0..count)
                .map(|_| Mapping::new(cell.span.clone()))
                .collect::<Vec<_>>(),
        )
    });
    if let Some(adapters) = adapters {
        machine.list("hardware.networkAdapters", adapters, row.span.clone());
    }
    machine.number(
        "utilization.cpuPct.avg",
        get(&["cpuutilizationpercentage"]),
        1.0,
        import,
    );
    machine.number(
        "utilization.memPct.avg",
        get(&["memoryutilizationpercentage"]),
        1.0,
        import,
    );
    let mut software = Vec::new();
    for n in 1..=5 {
        if let Some(cell) = get(&[&format!("application{n}name")]) {
            let mut item = Mapping::new(cell.span.clone());
            item.text("name", cell.text.clone(), cell.span.clone());
            if let Some(version) = get(&[&format!("application{n}version")]) {
                item.text("version", version.text.clone(), version.span.clone());
            }
            software.push(item);
        }
    }
    if !software.is_empty() {
        machine.list("workloads.software", software, row.span.clone());
    }
    for (column, tag) in [
        ("businessunit", "businessUnit"),
        ("businessowner", "businessOwner"),
        ("businessapplicationname", "businessApplication"),
        ("location", "location"),
        ("groups", "groups"),
        ("ipaddresses", "ipAddress"),
    ] {
        if let Some(cell) = get(&[column]) {
            machine.text(&format!("tags.{tag}"), cell.text.clone(), cell.span.clone());
        }
    }
    Some(machine)
}

#[cfg(test)]
mod tests {
    use crate::formats::importers::testing::{at, read};
    use crate::formats::inventory::{Firmware, Hypervisor, OsFamily};

    #[test]
    fn discovered_servers_become_machines() {
        let (file, imported, inventory) = read("azure-migrate.csv");
        let names: Vec<_> = inventory.machines.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["sql-01", "web-02", "bad-03"]);
        let sql = &inventory.machines[0];
        let os = sql.os.as_ref().unwrap();
        assert_eq!(os.family, Some(OsFamily::Windows));
        assert_eq!(os.version.as_deref(), Some("2012 R2"));
        let compute = sql.compute.as_ref().unwrap();
        assert_eq!((compute.vcpus, compute.memory_mib), (Some(8), Some(32768)));
        let disks = sql.storage.as_ref().unwrap().disks.as_ref().unwrap();
        let sizes: Vec<_> = disks.iter().map(|d| d.capacity_gib).collect();
        assert_eq!(sizes, [Some(127.0), Some(512.0)]);
        let platform = sql.platform.as_ref().unwrap();
        assert_eq!(platform.hypervisor, Some(Hypervisor::Hyperv));
        assert_eq!(platform.firmware, Some(Firmware::Bios));
        let software = sql.workloads.as_ref().unwrap().software.as_ref().unwrap();
        assert_eq!(software[0].name, "Microsoft SQL Server 2014");
        assert_eq!(software[1].version.as_deref(), Some("8.5"));
        let web = &inventory.machines[1];
        assert_eq!(web.os.as_ref().unwrap().distro.as_deref(), Some("rhel"));
        assert_eq!(web.platform.as_ref().unwrap().firmware, Some(Firmware::Efi));
        assert!(web.workloads.is_none());
        let bad = &inventory.machines[2];
        assert_eq!(bad.compute.as_ref().unwrap().vcpus, None);
        assert_eq!(bad.os.as_ref().unwrap().version.as_deref(), Some("22.04"));
        assert_eq!(imported.problems.len(), 1);
        assert_eq!(at(&file, &imported.problems[0].0), "two");
    }

    #[test]
    fn the_real_template_with_starred_headers_keeps_memory_disks_and_boot_type() {
        let (_, imported, inventory) = read("real/azure-migrate-import.csv");
        assert!(imported.problems.is_empty(), "{:?}", imported.problems);
        let names: Vec<_> = inventory.machines.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["DC01", "FS01", "WEB01"]);
        for machine in &inventory.machines {
            let compute = machine.compute.as_ref().unwrap();
            assert_eq!((compute.vcpus, compute.memory_mib), (Some(1), Some(2048)));
            assert_eq!(
                machine.platform.as_ref().unwrap().firmware,
                Some(Firmware::Bios)
            );
        }
        let disks = |i: usize| {
            inventory.machines[i]
                .storage
                .as_ref()
                .unwrap()
                .disks
                .as_ref()
                .unwrap()
                .iter()
                .map(|d| d.capacity_gib)
                .collect::<Vec<_>>()
        };
        assert_eq!(disks(0), [Some(45.0)]);
        assert_eq!(disks(1), [Some(60.0)]);
        let os = inventory.machines[0].os.as_ref().unwrap();
        assert_eq!(
            (os.distro.as_deref(), os.version.as_deref()),
            (Some("windows-server"), Some("2008 R2"))
        );
        assert_eq!(os.arch.as_deref(), Some("x64"));
    }
}
