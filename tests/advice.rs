//! `realtor advise` end to end: the labelled fixture set gets exactly its expected verdicts,
//! every move away from a plain container names a positioned finding, the JSON output
//! keeps its versioned contract, node agents of the shared corpus stay containers, and
//! the human and Markdown tables carry the fleet summary.

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use serde::Deserialize;

const FIXTURES: &str = "fixtures/advice";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn advise(args: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("realtor")
        .expect("binary")
        .current_dir(repo())
        .arg("advise")
        .args(args)
        .output()
        .expect("run realtor");
    (
        output.status.code().expect("exit code"),
        String::from_utf8(output.stdout).expect("UTF-8"),
    )
}

/// The JSON contract, version 1: unknown or missing fields fail to decode.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Output {
    version: u32,
    workloads: Vec<Workload>,
    summary: Summary,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Workload {
    name: String,
    kind: String,
    namespace: Option<String>,
    file: String,
    line: usize,
    current: Current,
    recommended: Recommended,
    fit: Tier,
    confidence: f64,
    missing: Vec<String>,
    findings: Vec<Finding>,
    reclaim: Option<Reclaim>,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
enum Current {
    Container,
    SandboxedContainer,
    Vm,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
enum Recommended {
    Container,
    SandboxedContainer,
    Vm,
    InsufficientData,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
enum Tier {
    Excellent,
    Good,
    MinimalWork,
    ModerateWork,
    MajorWork,
    NoFit,
    InsufficientData,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Finding {
    rule: String,
    name: String,
    severity: String,
    message: String,
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Reclaim {
    vcpus: f64,
    #[serde(rename = "memoryMiB")]
    memory_mib: u64,
    basis: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    workloads: usize,
    container: usize,
    #[serde(rename = "sandboxed-container")]
    sandboxed_container: usize,
    vm: usize,
    #[serde(rename = "insufficient-data")]
    insufficient_data: usize,
    #[serde(rename = "reclaimVcpus")]
    reclaim_vcpus: f64,
    #[serde(rename = "reclaimMemoryMiB")]
    reclaim_memory_mib: u64,
}

fn advise_json(path: &str) -> Output {
    let (code, stdout) = advise(&["--format", "json", path]);
    assert_eq!(code, 0);
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("advice breaks the contract ({e}):\n{stdout}"))
}

fn label(text: &str) -> String {
    text.trim_start_matches(FIXTURES)
        .trim_start_matches('/')
        .to_string()
}

#[test]
fn every_labelled_workload_gets_its_expected_verdict() {
    let table = std::fs::read_to_string(repo().join(FIXTURES).join("expected.tsv")).unwrap();
    let expected: BTreeMap<(String, String), (String, String)> = table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(cells.len(), 4, "bad row: {l}");
            (
                (cells[0].to_string(), cells[1].to_string()),
                (cells[2].to_string(), cells[3].to_string()),
            )
        })
        .collect();
    assert!(expected.len() >= 25, "only {} labels", expected.len());
    let output = advise_json(FIXTURES);
    let actual: BTreeMap<(String, String), (String, String)> = output
        .workloads
        .iter()
        .map(|w| {
            (
                (label(&w.file), label(&w.name)),
                (kebab(&w.recommended), kebab(&w.fit)),
            )
        })
        .collect();
    for (key, want) in &expected {
        assert_eq!(actual.get(key), Some(want), "{key:?}");
    }
    assert_eq!(
        actual.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "every workload is labelled"
    );
    for direction in [Current::Container, Current::Vm] {
        for target in [Recommended::Container, Recommended::Vm] {
            assert!(
                output
                    .workloads
                    .iter()
                    .any(|w| w.current == direction && w.recommended == target),
                "no {direction:?} -> {target:?} case in the fixtures"
            );
        }
    }
}

/// An enum value as the contract spells it: `SandboxedContainer` is `sandboxed-container`.
fn kebab(value: &dyn std::fmt::Debug) -> String {
    let mut out = String::new();
    for (i, c) in format!("{value:?}").chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[test]
fn every_move_to_a_vm_or_a_sandbox_names_a_positioned_finding() {
    let output = advise_json(FIXTURES);
    let moved: Vec<&Workload> = output
        .workloads
        .iter()
        .filter(|w| {
            let stays_in_its_sandbox = w.current == Current::SandboxedContainer;
            matches!(
                w.recommended,
                Recommended::Vm | Recommended::SandboxedContainer
            ) && !stays_in_its_sandbox
        })
        .collect();
    assert!(moved.len() >= 10);
    for workload in moved {
        let finding = workload
            .findings
            .first()
            .unwrap_or_else(|| panic!("{} names no finding", workload.name));
        assert!(finding.rule.starts_with('P'), "{}", workload.name);
        assert_eq!(finding.file, workload.file);
        assert!(
            finding.line >= 1 && finding.column >= 1,
            "{}",
            workload.name
        );
        assert!(
            (finding.end_line, finding.end_column) > (finding.line, finding.column),
            "{}: empty span",
            workload.name
        );
    }
}

#[test]
fn the_json_keeps_its_versioned_contract() {
    let output = advise_json(FIXTURES);
    assert_eq!(output.version, 1);
    let summary = &output.summary;
    assert_eq!(summary.workloads, output.workloads.len());
    assert_eq!(
        summary.container + summary.sandboxed_container + summary.vm + summary.insufficient_data,
        summary.workloads
    );
    for workload in &output.workloads {
        assert!(
            (0.0..=1.0).contains(&workload.confidence),
            "{}",
            workload.name
        );
        assert!(!workload.kind.is_empty() && workload.line >= 1);
        if workload.kind == "Dockerfile" {
            assert_eq!(workload.name, workload.file);
        }
        if workload.recommended == Recommended::InsufficientData {
            assert_eq!(workload.fit, Tier::InsufficientData);
            assert!(!workload.missing.is_empty(), "{}", workload.name);
        }
        for finding in &workload.findings {
            assert!(["info", "warning", "error"].contains(&finding.severity.as_str()));
            assert!(!finding.name.is_empty() && !finding.message.is_empty());
        }
        if let Some(reclaim) = &workload.reclaim {
            assert_eq!(workload.current, Current::Vm);
            assert!(reclaim.vcpus >= 0.0);
            assert!(["p95", "max", "p95+max"].contains(&reclaim.basis.as_str()));
        }
    }
    let namespaced = output.workloads.iter().find(|w| w.name == "storefront");
    assert_eq!(
        namespaced.and_then(|w| w.namespace.as_deref()),
        Some("shop")
    );
}

#[test]
fn reclaim_is_what_peak_use_leaves_of_the_allocation() {
    let output = advise_json(FIXTURES);
    let reclaim = |name: &str| {
        let workload = output.workloads.iter().find(|w| w.name == name).unwrap();
        let r = workload.reclaim.as_ref().expect("reclaim");
        (r.vcpus, r.memory_mib, r.basis.clone())
    };
    // 8 vCPU at 20% p95, 16 GiB at 25% p95.
    assert_eq!(reclaim("web-01"), (6.4, 12288, "p95".to_string()));
    // Only maxima known: 4 vCPU and 8 GiB, both at 50%.
    assert_eq!(reclaim("worker-01"), (2.0, 4096, "max".to_string()));
    let stays = output
        .workloads
        .iter()
        .find(|w| w.name == "erp-db-01")
        .unwrap();
    assert!(stays.reclaim.is_none());
    assert_eq!(output.summary.reclaim_vcpus, 12.2);
    assert_eq!(output.summary.reclaim_memory_mib, 21504);
}

#[test]
fn the_exceptions_hold() {
    let output = advise_json(FIXTURES);
    let verdict = |name: &str| {
        let w = output
            .workloads
            .iter()
            .find(|w| label(&w.name) == name)
            .unwrap();
        (w.recommended, w.fit)
    };
    // tini as PID 1 is not an init system.
    assert_eq!(verdict("docker/tini.Dockerfile").0, Recommended::Container);
    // A node agent that loads modules keeps its container verdict; findings only need attention.
    assert_eq!(verdict("net-bridge"), (Recommended::Container, Tier::Good));
    // A sandbox runtime satisfies the isolation need: the pod already runs, and stays, in
    // a sandboxed container.
    assert_eq!(
        verdict("notebook-runner-sandboxed").0,
        Recommended::SandboxedContainer
    );
    let sandboxed = output
        .workloads
        .iter()
        .find(|w| w.name == "notebook-runner-sandboxed")
        .unwrap();
    assert_eq!(sandboxed.current, Current::SandboxedContainer);
    // A node-scoped Job (kube-bench, host PID) is a node agent, not a VM in disguise.
    assert_eq!(verdict("kube-bench"), (Recommended::Container, Tier::Good));
    // A CI runner for outside code needs a sandbox.
    assert_eq!(verdict("pr-runners").0, Recommended::SandboxedContainer);
    // sshd as the main process is a remote-login machine.
    assert_eq!(verdict("docker/sshd.Dockerfile").0, Recommended::Vm);
    assert_eq!(
        verdict("notebook-runner").0,
        Recommended::SandboxedContainer
    );
    // A database in a StatefulSet with a claim template is fine on Kubernetes.
    assert_eq!(
        verdict("orders-db"),
        (Recommended::Container, Tier::Excellent)
    );
    // A VM with no OS and no guest data is never guessed.
    assert_eq!(
        verdict("mystery-box"),
        (Recommended::InsufficientData, Tier::InsufficientData)
    );
}

#[test]
fn no_node_agent_daemonset_of_the_corpus_is_sent_to_a_vm() {
    let corpus = repo().join("../shared/corpus/k8s");
    if !corpus.is_dir() {
        eprintln!("skipped: {} is not here", corpus.display());
        return;
    }
    let output = advise_json(corpus.to_str().unwrap());
    let daemonsets: Vec<&Workload> = output
        .workloads
        .iter()
        .filter(|w| w.kind == "DaemonSet")
        .collect();
    assert!(
        daemonsets.len() >= 10,
        "only {} DaemonSets",
        daemonsets.len()
    );
    for daemonset in daemonsets {
        assert_eq!(
            daemonset.recommended,
            Recommended::Container,
            "{} in {}",
            daemonset.name,
            daemonset.file
        );
    }
}

#[test]
fn the_human_table_and_markdown_carry_the_fleet_summary() {
    let (code, human) = advise(&[FIXTURES]);
    assert_eq!(code, 0);
    assert!(human.starts_with("WORKLOAD "), "{human}");
    assert!(human.contains("DaemonSet kube-system/net-bridge"));
    assert!(
        human.contains(
            "47 workloads: 15 container, 4 sandboxed-container, 24 vm, 4 insufficient-data"
        ),
        "{human}"
    );
    assert!(human.contains("reclaimable from VMs that fit containers: 12.2 vCPU, 21.0 GiB memory"));
    let (code, markdown) = advise(&["--format", "markdown", FIXTURES]);
    assert_eq!(code, 0);
    assert!(markdown.starts_with(
        "| Workload | File | Current | Recommended | Fit | Confidence | Top reasons |\n|---|"
    ));
    assert!(markdown.contains("| **sandboxed-container** | good |"));
    assert!(markdown.contains("**47 workloads**"));
}

#[test]
fn confidence_is_the_share_of_evidence_known_and_missing_names_the_rest() {
    let output = advise_json(FIXTURES);
    let evidence = |name: &str| {
        let w = output.workloads.iter().find(|w| w.name == name).unwrap();
        (w.confidence, w.missing.clone())
    };
    assert_eq!(evidence("web-01"), (1.0, vec![]));
    // Image and args known; the image is no OS image realtor recognises.
    assert_eq!(evidence("storefront"), (0.67, vec!["image.os".to_string()]));
    // OS and compute known; no utilisation and no services: 4 of 7.
    let unknown = [
        "utilization.cpuPct",
        "utilization.memPct",
        "workloads.services",
    ];
    assert_eq!(
        evidence("bare-linux"),
        (0.57, unknown.map(String::from).to_vec())
    );
    assert_eq!(evidence("mystery-box").0, 0.0);
    assert_eq!(evidence("mystery-box").1.len(), 7);
    // KubeVirt's Windows example names no OS, but its Hyper-V enlightenments show Windows:
    // only the release is missing.
    let windows = evidence("vmi-windows").1;
    assert!(
        windows.contains(&"os.version".to_string()) && !windows.contains(&"os".to_string()),
        "{windows:?}"
    );
    // Every field known, but the move rests on what the build installs (P115), not on
    // what PID 1 runs: half the confidence.
    let start_script = output
        .workloads
        .iter()
        .find(|w| w.name.ends_with("start-script.Dockerfile"))
        .unwrap();
    assert_eq!(start_script.recommended, Recommended::Vm);
    assert_eq!(start_script.findings[0].rule, "P115");
    assert_eq!(
        (start_script.confidence, start_script.missing.len()),
        (0.5, 0)
    );
}

#[test]
fn two_workloads_with_one_name_keep_their_own_findings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twins.yaml");
    let pod = |command: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: twin\nspec:\n  containers:\n    - name: a\n      image: alpine:3.23\n      command: {command}\n"
        )
    };
    let text = format!(
        "{}---\n{}",
        pod(r#"["sleep", "infinity"]"#),
        pod(r#"["/sbin/init"]"#)
    );
    std::fs::write(&path, text).unwrap();
    let output = advise_json(path.to_str().unwrap());
    let verdicts: Vec<(Recommended, Vec<&str>, usize)> = output
        .workloads
        .iter()
        .map(|w| {
            let rules = w.findings.iter().map(|f| f.rule.as_str()).collect();
            (w.recommended, rules, w.line)
        })
        .collect();
    assert_eq!(
        verdicts,
        vec![
            (Recommended::Container, vec!["P110"], 4),
            (Recommended::Vm, vec!["P101"], 14),
        ]
    );
}

/// The build context decides: the same SSH-server image is a file service when the
/// `sshd_config` it copies in forces `internal-sftp`, and a likely machine when that file is
/// not there to read.
#[test]
fn an_sftp_only_config_in_the_build_context_keeps_an_ssh_image_a_container() {
    let verdict = |dir: &Path| {
        let output = Command::cargo_bin("realtor")
            .expect("binary")
            .current_dir(dir)
            .args(["advise", "--format", "json", "Dockerfile"])
            .output()
            .expect("run realtor");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let workload = &json["workloads"][0];
        let rules: Vec<String> = workload["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect();
        (workload["recommended"].as_str().unwrap().to_string(), rules)
    };
    let context = repo().join(FIXTURES).join("docker/sftp");
    let (recommended, rules) = verdict(&context);
    assert_eq!(recommended, "container");
    assert_eq!(
        rules,
        ["P102"],
        "the SSH server package is no machine evidence"
    );
    let bare = tempfile::tempdir().unwrap();
    std::fs::copy(context.join("Dockerfile"), bare.path().join("Dockerfile")).unwrap();
    let (recommended, rules) = verdict(bare.path());
    assert_eq!(recommended, "vm");
    assert!(rules.contains(&"P115".to_string()), "{rules:?}");
}

/// `--format csv`: one row per workload, the same verdicts as the JSON contract, and every
/// finding's position in the evidence cell.
#[test]
fn csv_has_a_row_per_workload_with_the_json_verdicts() {
    let (_, json) = advise(&["--format", "json", FIXTURES]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let workloads = json["workloads"].as_array().unwrap();
    let (code, text) = advise(&["--format", "csv", FIXTURES]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), workloads.len());
    for (row, workload) in rows.iter().zip(workloads) {
        for key in ["name", "recommended", "fit"] {
            assert_eq!(
                row[column(key)],
                workload[key].as_str().unwrap().to_string()
            );
        }
        for finding in workload["findings"].as_array().unwrap() {
            let at = format!(
                "{} {}:{}:{} ",
                finding["rule"].as_str().unwrap(),
                finding["file"].as_str().unwrap(),
                finding["line"],
                finding["column"]
            );
            assert!(row[column("evidence")].contains(&at), "{at} not in {row:?}");
        }
        if let Some(memory) = workload["reclaim"]["memoryMiB"].as_u64() {
            assert_eq!(row[column("reclaim_memory_mib")], memory.to_string());
        }
    }
    assert!(rows.iter().any(|r| !r[column("reclaim_vcpus")].is_empty()));
}

#[test]
fn the_workbook_holds_every_workload_finding_and_total_as_the_json_does() {
    use calamine::{Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    let (code, _) = advise(&["--format", "xlsx", "-o", path.to_str().unwrap(), "examples"]);
    assert_eq!(code, 0);
    let (_, json) = advise(&["--format", "json", "examples"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let workloads = json["workloads"].as_array().unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["Workloads", "Findings", "Summary"]);
    let sheet = book.worksheet_range("Workloads").unwrap();
    assert_eq!(sheet.height(), workloads.len() + 1);
    for (row, workload) in sheet.rows().skip(1).zip(workloads) {
        assert_eq!(
            row[2],
            Data::String(workload["name"].as_str().unwrap().into())
        );
        assert_eq!(
            row[3],
            Data::String(workload["file"].as_str().unwrap().into())
        );
        assert_eq!(row[4], Data::Float(workload["line"].as_f64().unwrap()));
        assert_eq!(
            row[6],
            Data::String(workload["recommended"].as_str().unwrap().into())
        );
        assert_eq!(
            row[8],
            Data::Float(workload["confidence"].as_f64().unwrap())
        );
    }
    let findings: usize = workloads
        .iter()
        .map(|w| w["findings"].as_array().unwrap().len())
        .sum();
    let sheet = book.worksheet_range("Findings").unwrap();
    assert_eq!(sheet.height(), findings + 1);
    let first = workloads
        .iter()
        .find_map(|w| w["findings"].as_array().unwrap().first())
        .unwrap();
    let row = sheet.rows().nth(1).unwrap();
    assert_eq!(row[1], Data::String(first["rule"].as_str().unwrap().into()));
    assert_eq!(row[6], Data::Float(first["line"].as_f64().unwrap()));
    let summary = book.worksheet_range("Summary").unwrap();
    let total = summary.rows().nth(1).unwrap();
    assert_eq!(total[0], Data::String("workloads".into()));
    assert_eq!(total[1], Data::Float(workloads.len() as f64));
}
