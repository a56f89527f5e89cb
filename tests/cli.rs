//! The binary end to end: exit codes, the JSON contract, positions, parse errors,
//! suppressions, configuration, standard input, and the human output's shape.

use serde_json::Value;

mod common;
use common::{at, check_json, diagnostics, places, realtor, repo};

#[test]
fn examples_report_the_acceptance_positions() {
    let (code, json) = check_json(repo(), &["examples"]);
    assert_eq!(code, 1);
    let privileged = diagnostics(&json, "K001");
    assert_eq!(privileged.len(), 1);
    assert_eq!(privileged[0]["file"], "examples/k8s/storefront.yaml");
    assert_eq!(at(privileged[0]), (24, 13, 24, 29));
    assert_eq!(privileged[0]["workload"], "Deployment shop/storefront");
    let untagged = diagnostics(&json, "D001");
    assert_eq!(untagged[0]["file"], "examples/docker/Dockerfile");
    assert_eq!(at(untagged[0]), (1, 6, 1, 12));
    let typo = diagnostics(&json, "V001");
    assert_eq!(typo[0]["file"], "examples/inventory/dc-east.yaml");
    assert_eq!(at(typo[0]), (20, 15, 20, 20));
    assert!(typo[0]["message"].as_str().unwrap().contains("vpcus"));
}

#[test]
fn json_contract_has_its_fields() {
    let (_, json) = check_json(repo(), &["examples"]);
    assert_eq!(json["version"], 1);
    assert_eq!(json["tool"]["name"], "realtor");
    assert_eq!(json["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 5);
    for file in files {
        assert_eq!(file["status"], "ok", "{file}");
    }
    let kinds: Vec<_> = files.iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert!(
        kinds.contains(&"dockerfile")
            && kinds.contains(&"kubernetes")
            && kinds.contains(&"inventory")
    );
    for d in json["diagnostics"].as_array().unwrap() {
        for key in [
            "rule",
            "name",
            "severity",
            "message",
            "help",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
        ] {
            assert!(!d[key].is_null(), "{key} missing in {d}");
        }
    }
    let summary = &json["summary"];
    let count = |s: &str| {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == s)
            .count() as u64
    };
    assert_eq!(summary["files"], 5);
    assert_eq!(summary["errors"].as_u64(), Some(count("error")));
    assert_eq!(summary["warnings"].as_u64(), Some(count("warning")));
    assert_eq!(summary["infos"].as_u64(), Some(count("info")));
}

#[test]
fn broken_files_get_positioned_errors_and_the_rest_is_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: indent\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("Dockerfile"),
        "FROM alpine:3.23\nRUN echo ok\nFROBNICATE now\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("good.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers:\n    - name: c\n      image: nginx:1.27\n",
    )
    .unwrap();
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    let status = |path: &str| {
        json["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == path)
            .map(|f| f["status"].clone())
    };
    assert_eq!(status("broken.yaml"), Some("error".into()));
    assert_eq!(status("Dockerfile"), Some("error".into()));
    assert_eq!(status("good.yaml"), Some("ok".into()));
    let parse_errors = diagnostics(&json, "R001");
    let yaml = parse_errors
        .iter()
        .find(|d| d["file"] == "broken.yaml")
        .expect("YAML parse error");
    assert_eq!(
        (yaml["line"].as_u64(), yaml["severity"].as_str()),
        (Some(5), Some("error"))
    );
    let docker = parse_errors
        .iter()
        .find(|d| d["file"] == "Dockerfile")
        .expect("Dockerfile parse error");
    assert_eq!(at(docker).0, 3);
    assert!(
        docker["message"].as_str().unwrap().contains("FROBNICATE"),
        "{docker}"
    );
    let host_network = diagnostics(&json, "K004");
    assert_eq!(host_network.len(), 1);
    assert_eq!(at(host_network[0]), (6, 3, 6, 20));
}

#[test]
fn a_dockerfile_is_linted_up_to_its_parse_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Dockerfile"),
        "FROM ubuntu\nMAINTAINER me\nRUN echo \"unterminated\nFROBNICATE\n",
    )
    .unwrap();
    let (_, json) = check_json(dir.path(), &["Dockerfile"]);
    assert_eq!(diagnostics(&json, "D001").len(), 1);
    assert_eq!(diagnostics(&json, "D005").len(), 1);
    assert_eq!(diagnostics(&json, "R001").len(), 1);
}

