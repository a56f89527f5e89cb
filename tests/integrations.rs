//! Where users run realtor and how they get it: the GitHub Action (`action.yml` against
//! GitHub's schema, its run script under bash, zizmor on it, on the example workflow and on
//! the release workflow), the pre-commit hooks (`pre-commit try-repo` in a throwaway
//! repository), the Python wheel and the image's Dockerfile. The validators come from the
//! venv `.ci/run` installs; see `tests/common/mod.rs` for when a missing one skips.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::repo;

const EXAMPLE_WORKFLOW: &str = "examples/github/realtor.yml";
const RELEASE_WORKFLOW: &str = ".github/workflows/release.yml";

fn run(command: &mut Command) -> Output {
    command.output().expect("run the validator")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn action_and_workflows_match_githubs_schemas() {
    let Some(validator) = common::tool("check-jsonschema") else {
        return;
    };
    for (schema, file) in [
        ("vendor.github-actions", "action.yml"),
        ("vendor.github-workflows", EXAMPLE_WORKFLOW),
        ("vendor.github-workflows", RELEASE_WORKFLOW),
    ] {
        let output = run(Command::new(&validator).current_dir(repo()).args([
            "--builtin-schema",
            schema,
            file,
        ]));
        assert!(output.status.success(), "{file}: {}", text(&output));
    }
}

#[test]
fn zizmor_finds_nothing_at_medium_or_above_in_the_action_and_workflows() {
    let Some(zizmor) = common::tool("zizmor") else {
        return;
    };
    let output = run(Command::new(zizmor).current_dir(repo()).args([
        "--offline",
        "--min-severity",
        "medium",
        "action.yml",
        EXAMPLE_WORKFLOW,
        RELEASE_WORKFLOW,
    ]));
    assert!(output.status.success(), "{}", text(&output));
}

/// The `run` script of the action step named `name`, and the names of its `env` keys.
fn action_step(name: &str) -> (String, Vec<String>) {
    let action: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(repo().join("action.yml")).unwrap()).unwrap();
    let step = action["runs"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no step {name}"));
    let env = step["env"]
        .as_mapping()
        .map(|m| m.keys().map(|k| k.as_str().unwrap().to_string()).collect())
        .unwrap_or_default();
    (step["run"].as_str().unwrap().to_string(), env)
}

#[test]
fn action_scripts_take_inputs_only_through_env() {
    let action = std::fs::read_to_string(repo().join("action.yml")).unwrap();
    let mut in_run = false;
    for line in action.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("run:") {
            in_run = true;
        } else if !line.starts_with("        ") {
            in_run = false;
        }
        if in_run {
            assert!(!line.contains("${{"), "expression inside a script: {line}");
        }
    }
}

#[test]
fn action_run_step_writes_annotations_summary_and_sarif() {
    let (script, env) = action_step("Run realtor");
    assert!(env.contains(&"REALTOR_PATHS".to_string()));
    let dir = tempfile::tempdir().unwrap();
    let outputs = dir.path().join("outputs");
    let summary = dir.path().join("summary.md");
    let sarif = dir.path().join("out dir/realtor.sarif");
    std::fs::create_dir_all(sarif.parent().unwrap()).unwrap();
    let output = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &script])
        .current_dir(repo())
        .env("REALTOR_BIN", env!("CARGO_BIN_EXE_realtor"))
        .env("REALTOR_PATHS", "examples/k8s examples/docker")
        .env("REALTOR_CONFIG", "")
        .env("REALTOR_FAILURE_THRESHOLD", "error")
        .env("REALTOR_OUTPUT_FORMAT", "github")
        .env("REALTOR_SARIF", &sarif)
        .env("REALTOR_SUMMARY", "true")
        .env("REALTOR_ARGS", "--ignore D005")
        .env("GITHUB_OUTPUT", &outputs)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("::error file=examples/k8s/storefront.yaml,line=24,col=13,"));
    assert!(!stdout.contains("D005"), "args reached realtor");
    assert!(stdout.contains("::notice title=realtor::"));
    assert_eq!(std::fs::read_to_string(&outputs).unwrap(), "exit-code=1\n");
    let markdown = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(markdown.matches("### realtor\n").count(), 1, "{markdown}");
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");

    std::fs::remove_file(&summary).unwrap();
    let output = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &script])
        .current_dir(repo())
        .env("REALTOR_BIN", env!("CARGO_BIN_EXE_realtor"))
        .env("REALTOR_PATHS", "examples/inventory")
        .env("REALTOR_OUTPUT_FORMAT", "github")
        .env("REALTOR_FAILURE_THRESHOLD", "none")
        .env("REALTOR_SUMMARY", "false")
        .env("GITHUB_OUTPUT", &outputs)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    assert!(!summary.exists(), "summary: false writes no summary");
    assert!(
        std::fs::read_to_string(&outputs)
            .unwrap()
            .ends_with("exit-code=0\n")
    );
}

