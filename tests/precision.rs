//! Regressions of the precision review (issue 14), each built from the pattern that was
//! wrong on real files: one problem gives one finding, help that fits the command, and a
//! closed standard output that ends realtor quietly.

use std::process::{Command, Stdio};

mod common;
use common::{at, check_json, diagnostics, realtor};

#[test]
fn one_problem_gives_one_finding_and_the_advisor_still_weighs_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostPID: true\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n        runAsUser: 0\n",
    )
    .unwrap();
    let (_, json) = check_json(dir.path(), &["pod.yaml"]);
    let lines =
        |rule: &str| -> Vec<u64> { diagnostics(&json, rule).iter().map(|d| at(d).0).collect() };
    assert_eq!(lines("K005"), vec![6]);
    assert_eq!(lines("K001"), vec![11]);
    assert_eq!(lines("K029"), vec![12]);
    assert!(
        lines("P104").is_empty(),
        "P104 is folded into K001 and K005"
    );
    assert!(
        lines("K003").is_empty(),
        "the explicit root user is K029's alone"
    );
    let k001 = diagnostics(&json, "K001")[0]["help"].as_str().unwrap();
    assert!(k001.contains("P104 host-control"), "{k001}");

    let advice = realtor()
        .current_dir(dir.path())
        .args(["advise", "--format", "json", "pod.yaml"])
        .output()
        .unwrap();
    let advice: serde_json::Value = serde_json::from_slice(&advice.stdout).unwrap();
    let workload = &advice["workloads"][0];
    assert_eq!(workload["recommended"], "vm", "{advice}");
    let rules: Vec<_> = workload["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, vec!["P104", "P104"], "{advice}");
}

#[test]
fn shell_form_help_keeps_the_shell_where_the_command_needs_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Dockerfile"),
        "FROM ruby:3.3-slim\nUSER 1000\nENTRYPOINT bundle exec\nCMD puma --port $PORT && echo done\n",
    )
    .unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "D006", "Dockerfile"]);
    let helps: Vec<_> = diagnostics(&json, "D006")
        .iter()
        .map(|d| (at(d).0, d["help"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(helps.len(), 2, "{json}");
    assert!(
        helps[0].1.starts_with("Use the JSON (exec) form"),
        "{helps:?}"
    );
    assert!(
        helps[1]
            .1
            .contains(r#"`CMD ["sh", "-c", "... && exec program"]`"#)
            && helps[1].1.contains("`exec` before the last command"),
        "{helps:?}"
    );
}

/// Run realtor with its standard output on a pipe whose reader is gone, as in
/// `realtor explain D001 | head -1` once `head` has exited: every write fails.
fn ends_quietly_when_the_reader_goes(args: &[&str]) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = Command::new(assert_cmd::cargo::cargo_bin("realtor"))
        .args(args)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{args:?}");
    assert!(
        output.stderr.is_empty(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_closed_standard_output_ends_realtor_quietly() {
    ends_quietly_when_the_reader_goes(&["explain", "D001"]);
    ends_quietly_when_the_reader_goes(&["rules", "--format", "json"]);
    ends_quietly_when_the_reader_goes(&["rules"]);
}
