//! Helm charts and kustomize overlays, checked as their tools render them, with each
//! finding traced back to the line a user edits.
//!
//! kustomize: the real `kubectl kustomize` (or `kustomize`) renders the springboot example
//! of kubernetes-sigs/kustomize. Helm cannot be installed on the machines these tests run
//! on (no Debian package, no download), so a stand-in `helm` on `PATH` prints what the real
//! `helm template` printed for the same charts: the golden files of helm's own test suite
//! (`fixtures/rendered/helm/recorded/`, provenance in `fixtures/rendered/PROVENANCE.tsv`).
//! realtor runs it exactly as it runs helm, through the same code path.

mod common;

use std::path::Path;

use common::{diagnostics, places, realtor, repo};
use serde_json::Value;

/// A directory holding a stand-in `helm` that prints the recorded `helm template` output
/// of the chart it is given (its directory name), or the recorded error, and logs its
/// arguments to `args.log`; it needs nothing else on `PATH`.
fn helm_stand_in() -> tempfile::TempDir {
    common::helm_printing(&repo().join("fixtures/rendered/helm/recorded"))
}

/// `realtor check --format json ARGS` in the repository with `PATH` set to `path`.
fn check(path: &[&Path], args: &[&str]) -> (i32, Value) {
    let output = realtor()
        .current_dir(repo())
        .env("PATH", std::env::join_paths(path).unwrap())
        .args(["check", "--format", "json", "--select", "ALL"])
        .args(args)
        .output()
        .expect("run realtor");
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code().unwrap(), json)
}

const HELM: &str = "fixtures/rendered/helm";

#[test]
fn a_value_from_values_yaml_is_reported_there_with_the_template_line_as_related() {
    let helm = helm_stand_in();
    let chart = format!("{HELM}/chart-with-template-lib-dep");
    let (code, json) = check(&[helm.path()], &[&chart]);
    assert_eq!(code, 1);
    let values = format!("{chart}/values.yaml");
    let template = format!("{chart}/templates/deployment.yaml");
    // `resources:` is followed by `{{ toYaml .Values.resources | indent 12 }}`, and
    // values.yaml says `resources: {}`: the fix goes there.
    assert_eq!(
        places(&json, "K014"),
        vec![(values.clone(), (32, 1, 32, 10))]
    );
    let related = &diagnostics(&json, "K014")[0]["related"][0];
    assert_eq!(related["file"], template);
    assert_eq!(
        (&related["line"], &related["column"]),
        (&Value::from(38), &Value::from(11))
    );
    // The container is written by `- name: {{ .Chart.Name }}`: the template line.
    assert_eq!(
        places(&json, "K003"),
        vec![(template.clone(), (23, 11, 23, 34))]
    );
    // `image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"` reads two values:
    // neither alone is the rendered `nginx:stable`, so no value is claimed.
    for d in json["diagnostics"].as_array().unwrap() {
        assert!(
            d["file"] == template || d["file"] == values,
            "every finding is in the chart's own files: {d}"
        );
    }
}

#[test]
fn a_literal_in_a_template_is_reported_at_its_line_and_subcharts_are_rendered_not_walked() {
    let helm = helm_stand_in();
    let chart = format!("{HELM}/subchart");
    let (_, json) = check(&[helm.path()], &[&chart]);
    let test_pod = format!("{chart}/templates/tests/test-nothing.yaml");
    // `image: "alpine:latest"` in the template, quotes included, as in the rendered output.
    assert_eq!(
        places(&json, "K007"),
        vec![(test_pod.clone(), (10, 14, 10, 29))]
    );
    // Three `name:` keys in the template and in the rendered Pod: the second is the
    // container's.
    assert_eq!(places(&json, "K003"), vec![(test_pod, (9, 13, 9, 17))]);
    // The CRD is not rendered by `helm template` (no --include-crds): it is checked as a
    // file; the templates of subcharts are not checked on their own.
    let files: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            format!("{chart}/Chart.yaml"),
            format!("{chart}/crds/crdA.yaml")
        ]
    );
}

#[test]
fn helm_values_and_set_reach_helm_in_order() {
    let helm = helm_stand_in();
    let chart = format!("{HELM}/subchart");
    let values = format!("{chart}/extra_values.yaml");
    check(
        &[helm.path()],
        &[
            "--helm-values",
            &values,
            "--helm-set",
            "service.name=apache",
            &chart,
        ],
    );
    let log = std::fs::read_to_string(helm.path().join("args.log")).unwrap();
    assert_eq!(
        log.lines().collect::<Vec<_>>(),
        [
            "template",
            &chart,
            "--values",
            &values,
            "--set",
            "service.name=apache"
        ]
    );
}