#[test]
fn exit_codes_follow_the_threshold() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Dockerfile"),
        "FROM alpine:3.23\nUSER 1000\nCMD [\"sh\"]\n",
    )
    .unwrap();
    assert_eq!(
        check_json(dir.path(), &["Dockerfile"]).0,
        0,
        "a clean file exits 0"
    );
    std::fs::write(
        dir.path().join("Dockerfile"),
        "FROM alpine\nUSER 1000\nCMD [\"sh\"]\n",
    )
    .unwrap();
    assert_eq!(
        check_json(dir.path(), &["Dockerfile"]).0,
        1,
        "a warning fails at the default threshold"
    );
    assert_eq!(
        check_json(dir.path(), &["Dockerfile", "--failure-threshold", "error"]).0,
        0
    );
    assert_eq!(check_json(dir.path(), &["Dockerfile", "--exit-zero"]).0, 0);
    assert_eq!(
        check_json(dir.path(), &["Dockerfile", "--ignore", "DL3006"]).0,
        0,
        "aliases name rules"
    );
    let missing = realtor()
        .current_dir(dir.path())
        .args(["check", "nowhere"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    let usage = realtor()
        .args(["check", "--format", "nonsense"])
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
    let unknown_rule = realtor()
        .current_dir(dir.path())
        .args(["check", "--select", "Z999"])
        .output()
        .unwrap();
    assert_eq!(unknown_rule.status.code(), Some(2));
}

#[test]
fn suppressions_silence_their_rule_and_unused_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    std::fs::write(
        path.join("Dockerfile"),
        "# realtor ignore=D001\nFROM ubuntu\n# hadolint ignore=DL4000 # legacy image\nMAINTAINER me\n# realtor ignore=D004\n# hadolint ignore=DL3057\nUSER 1000\n",
    )
    .unwrap();
    std::fs::write(
        path.join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    realtor.dev/ignore: \"K005\"\n    ignore-check.kube-linter.io/latest-tag: \"pinned by digest upstream\"\nspec:\n  hostPID: true\n  # realtor ignore=K004\n  hostNetwork: true\n  containers:\n    - name: c\n      image: nginx\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10\n    # realtor ignore=K003\n    - name: sidecar\n      image: busybox:1.36\n",
    )
    .unwrap();
    std::fs::write(
        path.join("inventory.yaml"),
        "apiVersion: realtor.dev/v1\nkind: Inventory\nmachines:\n  - name: a\n    ignore: [missing-os, V002]\n",
    )
    .unwrap();
    let (_, json) = check_json(path, &["."]);
    for rule in ["D001", "D005", "K004", "K005", "K007", "V003"] {
        assert!(
            diagnostics(&json, rule).is_empty(),
            "{rule} was not suppressed: {json}"
        );
    }
    let unused = diagnostics(&json, "R002");
    let places: Vec<_> = unused
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(places, vec![("Dockerfile", 5), ("inventory.yaml", 5)]);
    assert!(unused.iter().all(|d| d["severity"] == "info"));
}

#[test]
fn configuration_sets_levels_and_bad_configuration_exits_2_with_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    std::fs::write(path.join("Dockerfile"), "FROM ubuntu\nUSER 1000\n").unwrap();
    std::fs::write(
        path.join(".realtor.yaml"),
        "rules:\n  untagged-base-image: error\n",
    )
    .unwrap();
    let (code, json) = check_json(path, &["Dockerfile"]);
    assert_eq!(code, 1);
    assert_eq!(diagnostics(&json, "D001")[0]["severity"], "error");
    std::fs::write(
        path.join(".realtor.yaml"),
        "rules:\n  D001: off\nignore-paths: [\"vendor/**\"]\n",
    )
    .unwrap();
    std::fs::create_dir(path.join("vendor")).unwrap();
    std::fs::write(path.join("vendor/Dockerfile"), "FROM alpine\n").unwrap();
    let (code, json) = check_json(path, &["."]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(
        json["files"].as_array().unwrap().len(),
        1,
        "vendor/ is ignored"
    );
    std::fs::write(
        path.join(".realtor.yaml"),
        "rules:\n  D001: off\nfailure-treshold: error\n",
    )
    .unwrap();
    let output = realtor()
        .current_dir(path)
        .args(["check", "Dockerfile"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(".realtor.yaml:3:1: unknown key `failure-treshold`"),
        "{stderr}"
    );
}

#[test]
fn standard_input_is_named_by_stdin_filename() {
    let (code, json) = {
        let output = realtor()
            .args(["check", "--format", "json", "--stdin-filename", "k8s/pod.yaml", "-"])
            .write_stdin("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostIPC: true\n  containers: []\n")
            .output()
            .unwrap();
        (
            output.status.code(),
            serde_json::from_slice::<Value>(&output.stdout).unwrap(),
        )
    };
    assert_eq!(code, Some(1));
    let host_ipc = diagnostics(&json, "K006");
    assert_eq!(host_ipc[0]["file"], "k8s/pod.yaml");
    assert_eq!(at(host_ipc[0]), (6, 3, 6, 16));
}

#[test]
fn walking_skips_unrelated_files_but_named_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("workflow.yaml"), "on: push\njobs: {}\n").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "hello\n").unwrap();
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!((code, json["files"].as_array().unwrap().len()), (0, 0));
    let (code, json) = check_json(dir.path(), &["notes.txt"]);
    assert_eq!(code, 1);
    assert_eq!(diagnostics(&json, "R001")[0]["file"], "notes.txt");
}

