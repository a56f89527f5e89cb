//! The machine-readable formats: SARIF validated by `check-jsonschema` against the SARIF
//! 2.1.0 schema, and the structure of every format checked field by field.

mod common;

use std::path::Path;
use std::process::Command as Process;

use common::{realtor, repo};
use serde_json::Value;

/// Run `realtor check` with `args` in `dir`; (exit code, standard output).
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = realtor()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .output()
        .expect("run realtor");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    (output.status.code().expect("exit code"), stdout)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Three trees: clean, with findings, with files that cannot be parsed.
fn cases() -> Vec<(&'static str, tempfile::TempDir)> {
    let clean = tempfile::tempdir().unwrap();
    std::fs::write(
        clean.path().join("Dockerfile"),
        "FROM alpine:3.20\nUSER 1000\nCMD [\"app\"]\n",
    )
    .unwrap();
    let broken = tempfile::tempdir().unwrap();
    std::fs::write(
        broken.path().join("app.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata: {name: x\n",
    )
    .unwrap();
    std::fs::write(broken.path().join("Dockerfile"), [0xFF, 0xFE, b'F', 0]).unwrap();
    let findings = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples"), findings.path());
    vec![("clean", clean), ("findings", findings), ("broken", broken)]
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn sarif_is_valid_against_the_schema_for_clean_findings_and_broken_runs() {
    let (Some(validator), Some(schema)) =
        (common::tool("check-jsonschema"), common::sarif_schema())
    else {
        return;
    };
    for (name, dir) in cases() {
        let out = dir.path().join("realtor.sarif");
        let (code, _) = run(
            dir.path(),
            &["--output", &format!("sarif={}", out.display()), "."],
        );
        assert_eq!(code, if name == "clean" { 0 } else { 1 }, "{name}");
        let status = Process::new(&validator)
            .arg("--schemafile")
            .arg(&schema)
            .arg(&out)
            .status()
            .expect("run check-jsonschema");
        assert!(status.success(), "{name}: SARIF fails the schema");
    }
}

#[test]
fn sarif_carries_rules_results_and_fingerprints() {
    let (code, text) = run(repo(), &["--format", "sarif", "examples"]);
    assert_eq!(code, 1);
    let sarif = json(&text);
    assert_eq!(sarif["version"], "2.1.0");
    let sarif_run = &sarif["runs"][0];
    let driver = &sarif_run["tool"]["driver"];
    assert_eq!(driver["name"], "realtor");
    assert_eq!(driver["semanticVersion"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    let k001 = rules.iter().find(|r| r["id"] == "K001").expect("K001");
    assert_eq!(k001["name"], "privileged-container");
    assert_eq!(k001["defaultConfiguration"]["level"], "error");
    assert_eq!(k001["properties"]["security-severity"], "8.8");
    assert!(
        k001["properties"]["tags"]
            .as_array()
            .unwrap()
            .contains(&"security".into())
    );
    assert!(
        k001["helpUri"]
            .as_str()
            .unwrap()
            .ends_with("/blob/main/rules/kubernetes/K001-privileged-container.md")
    );
    assert!(
        k001["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## Bad")
    );
    let r003 = rules.iter().find(|r| r["id"] == "R003").unwrap();
    assert_eq!(r003["defaultConfiguration"]["level"], "note");
    assert!(r003["properties"].get("security-severity").is_none());

    let results = sarif_run["results"].as_array().unwrap();
    let privileged: Vec<_> = results.iter().filter(|r| r["ruleId"] == "K001").collect();
    assert_eq!(privileged.len(), 1);
    let result = privileged[0];
    assert_eq!(
        rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "K001"
    );
    assert_eq!(result["level"], "error");
    assert!(
        result["message"]["text"]
            .as_str()
            .unwrap()
            .ends_with("(in Deployment shop/storefront)")
    );
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "examples/k8s/storefront.yaml"
    );
    let region = &location["region"];
    let at = |k: &str| region[k].as_u64().unwrap();
    assert_eq!(
        (
            at("startLine"),
            at("startColumn"),
            at("endLine"),
            at("endColumn")
        ),
        (24, 13, 24, 29)
    );
    let hash = result["partialFingerprints"]["primaryLocationLineHash"]
        .as_str()
        .unwrap();
    assert_eq!(hash.len(), "0123456789abcdef:1".len(), "{hash}");

    let (_, again) = run(repo(), &["--format", "sarif", "examples"]);
    assert_eq!(text, again, "SARIF output is deterministic");
}

#[test]
fn one_run_writes_several_formats() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("out.sarif");
    let report = dir.path().join("out.json");
    let (code, stdout) = run(
        repo(),
        &[
            "--format",
            "json",
            "--output",
            &format!("sarif={}", sarif.display()),
            "--output",
            report.to_str().unwrap(),
            "examples",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(stdout, "", "the json report went to its file");
    assert_eq!(
        json(&std::fs::read_to_string(&report).unwrap())["version"],
        1
    );
    let sarif = json(&std::fs::read_to_string(&sarif).unwrap());
    assert_eq!(sarif["version"], "2.1.0");

    let (code, stdout) = run(
        repo(),
        &[
            "--output",
            &format!("sarif={}", dir.path().join("b").display()),
            "examples",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        stdout.contains("privileged-container"),
        "human on stdout: {stdout}"
    );

    let output = realtor()
        .args([
            "check", "--output", "json=-", "--output", "sarif=-", "examples",
        ])
        .current_dir(repo())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}