/// The cargo target directory the tests were built in (`.../target/debug/deps/<test>`).
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.ancestors()
        .nth(3)
        .expect("target directory")
        .to_path_buf()
}

/// Runs `command`, killing it after `limit`.
fn run_bounded(command: &mut Command, limit: Duration) -> Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("timed out after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    child.wait_with_output().unwrap()
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

const BAD_MANIFEST: &str = "apiVersion: v1
kind: Pod
metadata:
  name: shell
spec:
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
        runAsNonRoot: true
";

/// The same pod with every finding fixed.
const GOOD_MANIFEST: &str = "apiVersion: v1
kind: Pod
metadata:
  name: shell
spec:
  automountServiceAccountToken: false
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: shell
      image: busybox:1.36
      resources:
        requests: {cpu: 100m, memory: 64Mi}
        limits: {memory: 64Mi}
      livenessProbe:
        exec: {command: [\"true\"]}
      readinessProbe:
        exec: {command: [\"true\"]}
      securityContext:
        privileged: false
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities: {drop: [ALL]}
";

#[test]
fn pre_commit_hook_fails_on_findings_and_passes_once_fixed() {
    let Some(pre_commit) = common::tool("pre-commit") else {
        return;
    };
    let project = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let dir = project.path();
    git(dir, &["init", "-q"]);
    std::fs::write(
        dir.join("Dockerfile"),
        "FROM alpine\nUSER 1000\nCMD [\"sh\"]\n",
    )
    .unwrap();
    std::fs::write(dir.join("pod.yaml"), BAD_MANIFEST).unwrap();
    std::fs::create_dir_all(dir.join("chart/templates")).unwrap();
    std::fs::write(
        dir.join("chart/templates/x.yaml"),
        "kind: {{ .Values.kind }}\n",
    )
    .unwrap();
    std::fs::write(dir.join(".pre-commit-config.yaml"), "repos: []\n").unwrap();
    git(dir, &["add", "."]);

    let try_repo = || {
        let mut command = Command::new(&pre_commit);
        command
            .current_dir(dir)
            .args([
                "try-repo",
                repo().to_str().unwrap(),
                "realtor",
                "--all-files",
            ])
            .env("PRE_COMMIT_HOME", home.path())
            .env("CARGO_TARGET_DIR", target_dir().join("pre-commit"))
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256")
            .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "true")
            .env_remove("GITHUB_STEP_SUMMARY")
            .env_remove("REALTOR_FORMAT");
        run_bounded(&mut command, Duration::from_secs(20 * 60))
    };
    let output = try_repo();
    let log = text(&output);
    assert!(!output.status.success(), "{log}");
    assert!(log.contains("untagged-base-image"), "{log}");
    assert!(log.contains("privileged-container"), "{log}");
    assert!(!log.contains(".pre-commit-config.yaml"), "skipped: {log}");
    assert!(
        !log.contains("template"),
        "Helm templates are excluded: {log}"
    );

    std::fs::write(
        dir.join("Dockerfile"),
        "FROM alpine:3.23\nUSER 1000\nCMD [\"sh\"]\n",
    )
    .unwrap();
    std::fs::write(dir.join("pod.yaml"), GOOD_MANIFEST).unwrap();
    git(dir, &["add", "."]);
    let output = try_repo();
    assert!(output.status.success(), "{}", text(&output));
}

/// The Python wheel (`pyproject.toml`, built by maturin): it builds, installs into a fresh
/// virtual environment from the wheel alone (`--no-index`), and the `realtor` it installs
/// gives the same report as the one cargo built. The wheel is built in a target directory
/// of its own, beside the tests' one, so it never waits on the build that runs the tests.
#[test]
fn the_python_wheel_builds_installs_and_runs() {
    let Some(maturin) = common::tool("maturin") else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| repo().join("target"))
        .join("wheel");
    let built = Command::new(&maturin)
        .current_dir(repo())
        .args(["build", "--out"])
        .arg(out.path())
        .arg("--target-dir")
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let wheel = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "whl"))
        .expect("a wheel");
    let venv = out.path().join("venv");
    let status = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .unwrap();
    assert!(status.success());
    let installed = Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--no-index"])
        .arg(&wheel)
        .output()
        .unwrap();
    assert!(
        installed.status.success(),
        "{}",
        String::from_utf8_lossy(&installed.stderr)
    );
    let args = ["check", "--color", "never", "examples/docker/Dockerfile"];
    let from_wheel = Command::new(venv.join("bin/realtor"))
        .current_dir(repo())
        .env("REALTOR_TODAY", common::JUDGED_ON)
        .args(args)
        .output()
        .unwrap();
    let from_cargo = common::realtor()
        .current_dir(repo())
        .args(args)
        .output()
        .unwrap();
    assert_eq!(from_wheel.status.code(), from_cargo.status.code());
    assert_eq!(
        String::from_utf8_lossy(&from_wheel.stdout),
        String::from_utf8_lossy(&from_cargo.stdout)
    );
    assert!(String::from_utf8_lossy(&from_cargo.stdout).contains("D001"));
    pipx_runs_the_wheel(&wheel, &args, &from_cargo);
    python_hook_runs_from_the_wheel(out.path());
}

/// `pipx run` of the wheel (standing in for `pipx run realtor` from PyPI) reports what
/// cargo's build does. pipx runs offline, with the shared libraries `.ci/run` made.
fn pipx_runs_the_wheel(wheel: &Path, args: &[&str], from_cargo: &Output) {
    let Some(pipx) = common::tool("pipx") else {
        return;
    };
    let shared =
        PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cache/realtor/pipx-shared");
    if !shared.join("bin/python").exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing: run .ci/run",
            shared.display()
        );
        eprintln!(
            "skipped: no pipx shared libraries at {} (run .ci/run)",
            shared.display()
        );
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let from_pipx = Command::new(pipx)
        .current_dir(repo())
        .args(["run", "--spec"])
        .arg(wheel)
        .arg("realtor")
        .args(args)
        .env("PIPX_HOME", home.path())
        .env("PIPX_SHARED_LIBS", &shared)
        .env("PIP_NO_INDEX", "1")
        .env("REALTOR_TODAY", common::JUDGED_ON)
        .output()
        .unwrap();
    assert_eq!(
        (
            from_pipx.status.code(),
            String::from_utf8_lossy(&from_pipx.stdout)
        ),
        (
            from_cargo.status.code(),
            String::from_utf8_lossy(&from_cargo.stdout)
        ),
        "{}",
        String::from_utf8_lossy(&from_pipx.stderr)
    );
}

