//! VM inventory exports end to end: `check` reads each format and points at the source
//! cell, `inventory convert` writes one native inventory, and every export in the shared
//! corpus is read without error.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn check_json(args: &[&str]) -> Value {
    let output = Command::cargo_bin("realtor")
        .unwrap()
        .current_dir(repo())
        .args(["check", "--format", "json", "--exit-zero"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// `(rule, file, line, column, end line, end column)` of every diagnostic.
fn positions(json: &Value) -> Vec<(String, String, u64, u64, u64, u64)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let n = |k: &str| d[k].as_u64().unwrap();
            let s = |k: &str| d[k].as_str().unwrap().to_string();
            (
                s("rule"),
                s("file"),
                n("line"),
                n("column"),
                n("end_line"),
                n("end_column"),
            )
        })
        .collect()
}

#[test]
fn exports_are_checked_with_positions_in_the_source() {
    let json = check_json(&["fixtures/importers"]);
    let files = json["files"].as_array().unwrap();
    assert_eq!(
        files.len(),
        20,
        "the vDisk, vUSB and vNetwork tabs are joined, not read alone"
    );
    assert!(files.iter().all(|f| f["kind"] == "inventory"), "{files:?}");
    let found = positions(&json);
    let expect = |rule: &str, file: &str, at: (u64, u64, u64, u64)| {
        let wanted = (
            rule.to_string(),
            format!("fixtures/importers/{file}"),
            at.0,
            at.1,
            at.2,
            at.3,
        );
        assert!(found.contains(&wanted), "{wanted:?} not in {found:#?}");
    };
    expect("R001", "azure-migrate.csv", (4, 17, 4, 20));
    expect("R001", "hyperv-get-vm.csv", (3, 61, 3, 66));
    expect("R001", "legacy-app.vmx", (29, 1, 29, 20));
    expect("P202", "legacy-app.vmx", (5, 12, 5, 20));
    expect("V003", "hyperv-get-vm.json", (19, 18, 19, 27));
    expect("P202", "rvtools/RVTools_tabvInfo.csv", (6, 85, 6, 126));
    expect("V002", "rvtools/RVTools_tabvInfo.csv", (3, 1, 3, 6));
    expect("P206", "rvtools/RVTools_tabvUSB.csv", (2, 1, 2, 101));
    // A PCIPassthru adapter is passthrough, at its cell; a vmxnet3 with Direct Path IO
    // (on by default) is not.
    expect("P206", "rvtools/RVTools_tabvNetwork.csv", (3, 43, 3, 54));
    let network_passthrough = found
        .iter()
        .filter(|f| f.0 == "P206" && f.1.ends_with("RVTools_tabvNetwork.csv"))
        .count();
    assert_eq!(network_passthrough, 1);
    expect("R001", "rvtools/RVTools_tabvPartition.csv", (4, 42, 4, 49));
    // A workbook's columns count cells: column 9 is cell I6, the OS.
    expect("P202", "rvtools.xlsx", (6, 9, 6, 10));
    expect("P206", "rvtools.xlsx", (2, 1, 2, 12));
    let usb_in_workbook = json["diagnostics"].as_array().unwrap().iter().any(|d| {
        d["rule"] == "P206"
            && d["file"] == "fixtures/importers/rvtools.xlsx"
            && d["message"].as_str().unwrap().ends_with("(sheet vUSB)")
    });
    assert!(usb_in_workbook, "a finding from another sheet names it");
    expect("P202", "aws-migration-hub.csv", (3, 31, 3, 63));
    // A real Azure Migrate import file, `*`-marked headers and all.
    expect("P202", "real/azure-migrate-import.csv", (2, 25, 2, 66));
    // OSX-KVM's macOS domain: no libosinfo id, the OpenCore disk shows the guest.
    expect("P203", "real/libvirt-macos-catalina.xml", (65, 21, 65, 67));
    // A French CMDB export, its columns guessed: the bad CPU count, the old Windows.
    expect("R001", "spreadsheet/fr-cmdb.csv", (4, 16, 4, 20));
    expect("P202", "spreadsheet/fr-cmdb.csv", (2, 10, 2, 32));
}

