//! Helpers shared by the integration tests that run outside validators and tools
//! (`check-jsonschema`, `zizmor`, `pre-commit`, `maturin`). `.ci/run` installs them into a
//! venv at `$HOME/.cache/realtor/venv`; when one is missing a test skips with a message,
//! except under CI (`CI` set), where a missing one fails the test.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The day end-of-life is judged against in tests, so that verdicts do not change as
/// releases reach their end of support.
pub const JUDGED_ON: &str = "2026-12-01";

pub fn realtor() -> Command {
    let mut command = Command::cargo_bin("realtor").expect("binary");
    command
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("REALTOR_FORMAT")
        .env("REALTOR_TODAY", JUDGED_ON);
    command
}

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run `realtor check --format json` in `dir` and return (exit code, JSON).
pub fn check_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let output = realtor()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .expect("run realtor");
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (output.status.code().expect("exit code"), json)
}

/// The diagnostics of one rule in a JSON report.
pub fn diagnostics<'a>(json: &'a Value, rule: &str) -> Vec<&'a Value> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == rule)
        .collect()
}

/// A JSON diagnostic's (line, column, end line, end column).
pub fn at(diagnostic: &Value) -> (u64, u64, u64, u64) {
    let n = |k: &str| diagnostic[k].as_u64().expect("number");
    (n("line"), n("column"), n("end_line"), n("end_column"))
}

/// Each diagnostic of `rule` in a JSON report as (file, (line, column, end line, end column)).
pub fn places(json: &Value, rule: &str) -> Vec<(String, (u64, u64, u64, u64))> {
    diagnostics(json, rule)
        .iter()
        .map(|d| (d["file"].as_str().unwrap().to_string(), at(d)))
        .collect()
}

/// The venv `.ci/run` installs the validators into.
pub fn venv_bin() -> Option<PathBuf> {
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache/realtor/venv/bin"))
}

/// A validator from the venv or from `PATH`; `None` (with a message) to skip the test.
pub fn tool(name: &str) -> Option<PathBuf> {
    let in_venv = venv_bin().map(|bin| bin.join(name)).filter(|p| p.is_file());
    let on_path = || {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
    };
    match in_venv.or_else(on_path) {
        Some(path) => Some(path),
        None if std::env::var_os("CI").is_some() => {
            panic!("`{name}` is missing, and CI is set: run .ci/run, which installs it")
        }
        None => {
            eprintln!("skipped: `{name}` not found (run .ci/run to install it)");
            None
        }
    }
}

/// The SARIF 2.1.0 schema of the shared reference data, if present.
pub fn sarif_schema() -> Option<PathBuf> {
    let path = repo().join("../shared/schemas/sarif-2.1.0.json");
    if path.is_file() {
        Some(path)
    } else {
        eprintln!("skipped: {} not found", path.display());
        None
    }
}

/// Copies the directory `from` into `to`, which exists.
pub fn copy_dir(from: &Path, to: &Path) {
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

/// A directory holding a stand-in `helm`: for `helm template DIR` it prints the output
/// recorded in `recorded` for the chart (`NAME.out`, by the directory's name), or the
/// recorded error (`NAME.err`) and fails, and it logs its arguments to `args.log`. It needs
/// nothing else on `PATH`.
pub fn helm_printing(recorded: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let script = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{log}'\n[ \"$1\" = template ] || exit 64\nname=${{2%/}}\nname=${{name##*/}}\nif [ -f '{rec}'/$name.out ]; then exec /bin/cat '{rec}'/$name.out; fi\n/bin/cat '{rec}'/$name.err >&2\nexit 1\n",
        log = dir.path().join("args.log").display(),
        rec = recorded.display(),
    );
    write_program(&dir.path().join("helm"), &script);
    dir
}

/// Writes an executable shell script at `path`.
pub fn write_program(path: &Path, script: &str) {
    std::fs::write(path, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// The directory of `kustomize` or `kubectl` on `PATH`, or `None` (with a message) to
/// skip: neither can be installed from Debian's packages, so a machine without one skips
/// these tests even under CI.
pub fn kustomize_dir() -> Option<PathBuf> {
    let paths = std::env::var_os("PATH").unwrap_or_default();
    let found = ["kustomize", "kubectl"]
        .iter()
        .find_map(|name| std::env::split_paths(&paths).find(|dir| dir.join(name).is_file()));
    if found.is_none() {
        eprintln!("skipped: neither kustomize nor kubectl is on PATH");
    }
    found
}
