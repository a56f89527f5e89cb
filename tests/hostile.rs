//! Hostile inputs, generated here rather than committed: the whole pipeline runs over each
//! and must end with exit code 0 or 1 (never a panic, a hang or a usage error), give valid
//! JSON, and place what it reports.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

/// Check `paths` in `dir`; returns the JSON report after asserting a clean exit.
fn survive(dir: &Path, args: &[&str]) -> Value {
    let output = Command::cargo_bin("realtor")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("run realtor");
    let code = output.status.code();
    assert!(
        matches!(code, Some(0) | Some(1)),
        "exit {code:?}; stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON report")
}

fn only_diagnostic(json: &Value, file: &str) -> (String, u64, u64, String) {
    let found: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == file)
        .collect();
    assert_eq!(found.len(), 1, "{file}: {json}");
    let d = found[0];
    (
        d["rule"].as_str().unwrap().to_string(),
        d["line"].as_u64().unwrap(),
        d["column"].as_u64().unwrap(),
        d["message"].as_str().unwrap().to_string(),
    )
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn yaml_bombs_and_deep_nesting_are_positioned_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut bomb = String::from(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for level in 1..9u8 {
        let name = (b'a' + level) as char;
        let previous = (b'a' + level - 1) as char;
        let items = vec![format!("*{previous}"); 9].join(",");
        bomb.push_str(&format!("  {name}: &{name} [{items}]\n"));
    }
    write(dir.path(), "bomb.yaml", bomb);
    let flow = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: x}}\ndata: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    write(dir.path(), "flow.yaml", flow);
    let mut block = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n");
    for depth in 1..=1_000 {
        block.push_str(&format!("{}k{depth}:\n", " ".repeat(depth)));
    }
    write(dir.path(), "block.yaml", block);
    let json = survive(dir.path(), &["."]);
    let (rule, line, _, message) = only_diagnostic(&json, "bomb.yaml");
    assert_eq!((rule.as_str(), line), ("R001", 9));
    assert!(message.contains("alias expansion"), "{message}");
    let (rule, line, _, message) = only_diagnostic(&json, "flow.yaml");
    assert_eq!((rule.as_str(), line), ("R001", 4));
    assert!(message.contains("nesting"), "{message}");
    let (rule, line, column, message) = only_diagnostic(&json, "block.yaml");
    assert_eq!((rule.as_str(), line, column), ("R001", 260, 257));
    assert!(message.contains("nesting"), "{message}");
}

#[test]
fn files_over_the_size_limit_are_reported_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut big = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n");
    while big.len() < 2 * 1024 * 1024 {
        big.push_str("  key: \"a value that repeats to make the file large\"\n");
    }
    write(dir.path(), "big.yaml", &big);
    let json = survive(dir.path(), &["--max-file-size", "1M", "big.yaml"]);
    let (rule, line, column, message) = only_diagnostic(&json, "big.yaml");
    assert_eq!((rule.as_str(), line, column), ("R001", 1, 1));
    assert!(message.contains("over the limit"), "{message}");
    let json = survive(dir.path(), &["--max-file-size", "4M", "big.yaml"]);
    assert_eq!(json["files"][0]["status"], "ok");
}

#[test]
fn binary_and_badly_encoded_files_are_positioned_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "nul.yaml",
        b"apiVersion: v1\nkind: Pod\x00\x00\n",
    );
    write(
        dir.path(),
        "latin1.yaml",
        b"apiVersion: v1\nkind: Pod\nmetadata: {name: caf\xe9}\n",
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("apiVersion: v1\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    write(dir.path(), "utf16.yaml", utf16);
    write(
        dir.path(),
        "Dockerfile",
        b"FROM alpine:3.23\nRUN echo \xff\n",
    );
    let json = survive(dir.path(), &["."]);
    let (rule, line, _, _) = only_diagnostic(&json, "nul.yaml");
    assert_eq!((rule.as_str(), line), ("R001", 2));
    let (rule, line, column, message) = only_diagnostic(&json, "latin1.yaml");
    assert_eq!((rule.as_str(), line, column), ("R001", 3, 21));
    assert!(message.contains("UTF-8"), "{message}");
    let (_, _, _, message) = only_diagnostic(&json, "utf16.yaml");
    assert!(message.contains("UTF-16"), "{message}");
    let (_, line, column, _) = only_diagnostic(&json, "Dockerfile");
    assert_eq!((line, column), (2, 10));
}

#[test]
fn cr_only_line_endings_keep_positions() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pod.yaml",
        "apiVersion: v1\rkind: Pod\rmetadata:\r  name: p\rspec:\r  hostIPC: true\r  containers: []\r",
    );
    let json = survive(dir.path(), &["--select", "K006", "pod.yaml"]);
    let (rule, line, column, _) = only_diagnostic(&json, "pod.yaml");
    assert_eq!((rule.as_str(), line, column), ("K006", 6, 3));
}