fn convert(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("realtor")
        .unwrap()
        .current_dir(dir)
        .args(["inventory", "convert"])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_spreadsheet_is_read_by_guessed_headers_with_their_units() {
    let (code, yaml, _) = convert(repo(), &["fixtures/importers/spreadsheet/fr-cmdb.csv"]);
    assert_eq!(code, Some(0));
    let inventory: Value = serde_yaml::from_str(&yaml).unwrap();
    let machine = |i: usize| &inventory["machines"][i];
    assert_eq!(machine(0)["name"], "srv-paie");
    assert_eq!(machine(0)["os"]["distro"], "windows-server");
    assert_eq!(
        machine(0)["compute"]["memoryMiB"],
        16384,
        "a bare 16 is GiB"
    );
    assert_eq!(
        machine(1)["compute"]["memoryMiB"],
        4096,
        "a bare 4096 is MiB"
    );
    assert_eq!(machine(2)["compute"]["memoryMiB"], 8192, "8 Go");
    let disks = |i: usize| machine(i)["storage"]["disks"].clone();
    assert_eq!(
        disks(0),
        serde_json::json!([{"capacityGiB": 120.0}, {"capacityGiB": 500.0}])
    );
    assert_eq!(
        disks(2),
        serde_json::json!([{"capacityGiB": 1536.0}]),
        "1,5 To"
    );
}

#[test]
fn a_spreadsheet_mapping_comes_from_the_config_and_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cmdb.csv"),
        "Asset Tag,Platform,Size,Cores\nA-17,RHEL 8,32,8\n",
    )
    .unwrap();
    let (code, yaml, stderr) = convert(dir.path(), &["cmdb.csv"]);
    assert_eq!(code, Some(2));
    assert_eq!(yaml, "", "nothing on standard output when convert fails");
    assert!(
        stderr.contains("cmdb.csv: a CSV table realtor cannot map: no column names the machine; columns found: `Asset Tag` = id, `Cores` = vcpus; columns not mapped: `Platform`, `Size`"),
        "{stderr}"
    );
    std::fs::write(
        dir.path().join(".realtor.yaml"),
        "inventory-columns:\n  name: Asset Tag\n  os: Platform\n  memory-gib: Size\n",
    )
    .unwrap();
    let (code, yaml, stderr) = convert(dir.path(), &["cmdb.csv"]);
    assert_eq!(code, Some(0), "{stderr}");
    for line in ["name: A-17", "distro: rhel", "vcpus: 8", "memoryMiB: 32768"] {
        assert!(yaml.contains(line), "{line} missing from\n{yaml}");
    }
    let (code, yaml, _) = convert(dir.path(), &["cmdb.csv", "--column", "memory-mib=Size"]);
    assert_eq!(code, Some(0));
    assert!(
        yaml.contains("memoryMiB: 32\n"),
        "the command line wins:\n{yaml}"
    );
    let (code, yaml, stderr) = convert(dir.path(), &["cmdb.csv", "--column", "colour=Size"]);
    assert_eq!((code, yaml.as_str()), (Some(2), ""));
    assert!(
        stderr.contains("`colour` is no inventory field"),
        "{stderr}"
    );
    std::fs::write(
        dir.path().join(".realtor.yaml"),
        "inventory-columns:\n  name: Asset Tag\n  ram: Size\n",
    )
    .unwrap();
    let (code, _, stderr) = convert(dir.path(), &["cmdb.csv"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains(".realtor.yaml:3:3: `ram` is no inventory field"),
        "{stderr}"
    );
}

