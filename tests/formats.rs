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
        "FROM alpine:3.23\nUSER 1000\nCMD [\"app\"]\n",
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
    common::copy_dir(&repo().join("examples"), findings.path());
    vec![
        ("clean", clean),
        ("findings", findings),
        ("broken", broken),
        ("hostile", hostile()),
    ]
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

/// A tree whose file names and contents try to inject workflow commands and markup.
fn hostile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let names = [
        "x%0A::set-output name=a::b,c.Dockerfile",
        "line\n::error file=pwned::injected\r.Dockerfile",
        "<b>&\"quote'.Dockerfile",
    ];
    for name in names {
        std::fs::write(dir.path().join(name), "FROM evil%0A\nMAINTAINER <b>&me\n").unwrap();
    }
    dir
}

fn diagnostic_count(dir: &Path) -> usize {
    let (_, text) = run(dir, &["--format", "json", "."]);
    json(&text)["diagnostics"].as_array().unwrap().len()
}

#[test]
fn github_annotations_cannot_be_injected_and_end_with_totals() {
    let dir = hostile();
    let count = diagnostic_count(dir.path());
    let (code, text) = run(dir.path(), &["--format", "github", "."]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), count + 1, "{text}");
    let shape = |line: &str| {
        let (kind, rest) = line[2..]
            .split_once(' ')
            .expect("a command with properties");
        let (properties, _message) = rest.split_once("::").expect("a message");
        (kind.to_string(), properties.to_string())
    };
    for line in &lines[..count] {
        assert!(line.starts_with("::"), "{line}");
        let (kind, properties) = shape(line);
        assert!(
            ["error", "warning", "notice"].contains(&kind.as_str()),
            "{line}"
        );
        let keys: Vec<&str> = properties
            .split(',')
            .map(|p| p.split_once('=').expect("key=value").0)
            .collect();
        assert_eq!(
            keys,
            ["file", "line", "col", "endLine", "endColumn", "title"],
            "{line}"
        );
        assert!(!properties.contains('\n') && !properties.contains('\r'));
    }
    assert!(text.contains("file=x%250A%3A%3Aset-output name=a%3A%3Ab%2Cc.Dockerfile,"));
    assert!(text.contains("file=line%0A%3A%3Aerror file=pwned%3A%3Ainjected%0D.Dockerfile,"));
    assert!(
        text.contains("::base image `evil%250A` has no tag"),
        "{text}"
    );
    let summary = json(&run(dir.path(), &["--format", "json", "."]).1)["summary"].clone();
    assert_eq!(
        lines[count],
        format!(
            "::notice title=realtor::{} error(s), {} warning(s), {} info(s) in 3 file(s)",
            summary["errors"], summary["warnings"], summary["infos"]
        )
    );
}

#[test]
fn job_summary_is_appended_to_the_step_summary_file() {
    let dir = hostile();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let output = realtor()
        .current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--format", "github", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let markdown = std::fs::read_to_string(&summary).unwrap();
    assert!(
        markdown.starts_with("earlier step\n### realtor\n"),
        "{markdown}"
    );
    assert!(markdown.contains("| [D005]("));
    assert!(!markdown.contains("<b>"));

    let other = dir.path().join("other.md");
    let output = realtor()
        .current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--format", "json", "--summary"])
        .arg(&other)
        .arg(".")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        std::fs::read_to_string(&other)
            .unwrap()
            .starts_with("### realtor\n")
    );
    assert_eq!(std::fs::read_to_string(&summary).unwrap(), markdown);
}

#[test]
fn junit_has_a_testcase_per_file_and_a_failure_per_finding() {
    let dir = hostile();
    std::fs::write(dir.path().join("clean.Dockerfile"), "FROM a:1\nUSER 1\n").unwrap();
    let count = diagnostic_count(dir.path());
    let (_, text) = run(dir.path(), &["--format", "junit", "."]);
    let document = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("4"));
    assert_eq!(root.attribute("failures"), Some("3"));
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 1);
    assert_eq!(suites[0].tag_name().name(), "testsuite");
    let cases: Vec<_> = suites[0].children().filter(|n| n.is_element()).collect();
    assert_eq!(cases.len(), 4);
    let names: Vec<_> = cases.iter().map(|c| c.attribute("name").unwrap()).collect();
    assert!(names.contains(&"<b>&\"quote'.Dockerfile"), "{names:?}");
    assert!(names.contains(&"line\n::error file=pwned::injected\r.Dockerfile"));
    let failures: Vec<_> = cases
        .iter()
        .flat_map(|c| c.children().filter(|n| n.is_element()))
        .collect();
    assert_eq!(failures.len(), count);
    for failure in &failures {
        assert_eq!(failure.tag_name().name(), "failure");
        assert!(failure.attribute("type").unwrap().starts_with('D'));
        assert!(!failure.attribute("message").unwrap().is_empty());
    }
    let clean = cases
        .iter()
        .find(|c| c.attribute("name") == Some("clean.Dockerfile"));
    assert_eq!(clean.unwrap().children().count(), 0);
}

#[test]
fn checkstyle_has_a_file_per_path_and_an_error_per_finding() {
    let dir = hostile();
    let count = diagnostic_count(dir.path());
    let (_, text) = run(dir.path(), &["--format", "checkstyle", "."]);
    let document = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "checkstyle");
    let files: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(files.len(), 3);
    let errors: Vec<_> = files
        .iter()
        .flat_map(|f| f.children().filter(|n| n.is_element()))
        .collect();
    assert_eq!(errors.len(), count);
    for error in errors {
        assert_eq!(error.tag_name().name(), "error");
        for attribute in ["line", "column"] {
            let value: usize = error.attribute(attribute).unwrap().parse().unwrap();
            assert!(value >= 1);
        }
        assert!(["error", "warning", "info"].contains(&error.attribute("severity").unwrap()));
        assert!(error.attribute("source").unwrap().starts_with("realtor.D"));
    }
    let (_, text) = run(repo(), &["--format", "checkstyle", "examples"]);
    assert!(text.contains("<file name=\"examples/k8s/storefront.yaml\">"));
    assert!(text.contains("line=\"24\" column=\"13\" severity=\"error\""));
}

#[test]
fn gitlab_code_quality_has_required_fields_and_unique_fingerprints() {
    let (code, text) = run(repo(), &["--format", "gitlab", "examples"]);
    assert_eq!(code, 1);
    let issues = json(&text);
    let issues = issues.as_array().expect("an array of issues");
    let (_, report) = run(repo(), &["--format", "json", "examples"]);
    assert_eq!(
        issues.len(),
        json(&report)["diagnostics"].as_array().unwrap().len()
    );
    let mut fingerprints = std::collections::HashSet::new();
    for issue in issues {
        assert_eq!(issue["type"], "issue");
        assert!(issue["check_name"].is_string());
        assert!(!issue["description"].as_str().unwrap().is_empty());
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap())
        );
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_string()));
        assert!(
            issue["location"]["path"]
                .as_str()
                .unwrap()
                .starts_with("examples/")
        );
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    let k001 = issues.iter().find(|i| i["check_name"] == "K001").unwrap();
    assert_eq!(k001["location"]["path"], "examples/k8s/storefront.yaml");
    assert_eq!(k001["location"]["lines"]["begin"], 24);
    assert_eq!(k001["categories"][0], "Security");
    assert_eq!(k001["severity"], "major");
    let (_, again) = run(repo(), &["--format", "gitlab", "examples"]);
    assert_eq!(text, again);
}