/// The `language: python` hook of `pre-commit-mirror/`, published as a repository of its
/// own, installs realtor from its wheel (here from `wheels`, standing in for PyPI) and runs
/// it, with no cargo on `PATH`.
fn python_hook_runs_from_the_wheel(wheels: &Path) {
    let Some(pre_commit) = common::tool("pre-commit") else {
        return;
    };
    let mirror_text =
        std::fs::read_to_string(repo().join("pre-commit-mirror/pyproject.toml")).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert!(mirror_text.contains(&format!("version = \"{version}\"")));
    assert!(mirror_text.contains(&format!("\"realtor=={version}\"")));
    let mirror = tempfile::tempdir().unwrap();
    for name in [".pre-commit-hooks.yaml", "pyproject.toml"] {
        std::fs::copy(
            repo().join("pre-commit-mirror").join(name),
            mirror.path().join(name),
        )
        .unwrap();
    }
    git(mirror.path(), &["init", "-q"]);
    git(mirror.path(), &["add", "."]);
    git(mirror.path(), &["commit", "-q", "-m", "mirror"]);
    let project = tempfile::tempdir().unwrap();
    git(project.path(), &["init", "-q"]);
    std::fs::write(
        project.path().join("Dockerfile"),
        "FROM alpine\nUSER 1000\nCMD [\"sh\"]\n",
    )
    .unwrap();
    std::fs::write(
        project.path().join(".pre-commit-config.yaml"),
        "repos: []\n",
    )
    .unwrap();
    git(project.path(), &["add", "."]);
    let home = tempfile::tempdir().unwrap();
    let output = Command::new(&pre_commit)
        .current_dir(project.path())
        .args([
            "try-repo",
            mirror.path().to_str().unwrap(),
            "realtor",
            "--all-files",
        ])
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", "/usr/bin:/bin")
        .env("PRE_COMMIT_HOME", home.path().join("pre-commit"))
        .env("PIP_NO_INDEX", "1")
        .env("PIP_FIND_LINKS", wheels)
        // pip reads `PIP_NO_BUILD_ISOLATION=0` as --no-build-isolation: the mirror builds
        // with the setuptools of pre-commit's environment, offline.
        .env("PIP_NO_BUILD_ISOLATION", "0")
        .output()
        .unwrap();
    let log = text(&output);
    assert!(!output.status.success(), "{log}");
    assert!(log.contains("D001 untagged-base-image"), "{log}");
}

