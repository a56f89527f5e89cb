//! AWS Application Discovery Service / Migration Hub import CSV: `ExternalId`,
//! `HostName`, `VMware.VMName`, `OS.Name`/`OS.Version`, `CPU.NumberOfLogicalCores` (else
//! `CPU.NumberOfCores`), `RAM.TotalSizeInMB`, `CPU.UsagePct.Avg`/`.Max` and
//! `RAM.UsedSizeInMB.Avg`/`.Max` (kept apart: an average is never called a p95),
//! `CPU.NumberOfProcessors` (sockets), `IPAddress`, `MACAddress`, `Applications`, `ApplicationWave` and
//! `Tags` (`name:value, name:value`). A row names its machine by `VMware.VMName`,
//! `HostName`, `ExternalId`, `IPAddress` or `SMBiosId`, as AWS needs one of them.

use super::table::{self, Cell, Row, Table};
use super::{Import, Mapping, decimal, round2, whole_number};

pub fn read(text: &str, import: &mut Import) {
    table::each_row(text, import, &mut |table, row, import| {
        if let Some(machine) = machine(table, &row, import) {
            import.machine(machine.build());
        }
    });
}

fn machine(table: &Table, row: &Row, import: &mut Import) -> Option<Mapping> {
    let get = |aliases: &[&str]| row.get(table, aliases);
    let Some(name) = get(&[
        "vmwarevmname",
        "hostname",
        "externalid",
        "ipaddress",
        "smbiosid",
    ]) else {
        import.problem(
            row.span.clone(),
            "row has none of `VMware.VMName`, `HostName`, `ExternalId`, `IPAddress`, `SMBiosId`",
        );
        return None;
    };
    let mut machine = Mapping::new(row.span.clone());
    machine.text("name", name.text.clone(), name.span.clone());
    if let Some(id) = get(&["externalid"]) {
        machine.text("id", id.text.clone(), id.span.clone());
    }
    if let Some(moref) = get(&["vmwaremorefid"]) {
        machine.text("platform.hypervisor", "vmware", moref.span.clone());
    }
    if let Some(os) = get(&["osname"]) {
        machine.os_named(os, get(&["osversion"]));
    }
    machine.count(
        "compute.vcpus",
        get(&["cpunumberoflogicalcores", "cpunumberofcores"]),
        1,
        import,
    );
    machine.count(
        "compute.sockets",
        get(&["cpunumberofprocessors"]),
        1,
        import,
    );
    let total = get(&["ramtotalsizeinmb"]);
    machine.count("compute.memoryMiB", total, 1, import);
    machine.number(
        "utilization.cpuPct.avg",
        get(&["cpuusagepctavg"]),
        1.0,
        import,
    );
    machine.number(
        "utilization.cpuPct.max",
        get(&["cpuusagepctmax"]),
        1.0,
        import,
    );
    let total = total
        .and_then(|cell| whole_number(&cell.text))
        .filter(|t| *t > 0);
    for (column, path) in [
        ("ramusedsizeinmbavg", "utilization.memPct.avg"),
        ("ramusedsizeinmbmax", "utilization.memPct.max"),
    ] {
        if let (Some(used), Some(total)) = (get(&[column]), total) {
            percent_of(&mut machine, path, used, total, import);
        }
    }
    if let Some(mac) = get(&["macaddress"]) {
        let mut adapter = Mapping::new(mac.span.clone());
        adapter.text("mac", mac.text.clone(), mac.span.clone());
        machine.list("hardware.networkAdapters", vec![adapter], mac.span.clone());
    }
    for (column, tag) in [
        ("applications", "applications"),
        ("applicationwave", "applicationWave"),
        ("ipaddress", "ipAddress"),
    ] {
        if let Some(cell) = get(&[column]) {
            machine.text(&format!("tags.{tag}"), cell.text.clone(), cell.span.clone());
        }
    }
    if let Some(tags) = get(&["tags"]) {
        for pair in tags
            .text
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match pair.split_once(':') {
                Some((key, value)) => machine.text(
                    &format!("tags.{}", key.trim().replace('.', "_")),
                    value.trim(),
                    tags.span.clone(),
                ),
                None => import.problem(
                    tags.span.clone(),
                    format!("tag `{pair}` is not `name:value`"),
                ),
            }
        }
    }
    Some(machine)
}

fn percent_of(machine: &mut Mapping, path: &str, used: &Cell, total: u64, import: &mut Import) {
    match decimal(&used.text) {
        Some(used_mb) => machine.plain(
            path,
            round2(used_mb / total as f64 * 100.0),
            used.span.clone(),
        ),
        None => import.problem(
            used.span.clone(),
            format!("`{}` is not a number", used.text),
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::formats::importers::testing::read;
    use crate::formats::inventory::{Hypervisor, OsFamily};

    #[test]
    fn import_rows_become_machines() {
        let (_, imported, inventory) = read("aws-migration-hub.csv");
        assert!(imported.problems.is_empty(), "{:?}", imported.problems);
        let app = &inventory.machines[0];
        assert_eq!(app.name, "app01");
        assert_eq!(app.id.as_deref(), Some("cmdb-100"));
        let os = app.os.as_ref().unwrap();
        assert_eq!(
            (os.family, os.distro.as_deref()),
            (Some(OsFamily::Linux), None)
        );
        assert_eq!(os.version.as_deref(), Some("16.04.3"));
        let compute = app.compute.as_ref().unwrap();
        assert_eq!((compute.vcpus, compute.memory_mib), (Some(8), Some(16384)));
        let utilization = app.utilization.as_ref().unwrap();
        let cpu = utilization.cpu_pct.as_ref().unwrap();
        assert_eq!((cpu.avg, cpu.p95, cpu.max), (Some(10.5), None, Some(63.0)));
        let mem = utilization.mem_pct.as_ref().unwrap();
        assert_eq!((mem.avg, mem.max), (Some(25.0), Some(50.0)));
        assert_eq!(
            app.platform.as_ref().unwrap().hypervisor,
            Some(Hypervisor::Vmware)
        );
        let tags = app.tags.as_ref().unwrap();
        assert_eq!(tags["env"], "prod");
        assert_eq!(tags["owner"], "finance");
        assert_eq!(tags["applications"], "billing,reporting");
        let db = &inventory.machines[1];
        assert_eq!(db.name, "db01.corp.example");
        assert_eq!(db.compute.as_ref().unwrap().vcpus, Some(8));
        assert_eq!(db.os.as_ref().unwrap().version.as_deref(), Some("2008 R2"));
        assert!(db.platform.is_none() && db.utilization.is_none());
    }
}
