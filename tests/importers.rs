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
        10,
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
    expect("V003", "hyperv-get-vm.json", (17, 18, 17, 27));
    expect("P202", "rvtools/RVTools_tabvInfo.csv", (6, 85, 6, 126));
    expect("V002", "rvtools/RVTools_tabvInfo.csv", (3, 1, 3, 6));
    expect("P206", "rvtools/RVTools_tabvUSB.csv", (2, 1, 2, 101));
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