#[test]
fn a_chart_helm_cannot_render_is_a_positioned_error_and_the_run_goes_on() {
    let helm = helm_stand_in();
    let broken = format!("{HELM}/chart-with-template-with-invalid-yaml");
    let fine = format!("{HELM}/chart-with-template-lib-dep");
    let (code, json) = check(&[helm.path()], &[&broken, &fine]);
    assert_eq!(code, 1);
    let errors = diagnostics(&json, "R001");
    assert_eq!(errors.len(), 1, "{json}");
    assert_eq!(
        errors[0]["file"],
        format!("{broken}/templates/alpine-pod.yaml")
    );
    assert_eq!(
        errors[0]["message"],
        "`helm template` failed: YAML parse error on chart-with-template-with-invalid-yaml/templates/alpine-pod.yaml: error converting YAML to JSON: yaml: line 11: could not find expected ':'"
    );
    assert!(
        !diagnostics(&json, "K014").is_empty(),
        "the other chart is checked"
    );
}

#[test]
fn without_helm_a_chart_is_one_notice_at_its_name() {
    let empty = tempfile::tempdir().unwrap();
    let chart = format!("{HELM}/chart-with-template-lib-dep");
    for args in [vec![chart.as_str()], vec!["--no-render", chart.as_str()]] {
        let (code, json) = check(&[empty.path()], &args);
        assert_eq!(code, 0, "a notice is info: {json}");
        assert_eq!(
            places(&json, "R003"),
            vec![(format!("{chart}/Chart.yaml"), (4, 7, 4, 34))],
            "{args:?}"
        );
        assert_eq!(json["diagnostics"].as_array().unwrap().len(), 1, "{json}");
        let message = diagnostics(&json, "R003")[0]["message"].as_str().unwrap();
        assert!(message.contains("4 template(s)"), "{message}");
    }
}

#[test]
fn sarif_of_a_rendered_chart_is_valid_with_related_locations() {
    let (Some(validator), Some(schema)) =
        (common::tool("check-jsonschema"), common::sarif_schema())
    else {
        return;
    };
    let helm = helm_stand_in();
    let out = helm.path().join("chart.sarif");
    let output = realtor()
        .current_dir(repo())
        .env("PATH", helm.path())
        .args(["check", "--format", "sarif", "--output"])
        .arg(&out)
        .arg(format!("{HELM}/chart-with-template-lib-dep"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let related = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|r| r.get("relatedLocations"))
        .expect("a result with related locations");
    assert_eq!(
        related[0]["physicalLocation"]["artifactLocation"]["uri"],
        format!("{HELM}/chart-with-template-lib-dep/templates/deployment.yaml")
    );
    let status = std::process::Command::new(validator)
        .arg("--schemafile")
        .arg(schema)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "SARIF fails the schema");
}

const SPRINGBOOT: &str = "fixtures/rendered/kustomize/springboot";

#[test]
fn an_overlay_is_rendered_by_kustomize_and_findings_land_in_its_base_or_patch() {
    let Some(tool) = common::kustomize_dir() else {
        return;
    };
    let overlay = format!("{SPRINGBOOT}/overlays/production");
    let (code, json) = check(&[&tool], &[&overlay]);
    assert_eq!(code, 1);
    let base = format!("{SPRINGBOOT}/base/deployment.yaml");
    let patch = format!("{overlay}/memorylimit_patch.yaml");
    // The container is declared in the base, which says nothing of running as root.
    assert_eq!(
        places(&json, "K003"),
        vec![(base.clone(), (17, 17, 17, 23))]
    );
    // The memory patch writes `requests:` with no CPU: reported there...
    assert_eq!(places(&json, "K014"), vec![(patch, (14, 13, 14, 21))]);
    // ...and its memory limit silences K015, which the base alone has.
    assert!(places(&json, "K015").is_empty(), "{json}");
    assert_eq!(places(&json, "K007"), vec![(base, (18, 18, 18, 33))]);
    let deployment = &diagnostics(&json, "K003")[0];
    assert_eq!(deployment["workload"], "Deployment production-sbdemo");
}