#[test]
fn check_names_the_columns_of_a_named_table_it_cannot_map() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cmdb.csv"), "Asset,Platform\nA,B\n").unwrap();
    let output = Command::cargo_bin("realtor")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "cmdb.csv"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostic = &json["diagnostics"][0];
    assert_eq!(diagnostic["rule"], "R001");
    assert_eq!(
        (diagnostic["line"].as_u64(), diagnostic["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(
        diagnostic["message"]
            .as_str()
            .unwrap()
            .contains("columns not mapped: `Asset`, `Platform`"),
        "{diagnostic}"
    );
}

#[test]
fn convert_writes_one_native_inventory() {
    let output = Command::cargo_bin("realtor")
        .unwrap()
        .current_dir(repo())
        .args(["inventory", "convert", "--to", "yaml"])
        .args([
            "fixtures/importers/libvirt-domain.xml",
            "fixtures/importers/azure-migrate.csv",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("fixtures/importers/azure-migrate.csv:4:17: Azure Migrate import CSV: `two` is not a whole number"),
        "{stderr}"
    );
    let yaml = String::from_utf8(output.stdout).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let written = dir.path().join("inventory.yaml");
    std::fs::write(&written, &yaml).unwrap();
    let checked = check_json(&[written.to_str().unwrap()]);
    assert_eq!(checked["files"][0]["kind"], "inventory");
    assert_eq!(checked["files"][0]["status"], "ok");
    for name in [
        "name: sql-01",
        "name: web-02",
        "name: bad-03",
        "name: centos7-db",
        "memoryMiB: 8192",
        "rdm: physical",
    ] {
        assert!(yaml.contains(name), "{name} missing from\n{yaml}");
    }
}

#[test]
fn convert_refuses_a_file_it_cannot_read() {
    let output = Command::cargo_bin("realtor")
        .unwrap()
        .current_dir(repo())
        .args(["inventory", "convert", "README.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("README.md: not a VM inventory export")
    );
}

#[test]
fn every_export_in_the_shared_corpus_is_read_without_error() {
    let corpus = repo().join("../shared/corpus/inventory");
    if !corpus.is_dir() {
        eprintln!("skipped: {} is not here", corpus.display());
        return;
    }
    let json = check_json(&[corpus.to_str().unwrap()]);
    let imported: Vec<&Value> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "inventory")
        .collect();
    assert!(
        imported
            .iter()
            .any(|f| f["path"].as_str().unwrap().ends_with(".xlsx")),
        "the RVTools workbook is read: {imported:?}"
    );
    for file in imported {
        assert_eq!(file["status"], "ok", "{file}");
    }
    let errors: Vec<_> = positions(&json)
        .into_iter()
        .filter(|p| p.0 == "R001")
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn network_adapters_are_read_from_every_export_that_lists_them() {
    let output = Command::cargo_bin("realtor")
        .unwrap()
        .current_dir(repo())
        .args(["inventory", "convert"])
        .args([
            "fixtures/importers/legacy-app.vmx",
            "fixtures/importers/kiosk.vbox",
            "fixtures/importers/rvtools/RVTools_tabvInfo.csv",
            "fixtures/importers/real/libvirt-macos-catalina.xml",
        ])
        .output()
        .unwrap();
    let inventory: Value = serde_yaml::from_slice(&output.stdout).unwrap();
    let adapters = |name: &str| -> Vec<Value> {
        inventory["machines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["name"] == name)
            .flat_map(|m| {
                m["hardware"]["networkAdapters"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .collect()
    };
    let one = |name: &str| adapters(name).into_iter().next().unwrap();
    assert_eq!(
        one("legacy-app"),
        serde_json::json!({"model": "vmxnet3", "network": "VM Network", "mac": "00:50:56:9a:12:34", "connected": true}),
        "ethernet1 is not present"
    );
    assert_eq!(adapters("legacy-app").len(), 1);
    assert_eq!(
        adapters("win7-kiosk"),
        [
            serde_json::json!({"model": "82540EM", "network": "eth0", "mac": "080027AB12CD", "connected": true})
        ],
        "a disabled adapter is left out"
    );
    assert_eq!(one("win-old")["model"], "PCIPassthru");
    assert_eq!(one("win-old")["network"], "VLAN-20");
    assert_eq!(
        one("macOS"),
        serde_json::json!({"model": "vmxnet3", "network": "virbr0", "mac": "52:54:00:e6:85:40"})
    );
}

/// Every real export converts to the inventory a person checked against its source, fact by
/// fact (`fixtures/importers/real/converted/`, one file per export; PROVENANCE.tsv says
/// where each export comes from).
#[test]
fn real_exports_convert_to_their_reviewed_inventories() {
    let real = repo().join("fixtures/importers/real");
    let mut exports: Vec<_> = std::fs::read_dir(&real)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "tsv"))
        .collect();
    exports.sort();
    assert!(exports.len() >= 10, "{exports:?}");
    for export in exports {
        let name = export.file_name().unwrap().to_str().unwrap();
        let reviewed = real.join(format!("converted/{name}.yaml.converted"));
        let want = std::fs::read_to_string(&reviewed)
            .unwrap_or_else(|e| panic!("{}: {e}", reviewed.display()));
        let (code, stdout, stderr) = convert(&real, &[name]);
        assert_eq!(code, Some(0), "{name}: {stderr}");
        assert_eq!(stdout, want, "{name}: converted facts changed");
    }
}
