//! Smoke test over the shared corpus of real public files: every file is read, no panic,
//! and every failure is a positioned parse diagnostic. Skips when the corpus is absent.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

#[test]
fn the_shared_corpus_is_read_without_a_crash() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("skipped: {} is not here", corpus.display());
        return;
    }
    let output = Command::cargo_bin("realtor")
        .unwrap()
        .args(["check", "--format", "json", "--exit-zero"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let files = json["files"].as_array().unwrap();
    assert!(files.len() > 1000, "only {} files read", files.len());
    for file in files.iter().filter(|f| f["status"] == "error") {
        let path = &file["path"];
        let positioned = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| &d["file"] == path && d["rule"] == "R001" && d["line"].as_u64() > Some(0));
        assert!(positioned, "{path} failed without a positioned diagnostic");
    }
}