#[test]
fn a_base_checked_alone_and_in_its_overlays_is_reported_once() {
    let Some(tool) = common::kustomize_dir() else {
        return;
    };
    let (_, json) = check(&[&tool], &[SPRINGBOOT]);
    let base = format!("{SPRINGBOOT}/base/deployment.yaml");
    assert_eq!(places(&json, "K003"), vec![(base, (17, 17, 17, 23))]);
}

#[test]
fn rendered_objects_take_part_in_the_rules_over_the_whole_set() {
    let Some(tool) = common::kustomize_dir() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&repo().join(SPRINGBOOT), dir.path());
    let overlay = dir.path().join("overlays/production");
    std::fs::write(
        overlay.join("account_patch.yaml"),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: sbdemo\nspec:\n  template:\n    spec:\n      serviceAccountName: builder\n",
    )
    .unwrap();
    let kustomization = overlay.join("kustomization.yaml");
    let text = std::fs::read_to_string(&kustomization).unwrap();
    let text = text.replace("patches:\n", "patches:\n- path: account_patch.yaml\n");
    std::fs::write(&kustomization, text).unwrap();
    let consumer = dir.path().join("consumer.yaml");
    std::fs::write(
        &consumer,
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: consumer\nspec:\n  selector:\n    app: sbdemo\n  ports:\n    - port: 80\n",
    )
    .unwrap();
    let (consumer, overlay) = (consumer.to_str().unwrap(), overlay.to_str().unwrap());

    let (_, alone) = check(&[&tool], &[consumer]);
    assert_eq!(places(&alone, "K030").len(), 1, "no pods, alone: {alone}");
    let (_, json) = check(&[&tool], &[overlay, consumer]);
    assert_eq!(
        places(&json, "K030"),
        vec![],
        "the overlay's pods are the consumer's"
    );
    let patch = format!("{overlay}/account_patch.yaml");
    assert_eq!(places(&json, "K031"), vec![(patch, (8, 27, 8, 34))]);
    assert_eq!(
        diagnostics(&json, "K031")[0]["workload"],
        "Deployment production-sbdemo"
    );
}

#[test]
fn an_overlay_kustomize_cannot_build_is_an_error_at_the_entry_it_names() {
    let Some(tool) = common::kustomize_dir() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("kustomization.yaml"),
        "resources:\n  - deployment.yaml\n  - missing-service.yaml\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("deployment.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
    )
    .unwrap();
    let output = realtor()
        .current_dir(dir.path())
        .env("PATH", &tool)
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        places(&json, "R001"),
        vec![("kustomization.yaml".into(), (3, 5, 3, 25))]
    );
    let message = diagnostics(&json, "R001")[0]["message"].as_str().unwrap();
    assert!(message.contains("missing-service.yaml"), "{message}");
}

#[test]
fn without_kustomize_or_kubectl_overlays_are_one_notice_each() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    std::fs::create_dir(path.join("overlay")).unwrap();
    std::fs::write(
        path.join("overlay/kustomization.yaml"),
        "# no kind: older overlays leave it out\nresources:\n  - ../base\nimages:\n  - name: web\n    newTag: latest\n",
    )
    .unwrap();
    std::fs::write(
        path.join("overlay/Kustomization"),
        "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: p.yaml\n",
    )
    .unwrap();
    let empty = tempfile::tempdir().unwrap();
    let output = realtor()
        .current_dir(path)
        .env("PATH", empty.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        places(&json, "R003"),
        vec![
            ("overlay/Kustomization".into(), (2, 7, 2, 16)),
            ("overlay/kustomization.yaml".into(), (2, 1, 2, 10)),
        ]
    );
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 2, "{json}");
}

