//! Baselines: findings recorded with `--write-baseline` stay silent under `--baseline`
//! after the files are reformatted, and new findings still show.

mod common;

use std::path::Path;

use common::realtor;
use serde_json::Value;

const MANIFEST: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
            runAsNonRoot: true
";

/// The same objects with other indentation, key order, comments and flow style.
const MANIFEST_REFORMATTED: &str = "\
# the shop front end
apiVersion: apps/v1
kind: Deployment
metadata:
    namespace: shop
    name: web

spec:
    template:
        metadata: {labels: {app: web}}
        spec:
            containers:
            -   image: nginx:1.27
                securityContext: {runAsNonRoot: true, privileged: true}
                name: web
    selector: {matchLabels: {app: web}}
";

const DOCKERFILE: &str =
    "FROM alpine:3.23 AS build\nMAINTAINER me\nRUN make\nFROM alpine\nUSER 1000\n";
const DOCKERFILE_REFORMATTED: &str = "\
# syntax=docker/dockerfile:1
FROM alpine:3.23 AS build

# who to ask
MAINTAINER   me
RUN make \\
    all

FROM alpine
USER 1000
";

fn check(dir: &Path, args: &[&str]) -> (i32, Vec<Value>) {
    let output = realtor()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .arg(".")
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let diagnostics = json["diagnostics"].as_array().unwrap().clone();
    (output.status.code().unwrap(), diagnostics)
}

fn rules(diagnostics: &[Value]) -> Vec<String> {
    let mut rules: Vec<String> = diagnostics
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    rules.sort();
    rules
}

#[test]
fn reformatted_files_keep_their_findings_suppressed_and_new_ones_show() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("web.yaml"), MANIFEST).unwrap();
    std::fs::write(dir.path().join("Dockerfile"), DOCKERFILE).unwrap();
    let (code, before) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    let before = rules(&before);
    assert!(
        before.contains(&"K001".into()) && before.contains(&"D005".into()),
        "{before:?}"
    );
    assert!(before.contains(&"D001".into()), "{before:?}");

    let output = realtor()
        .current_dir(dir.path())
        .args(["check", "--write-baseline", "baseline.json", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let recorded: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    let entries = recorded["findings"].as_array().unwrap();
    assert_eq!(entries.len(), before.len());
    assert!(entries.iter().any(|e| e["rule"] == "K001"
        && e["file"] == "web.yaml"
        && e["location"]
            == "Deployment shop/web > spec.template.spec.containers[web].securityContext.privileged"));
    assert!(
        entries
            .iter()
            .any(|e| e["rule"] == "D005" && e["location"] == "stage build > MAINTAINER[1]")
    );
    assert!(entries.iter().all(|e| e.get("line").is_none()));

    std::fs::write(dir.path().join("web.yaml"), MANIFEST_REFORMATTED).unwrap();
    std::fs::write(dir.path().join("Dockerfile"), DOCKERFILE_REFORMATTED).unwrap();
    let (_, reformatted) = check(dir.path(), &[]);
    assert_eq!(
        rules(&reformatted),
        before,
        "reformatting keeps the findings"
    );
    let (code, left) = check(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!(rules(&left), Vec::<String>::new());
    assert_eq!(code, 0);

    let second = MANIFEST_REFORMATTED.replace(
        "                name: web\n",
        "                name: web\n            -   name: sidecar\n                image: envoy:1.30\n                securityContext: {privileged: true, runAsNonRoot: true}\n",
    );
    std::fs::write(dir.path().join("web.yaml"), second).unwrap();
    std::fs::write(
        dir.path().join("Dockerfile"),
        DOCKERFILE_REFORMATTED.replace("RUN make", "MAINTAINER you\nRUN make"),
    )
    .unwrap();
    let (code, new) = check(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!(code, 1);
    let k001: Vec<_> = new.iter().filter(|d| d["rule"] == "K001").collect();
    assert_eq!(k001.len(), 1, "{new:?}");
    assert_eq!(k001[0]["line"], 18);
    let d005: Vec<_> = new.iter().filter(|d| d["rule"] == "D005").collect();
    assert_eq!(d005.len(), 1, "{new:?}");
    assert_eq!(d005[0]["line"], 6, "the second MAINTAINER is new");
}

#[test]
fn a_broken_baseline_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("baseline.json"),
        "{\"version\": 9, \"findings\": []}",
    )
    .unwrap();
    let output = realtor()
        .current_dir(dir.path())
        .args(["check", "--baseline", "baseline.json", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("version 9 is not supported"));
}