#[test]
fn human_output_shows_the_snippet_and_rule() {
    let output = realtor()
        .current_dir(repo())
        .args([
            "check",
            "--color",
            "never",
            "examples/k8s/storefront.yaml",
            "examples/docker/Dockerfile",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stdout));
}

#[test]
fn colour_is_never_used_when_no_color_is_set() {
    let output = realtor()
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .args(["check", "--color", "auto", "examples/docker/Dockerfile"])
        .output()
        .unwrap();
    assert!(!output.stdout.contains(&0x1b), "escape sequences in output");
    let forced = realtor()
        .current_dir(repo())
        .args(["check", "--color", "always", "examples/docker/Dockerfile"])
        .output()
        .unwrap();
    assert!(forced.stdout.contains(&0x1b), "--color always colours");
}

#[test]
fn explain_and_rules_cover_every_rule() {
    let listing = realtor()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: Value = serde_json::from_slice(&listing.stdout).unwrap();
    let rules = rules.as_array().unwrap();
    assert!(rules.len() >= 19);
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        let output = realtor().args(["explain", id]).output().unwrap();
        assert!(output.status.success(), "explain {id}");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            text.starts_with(&format!("{id} {}", rule["name"].as_str().unwrap())),
            "{text}"
        );
        assert!(
            text.contains("## Bad") && text.contains("## Good"),
            "explain {id}: {text}"
        );
    }
    let by_alias = realtor().args(["explain", "DL3006"]).output().unwrap();
    assert!(String::from_utf8_lossy(&by_alias.stdout).starts_with("D001 untagged-base-image"));
    assert_eq!(
        realtor()
            .args(["explain", "nope"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    let table = realtor().arg("rules").output().unwrap();
    assert!(String::from_utf8_lossy(&table.stdout).contains("K001  privileged-container"));
}

#[test]
fn no_arguments_checks_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Containerfile"), "FROM alpine\n").unwrap();
    let output = realtor().current_dir(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("untagged-base-image"));
}

#[test]
fn template_notice_points_at_the_first_template_outside_comments() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deploy.yaml"),
        "# helm template {{ release }}\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-web\n",
    )
    .unwrap();
    let (code, json) = check_json(dir.path(), &["deploy.yaml"]);
    assert_eq!(code, 0);
    let notice = diagnostics(&json, "R003");
    assert_eq!(at(notice[0]), (5, 9, 5, 11));
}

#[test]
fn unknown_keys_with_dots_are_reported_at_their_own_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext: {runAsUser: 1000}\n      securityContext.runAsUser: 0\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("inventory.yaml"),
        "apiVersion: realtor.dev/v1\nkind: Inventory\nmachines:\n  - name: a\n    os.family: linux\n",
    )
    .unwrap();
    let (_, json) = check_json(dir.path(), &["."]);
    let field = diagnostics(&json, "K008");
    assert_eq!(field.len(), 1, "{json}");
    assert_eq!(at(field[0]), (10, 7, 10, 32));
    let key = diagnostics(&json, "V001");
    assert_eq!(key.len(), 1, "{json}");
    assert_eq!(at(key[0]), (5, 5, 5, 14));
}

#[test]
fn cross_file_rules_see_every_file_of_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    std::fs::write(
        path.join("service.yaml"),
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: typo\nspec:\n  selector:\n    app: wbe\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n",
    )
    .unwrap();
    std::fs::write(
        path.join("deployment.yaml"),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      serviceAccountName: web\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\nspec:\n  # realtor ignore=non-existent-service-account\n  serviceAccountName: worker\n  containers:\n    - name: worker\n      image: nginx:1.27\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: batch\nspec:\n  serviceAccountName: batch\n  containers:\n    - name: batch\n      image: nginx:1.27\n",
    )
    .unwrap();
    let (_, json) = check_json(path, &["--select", "K030,K031", "."]);
    let found = |rule: &str| places(&json, rule);
    assert_eq!(
        found("K030"),
        vec![("service.yaml".into(), (14, 3, 14, 11))]
    );
    assert_eq!(
        found("K031"),
        vec![("deployment.yaml".into(), (35, 23, 35, 28))]
    );
    assert!(found("R002").is_empty(), "{json}");
    let service = diagnostics(&json, "K030")[0];
    assert_eq!(service["workload"], "Service typo");
    // Alone, the Service file cannot see the Deployment: both selectors dangle.
    let (_, alone) = check_json(path, &["--select", "K030", "service.yaml"]);
    assert_eq!(diagnostics(&alone, "K030").len(), 2);
}