#[test]
fn huge_dockerfiles_parse_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut continued = String::from("FROM alpine\nRUN echo a \\\n");
    for _ in 0..100_000 {
        continued.push_str("  b \\\n");
    }
    continued.push_str("  c\n");
    write(dir.path(), "Dockerfile", continued);
    let mut heredocs = String::from("FROM alpine\n");
    for i in 0..10_000 {
        heredocs.push_str(&format!("RUN <<EOF{i}\necho {i}\nEOF{i}\n"));
    }
    write(dir.path(), "heredocs.Dockerfile", heredocs);
    let json = survive(dir.path(), &["--select", "D001", "."]);
    for file in ["Dockerfile", "heredocs.Dockerfile"] {
        let (rule, line, column, _) = only_diagnostic(&json, file);
        assert_eq!((rule.as_str(), line, column), ("D001", 1, 6));
    }
}

#[cfg(unix)]
#[test]
fn fifos_and_symlink_loops_never_block_the_scan() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let made = std::process::Command::new("mkfifo")
        .arg(root.join("pipe.yaml"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    std::fs::create_dir(root.join("loop")).unwrap();
    std::os::unix::fs::symlink(root.join("loop"), root.join("loop/again")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "Dockerfile", "FROM alpine\n");
    std::os::unix::fs::symlink(outside.path().join("Dockerfile"), root.join("Dockerfile")).unwrap();
    write(
        root,
        "pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n",
    );
    let json = survive(root, &["."]);
    let files: Vec<_> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        vec!["pod.yaml"],
        "walking follows no symlink and opens no FIFO"
    );
    let json = survive(root, &["pipe.yaml", "pod.yaml"]);
    let (rule, _, _, message) = only_diagnostic(&json, "pipe.yaml");
    assert_eq!(rule, "R001");
    assert!(message.contains("not a regular file"), "{message}");
}

#[test]
fn fuzz_crashes_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz");
    let json = survive(&dir, &["."]);
    let files = json["files"].as_array().unwrap();
    assert!(files.len() >= 2, "{json}");
    for format in ["human", "sarif", "github", "junit", "checkstyle", "gitlab"] {
        let output = Command::cargo_bin("realtor")
            .unwrap()
            .current_dir(&dir)
            .args(["check", "--format", format, "."])
            .timeout(Duration::from_secs(60))
            .output()
            .expect("run realtor");
        let code = output.status.code();
        assert!(
            matches!(code, Some(0) | Some(1)),
            "{format}: exit {code:?}; stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn a_broken_document_leaves_the_rest_of_the_stream_checked() {
    let dir = tempfile::tempdir().unwrap();
    let pod = |name: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers:\n    - name: c\n      image: nginx\n      securityContext: {{privileged: true}}\n"
        )
    };
    let text = format!(
        "{}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  labels: [unclosed\n---\n{}",
        pod("a"),
        pod("c")
    );
    std::fs::write(dir.path().join("pods.yaml"), &text).unwrap();
    // kubectl reads a flow sequence closed at its parent key's indentation.
    let flow = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: d\nspec:\n  containers:\n    - name: c\n      image: nginx:1.25\n      args: [\n        \"--x\"\n      ]\n      securityContext: {privileged: true}\n";
    std::fs::write(dir.path().join("flow.yaml"), flow).unwrap();
    let json = survive(
        dir.path(),
        &["--select", "R001,K001", "pods.yaml", "flow.yaml"],
    );
    let found: Vec<(String, String, u64)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("flow.yaml", "K001", 12),
        ("pods.yaml", "K001", 9),
        ("pods.yaml", "R001", 16),
        ("pods.yaml", "K001", 25),
    ];
    for (file, rule, line) in expected {
        let wanted = (file.to_string(), rule.to_string(), line);
        assert!(found.contains(&wanted), "{wanted:?} not in {found:?}");
    }
    assert_eq!(found.len(), expected.len(), "{found:?}");
}
