//! The helper commands: shell completions, the man page, `init`, and `--version`.

mod common;

use std::process::Command;

use common::{realtor, repo};

#[test]
fn completions_name_the_subcommands_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef realtor"),
        ("fish", "complete -c realtor"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = realtor().args(["completions", shell]).output().unwrap();
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        assert!(script.contains(marker), "{shell}: {marker}");
        for word in ["check", "explain", "baseline", "sarif"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    let output = realtor().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn bash_completion_script_is_valid_bash() {
    let output = realtor().args(["completions", "bash"]).output().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("realtor.bash");
    std::fs::write(&script, output.stdout).unwrap();
    let status = Command::new("bash").arg("-n").arg(&script).status();
    match status {
        Ok(status) => assert!(status.success()),
        Err(e) => eprintln!("skipped: bash not runnable ({e})"),
    }
}

#[test]
fn man_page_is_roff_with_the_commands() {
    let output = realtor().arg("man").output().unwrap();
    assert!(output.status.success());
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.contains(".TH realtor 1"));
    assert!(page.contains(".SH NAME"));
    assert!(page.contains("completions"));
}

#[test]
fn init_writes_a_config_that_checks_use_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let output = realtor()
        .current_dir(dir.path())
        .arg("init")
        .output()
        .unwrap();
    assert!(output.status.success());
    let written = std::fs::read_to_string(dir.path().join(".realtor.yaml")).unwrap();
    assert!(written.contains("failure-threshold: warning"));
    assert!(written.lines().filter(|l| l.starts_with('#')).count() >= 5);

    std::fs::write(
        dir.path().join("Dockerfile"),
        "FROM alpine:3.23\nUSER 1000\n",
    )
    .unwrap();
    let output = realtor()
        .current_dir(dir.path())
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "the written config loads");

    let output = realtor()
        .current_dir(dir.path())
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--force"));
    let output = realtor()
        .current_dir(dir.path())
        .args(["init", "--force"])
        .output()
        .unwrap();
    assert!(output.status.success());
}

#[test]
fn init_template_validates_against_the_published_schema() {
    let Some(validator) = common::tool("check-jsonschema") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    realtor()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .success();
    let status = Command::new(&validator)
        .arg("--schemafile")
        .arg(repo().join("schemas/config-v1.json"))
        .arg(dir.path().join(".realtor.yaml"))
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::write(dir.path().join("bad.yaml"), "failure-treshold: warning\n").unwrap();
    let status = Command::new(&validator)
        .arg("--schemafile")
        .arg(repo().join("schemas/config-v1.json"))
        .arg(dir.path().join("bad.yaml"))
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "an unknown key fails the schema");
}

#[test]
fn version_names_the_git_commit_when_built_from_git() {
    let output = realtor().arg("--version").output().unwrap();
    let version = String::from_utf8(output.stdout).unwrap();
    let expected = format!("realtor {}", env!("CARGO_PKG_VERSION"));
    assert!(version.starts_with(&expected), "{version}");
    let head = Command::new("git")
        .current_dir(repo())
        .args(["rev-parse", "--short=12", "HEAD"])
        .output();
    match head {
        Ok(head) if head.status.success() => {
            let commit = String::from_utf8(head.stdout).unwrap();
            assert_eq!(version.trim(), format!("{expected} ({})", commit.trim()));
        }
        _ => assert_eq!(version.trim(), expected),
    }
}