/// The Dockerfile of realtor's own image passes every rule, the opt-in ones included (no
/// Docker engine runs here to build it).
#[test]
fn the_image_dockerfile_passes_every_rule() {
    let output = common::realtor()
        .current_dir(repo())
        .args([
            "check",
            "--select",
            "ALL",
            "--format",
            "concise",
            "Dockerfile",
        ])
        .output()
        .unwrap();
    assert_eq!(
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).trim()
        ),
        (Some(0), "")
    );
}

/// The action's install step: a released version comes as the release archive for the
/// runner, checked against `SHA256SUMS` (a mismatch fails the step); a ref that was never
/// released falls back to a cargo build. The release is served from a directory
/// (`REALTOR_RELEASES_URL`), and `cargo` is a stand-in that records how it was called.
#[test]
fn action_install_step_downloads_a_release_checks_it_and_else_builds() {
    let (script, env) = action_step("Install realtor");
    assert!(env.contains(&"REALTOR_ACTION_REF".to_string()));
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases/v9.9.9");
    let name = "realtor-v9.9.9-x86_64-unknown-linux-musl";
    std::fs::create_dir_all(releases.join(name)).unwrap();
    std::fs::copy(
        env!("CARGO_BIN_EXE_realtor"),
        releases.join(name).join("realtor"),
    )
    .unwrap();
    let archive = format!("{name}.tar.gz");
    let packed = Command::new("tar")
        .current_dir(&releases)
        .args(["-czf", &archive, name])
        .status()
        .unwrap();
    assert!(packed.success());
    let sums = Command::new("sha256sum")
        .current_dir(&releases)
        .arg(&archive)
        .output()
        .unwrap();
    std::fs::write(releases.join("SHA256SUMS"), &sums.stdout).unwrap();
    let fake = dir.path().join("fake-bin");
    std::fs::create_dir_all(&fake).unwrap();
    std::fs::write(
        fake.join("cargo"),
        "#!/bin/sh\necho \"$@\" >> \"$CARGO_LOG\"\n",
    )
    .unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(fake.join("cargo"))
        .status()
        .unwrap();
    let cargo_log = dir.path().join("cargo.log");
    let install = |root: &Path, version: &str, action_ref: &str| {
        let path = format!("{}:{}", fake.display(), std::env::var("PATH").unwrap());
        Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &script])
            .env("PATH", path)
            .env("CARGO_LOG", &cargo_log)
            .env(
                "REALTOR_RELEASES_URL",
                format!("file://{}", dir.path().join("releases").display()),
            )
            .env("REALTOR_ROOT", root)
            .env("REALTOR_VERSION", version)
            .env("REALTOR_CACHE_HIT", "")
            .env("REALTOR_REPOSITORY", "realtor-dev/realtor")
            .env("REALTOR_ACTION_REF", action_ref)
            .env("GITHUB_SERVER_URL", "https://github.com")
            .env("GITHUB_ACTION_PATH", repo())
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .output()
            .unwrap()
    };

    let root = dir.path().join("released");
    let output = install(&root, "9.9.9", "");
    assert!(output.status.success(), "{}", text(&output));
    let version = Command::new(root.join("bin/realtor"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("realtor "));
    let released_by_tag = install(&dir.path().join("by-tag"), "", "v9.9.9");
    assert!(
        released_by_tag.status.success(),
        "{}",
        text(&released_by_tag)
    );
    assert!(!cargo_log.exists(), "a release needs no cargo build");

    let sums = std::fs::read_to_string(releases.join("SHA256SUMS")).unwrap();
    std::fs::write(
        releases.join("SHA256SUMS"),
        sums.replacen(|c: char| c.is_ascii_hexdigit(), "0", 8),
    )
    .unwrap();
    let tampered = dir.path().join("tampered");
    let output = install(&tampered, "9.9.9", "");
    assert!(!output.status.success());
    assert!(
        text(&output).contains("does not match the SHA256SUMS"),
        "{}",
        text(&output)
    );
    assert!(!tampered.join("bin/realtor").exists());
    assert!(
        !cargo_log.exists(),
        "a bad checksum is an error, not a reason to build"
    );

    let output = install(&dir.path().join("unreleased"), "", "main");
    assert!(output.status.success(), "{}", text(&output));
    let output = install(&dir.path().join("missing"), "1.2.3", "");
    assert!(output.status.success(), "{}", text(&output));
    let log = std::fs::read_to_string(&cargo_log).unwrap();
    let calls: Vec<&str> = log.lines().collect();
    assert_eq!(calls.len(), 2, "{log}");
    assert!(calls[0].contains("--path"), "{log}");
    assert!(calls[1].contains("--tag v1.2.3"), "{log}");
}

#[test]
fn the_release_builds_wheels_for_every_binary_target_and_publishes_them_with_trusted_publishing() {
    let text = std::fs::read_to_string(repo().join(RELEASE_WORKFLOW)).unwrap();
    let workflow: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let targets = |job: &str| -> Vec<String> {
        let mut found: Vec<String> = workflow["jobs"][job]["strategy"]["matrix"]["include"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|entry| entry["target"].as_str().unwrap().to_string())
            .collect();
        found.sort();
        found
    };
    assert_eq!(targets("wheels"), targets("build"));
    let pypi = &workflow["jobs"]["pypi"];
    assert_eq!(pypi["permissions"]["id-token"], "write");
    let steps = pypi["steps"].as_sequence().unwrap();
    assert!(steps.iter().any(|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("pypa/gh-action-pypi-publish@"))
    }));
    let pyproject = std::fs::read_to_string(repo().join("pyproject.toml")).unwrap();
    assert!(
        pyproject.contains("bindings = \"bin\""),
        "the wheel carries the binary"
    );
}