#[test]
fn each_overlay_is_a_workload_declared_where_its_base_declares_it() {
    let Some(tool) = common::kustomize_dir() else {
        return;
    };
    let output = realtor()
        .current_dir(repo())
        .env("PATH", &tool)
        .args(["advise", "--format", "json", SPRINGBOOT])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let workloads: Vec<(&str, &str, u64)> = json["workloads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["name"].as_str().unwrap(),
                w["file"].as_str().unwrap(),
                w["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let base = format!("{SPRINGBOOT}/base/deployment.yaml");
    assert_eq!(
        workloads,
        [
            ("sbdemo", base.as_str(), 4),
            ("production-sbdemo", base.as_str(), 4),
            ("staging-sbdemo", base.as_str(), 4)
        ],
        "the base rendered by its own kustomization is the same workload as the base file"
    );
}

/// `realtor check --format json --select RULE NAME` on a chart `NAME` made of `files` (with
/// a `Chart.yaml`), which the stand-in helm renders as `rendered`.
fn check_recorded_chart(name: &str, files: &[(&str, &str)], rendered: &str, rule: &str) -> Value {
    let work = tempfile::tempdir().unwrap();
    let chart = work.path().join(name);
    std::fs::create_dir_all(chart.join("templates")).unwrap();
    let manifest = format!("apiVersion: v2\nname: {name}\nversion: 0.1.0\n");
    for (path, text) in [("Chart.yaml", manifest.as_str())].iter().chain(files) {
        std::fs::write(chart.join(path), text).unwrap();
    }
    let recorded = work.path().join("recorded");
    std::fs::create_dir(&recorded).unwrap();
    std::fs::write(recorded.join(format!("{name}.out")), rendered).unwrap();
    let helm = common::helm_printing(&recorded);
    let output = realtor()
        .current_dir(work.path())
        .env("PATH", helm.path())
        .args(["check", "--format", "json", "--select", rule, name])
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn a_finding_no_source_line_explains_stays_in_the_rendered_output_and_says_so() {
    // A chart whose template writes `privileged` twice while the rendered Pod holds it
    // three times (a `range`): which line rendered which cannot be known. The output is
    // shaped exactly as `helm template` writes it.
    let json = check_recorded_chart(
        "loop",
        &[(
            "templates/pod.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: loop\nspec:\n  containers:\n  {{- range .Values.workers }}\n    - name: {{ . }}\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n  {{- end }}\n    - name: main\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n",
        )],
        "---\n# Source: loop/templates/pod.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: loop\nspec:\n  containers:\n    - name: a\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n    - name: b\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n    - name: main\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n",
        "K001",
    );
    let found = places(&json, "K001");
    let rendered = "loop (helm template)".to_string();
    assert_eq!(
        found,
        vec![
            (rendered.clone(), (12, 9, 12, 25)),
            (rendered.clone(), (16, 9, 16, 25)),
            (rendered, (20, 9, 20, 25)),
        ],
        "{json}"
    );
    let message = diagnostics(&json, "K001")[0]["message"].as_str().unwrap();
    assert!(
        message.ends_with("(in the output of `helm template loop`, Pod loop: no line of its sources could be traced)"),
        "{message}"
    );
}

#[test]
fn a_set_finding_no_source_line_explains_says_so_too() {
    // The template writes the Service's spec from a string value: no line of the chart
    // writes its `selector`, which matches no pod.
    let json = check_recorded_chart(
        "svc",
        &[
            (
                "values.yaml",
                "spec: \"selector:\\n  app: nothing\\nports:\\n  - port: 80\"\n",
            ),
            (
                "templates/service.yaml",
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\nspec:\n  {{- .Values.spec | nindent 2 }}\n",
            ),
        ],
        "---\n# Source: svc/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc\nspec:\n  selector:\n    app: nothing\n  ports:\n    - port: 80\n",
        "K030",
    );
    assert_eq!(
        places(&json, "K030"),
        vec![("svc (helm template)".to_string(), (8, 3, 8, 11))],
        "{json}"
    );
    let message = diagnostics(&json, "K030")[0]["message"].as_str().unwrap();
    assert!(
        message.ends_with("(in the output of `helm template svc`, Service svc: no line of its sources could be traced)"),
        "{message}"
    );
}

#[test]
fn a_renderer_that_hangs_is_stopped_and_reported() {
    let work = tempfile::tempdir().unwrap();
    let chart = work.path().join("slow");
    std::fs::create_dir_all(chart.join("templates")).unwrap();
    std::fs::write(
        chart.join("Chart.yaml"),
        "apiVersion: v2\nname: slow\nversion: 0.1.0\n",
    )
    .unwrap();
    let bin = work.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    common::write_program(&bin.join("helm"), "#!/bin/sh\nexec /bin/sleep 60\n");
    let started = std::time::Instant::now();
    let output = realtor()
        .current_dir(work.path())
        .env("PATH", &bin)
        .env("REALTOR_RENDER_TIMEOUT", "1")
        .args(["check", "--format", "json", "slow"])
        .output()
        .unwrap();
    assert!(started.elapsed().as_secs() < 30, "the renderer was stopped");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors = diagnostics(&json, "R001");
    assert_eq!(errors.len(), 1, "{json}");
    assert_eq!(
        errors[0]["message"],
        "`helm template` failed: helm did not finish within 1 s and was stopped"
    );
}