#[test]
fn json_manifests_are_read_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pod.json"),
        "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": [\n    {\n      \"apiVersion\": \"v1\",\n      \"kind\": \"Pod\",\n      \"metadata\": {\"name\": \"web\"},\n      \"spec\": {\n        \"containers\": [\n          {\"name\": \"web\", \"image\": \"nginx:1.27\",\n           \"securityContext\": {\"privileged\": true}}\n        ]\n      }\n    }\n  ]\n}\n",
    )
    .unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "K001", "pod.json"]);
    assert_eq!(json["files"][0]["kind"], "kubernetes");
    let found = diagnostics(&json, "K001");
    assert_eq!(found.len(), 1, "{json}");
    assert_eq!(at(found[0]), (12, 32, 12, 50));
}

#[test]
fn a_pragma_above_a_container_of_a_pod_template_scopes_to_that_container() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deploy.yaml"),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n        # realtor ignore=no-read-only-root-fs # writes its cache in place\n        - name: cache\n          image: redis:7.4\n      initContainers:\n        - name: setup\n          image: busybox:1.36\n",
    )
    .unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "K009", "deploy.yaml"]);
    let lines: Vec<u64> = diagnostics(&json, "K009")
        .iter()
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![13, 19], "{json}");
    assert!(diagnostics(&json, "R002").is_empty(), "{json}");
}

#[test]
fn yaml_1_1_scalars_are_read_as_kubectl_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: yes\n  volumes:\n    - name: config\n      configMap:\n        name: web\n        defaultMode: 0644\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: on\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: env\nspec:\n  containers:\n    - name: env\n      image: nginx:1.27\n      env:\n        - name: VERBOSE\n          value: no\n",
    )
    .unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "K001,K004", "pod.yaml"]);
    let positions = |rule: &str| -> Vec<(u64, u64, u64, u64)> {
        diagnostics(&json, rule).iter().map(|d| at(d)).collect()
    };
    assert_eq!(positions("K004"), vec![(6, 3, 6, 19)]);
    assert_eq!(positions("K001"), vec![(16, 9, 16, 23)]);
    let errors = diagnostics(&json, "R001");
    assert_eq!(errors.len(), 1, "{json}");
    assert_eq!(at(errors[0]), (28, 18, 28, 20));
    let message = errors[0]["message"].as_str().unwrap();
    assert!(
        message.contains("spec.containers[0].env[0].value")
            && message.contains("kubectl reads the unquoted `no` as a boolean"),
        "{message}"
    );
}

#[test]
fn documents_that_are_not_objects_in_a_manifest_are_reported_at_their_first_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("app.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\nkind: Service\nmetadata:\n  name: b\n---\nmetadata:\n  name: c\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("values.yaml"),
        "replicas: 2\nimage: nginx\n",
    )
    .unwrap();
    let (_, json) = check_json(dir.path(), &["."]);
    let errors: Vec<_> = diagnostics(&json, "R001").iter().map(|d| at(d)).collect();
    assert_eq!(errors, vec![(6, 1, 6, 5), (10, 1, 10, 9)], "{json}");
    assert_eq!(json["files"].as_array().unwrap().len(), 1, "{json}");
}

#[test]
fn no_progress_line_when_standard_error_is_not_a_terminal() {
    let output = realtor()
        .current_dir(repo())
        .args(["check", "examples"])
        .output()
        .unwrap();
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn opt_in_rules_run_only_when_chosen() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("Dockerfile"),
        "FROM debian:12\nRUN true\nRUN false\n",
    )
    .unwrap();
    let fired = |args: &[&str]| {
        let (_, json) = check_json(dir.path(), args);
        let mut ids: Vec<String> = ["D052", "K023", "K024", "K028"]
            .iter()
            .filter(|id| !diagnostics(&json, id).is_empty())
            .map(|id| id.to_string())
            .collect();
        ids.sort();
        ids
    };
    assert!(fired(&[]).is_empty(), "opt-in rules are off by default");
    assert_eq!(fired(&["--select", "K023"]), ["K023"]);
    assert_eq!(
        fired(&["--select", "ALL"]),
        ["D052", "K023", "K024", "K028"]
    );
    std::fs::write(dir.path().join(".realtor.yaml"), "rules:\n  K028: info\n").unwrap();
    assert_eq!(
        fired(&[]),
        ["K028"],
        "a level in the configuration turns one on"
    );
    let (code, json) = check_json(dir.path(), &["--select", "ALL", "--ignore", "K028"]);
    assert_eq!(code, 1);
    assert!(diagnostics(&json, "K028").is_empty());
}
