//! Docker Compose files: real ones from docker/awesome-compose (`fixtures/compose/real/`,
//! provenance in `fixtures/compose/PROVENANCE.tsv`) read as the real `docker-compose`
//! reads them, and overrides, `extends` and `build:` followed as Compose follows them.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command as Process;

use common::{at, check_json, diagnostics, places, realtor, repo};
use realtor::formats::compose;
use realtor::input::source::SourceFile;
use realtor::syntax::yaml::{self, Node};
use serde_json::Value;

const REAL: &str = "fixtures/compose/real";

/// The Compose files of the real projects.
fn real_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(repo().join(REAL))
        .unwrap()
        .flat_map(|project| {
            let dir = project.unwrap().path();
            ["compose.yaml", "compose.yml"]
                .into_iter()
                .map(move |name| dir.join(name))
        })
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_real_compose_file_reads_clean_of_parse_and_schema_errors() {
    let (_, json) = check_json(repo(), &[REAL]);
    let compose_files = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "compose")
        .count();
    assert_eq!(compose_files, real_files().len());
    assert_eq!(compose_files, 39);
    assert!(diagnostics(&json, "R001").is_empty(), "{json}");
}

/// What a service says, as comparable text: its image, the container ports it publishes or
/// exposes, its volume targets, its variable names, and its host settings.
fn summary(service: &Node) -> BTreeSet<String> {
    let mut facts = BTreeSet::new();
    let text = |key: &str| service.get(key).and_then(|e| e.value.as_str());
    if let Some(image) = text("image").filter(|i| !i.contains('$')) {
        facts.insert(format!("image {image}"));
    }
    for key in ["privileged", "network_mode", "pid", "ipc"] {
        if let Some(value) = text(key) {
            facts.insert(format!("{key} {}", value.to_ascii_lowercase()));
        }
    }
    let items = |key: &str| {
        service
            .get(key)
            .map(|e| e.value.items())
            .unwrap_or_default()
    };
    for item in items("ports").iter().chain(items("expose")) {
        if let Some(target) = compose::port(item).and_then(|p| p.target) {
            facts.insert(format!("port {target}"));
        }
    }
    for item in items("volumes") {
        if let Some((_, target, _)) = compose::volume(item) {
            // docker-compose drops a trailing `/`; realtor keeps what is written.
            facts.insert(format!("volume {}", target.trim_end_matches('/')));
        }
    }
    for item in items("cap_add") {
        facts.insert(format!("cap_add {}", item.as_str().unwrap_or_default()));
    }
    let environment = service.get("environment").map(|e| &e.value);
    for entry in environment.map(Node::entries).unwrap_or_default() {
        facts.insert(format!("env {}", entry.key.as_str().unwrap_or_default()));
    }
    for item in environment.map(Node::items).unwrap_or_default() {
        let name = item
            .as_str()
            .unwrap_or_default()
            .split('=')
            .next()
            .unwrap_or_default();
        facts.insert(format!("env {name}"));
    }
    facts
}

fn services(text: &str, name: &str) -> Vec<(String, BTreeSet<String>)> {
    let parsed = yaml::parse(&SourceFile::new(name, text));
    let root = &parsed.documents.first().expect("a document").root;
    compose::services(root)
        .iter()
        .map(|service| (service.name.to_string(), summary(service.node)))
        .collect::<Vec<_>>()
}

/// Projects docker-compose 1.29 (Debian's) cannot read, and why: realtor follows the
/// current Compose specification.
const NEWER_THAN_DOCKER_COMPOSE_1: &[(&str, &str)] = &[(
    "react-rust-postgres",
    "a top-level `name:`, which the specification added after docker-compose 1.29",
)];

#[test]
fn services_read_as_the_real_docker_compose_reads_them() {
    let Some(docker_compose) = common::tool("docker-compose") else {
        return;
    };
    let mut compared = 0;
    for file in real_files() {
        let project = file.parent().unwrap();
        let name = project.file_name().unwrap().to_str().unwrap();
        let output = Process::new(&docker_compose)
            .current_dir(project)
            .args(["-f", file.file_name().unwrap().to_str().unwrap(), "config"])
            .output()
            .expect("run docker-compose");
        if let Some((_, why)) = NEWER_THAN_DOCKER_COMPOSE_1.iter().find(|(p, _)| *p == name) {
            assert!(!output.status.success(), "{name}: now read, though {why}");
            continue;
        }
        assert!(
            output.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let mut theirs = services(&String::from_utf8_lossy(&output.stdout), "config.yaml");
        let mut ours = services(&std::fs::read_to_string(&file).unwrap(), "compose.yaml");
        theirs.sort();
        ours.sort();
        assert_eq!(ours, theirs, "{name}: realtor and docker-compose disagree");
        compared += 1;
    }
    assert_eq!(compared, 38);
}

/// A project in a temporary directory: (relative path, text) pairs.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn an_override_merges_onto_its_base_and_findings_land_in_the_file_that_wrote_them() {
    let dir = project(&[
        (
            "compose.yaml",
            "services:\n  web:\n    image: nginx:1.27\n    ports: [\"127.0.0.1:8080:80\"]\n",
        ),
        (
            "compose.override.yaml",
            "services:\n  web:\n    privileged: true\n",
        ),
        (
            "docker-compose.prod.yml",
            "services:\n  web:\n    image: nginx:latest\n",
        ),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "C001,C007", "."]);
    assert_eq!(
        places(&json, "C001"),
        vec![("compose.override.yaml".into(), (3, 17, 3, 21))],
        "the base merged with its override reports the override's line, once"
    );
    assert_eq!(
        places(&json, "C007"),
        vec![("docker-compose.prod.yml".into(), (3, 12, 3, 24))],
        "a -f file is read over its base"
    );
}

#[test]
fn extends_pulls_a_service_from_another_file_with_its_own_lines() {
    let dir = project(&[
        (
            "common/services.yml",
            "services:\n  hardened:\n    image: alpine:3.20\n    cap_add: [SYS_ADMIN]\n    mem_limit: 256m\n",
        ),
        (
            "compose.yaml",
            "services:\n  job:\n    extends:\n      file: common/services.yml\n      service: hardened\n    command: [run]\n",
        ),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "C006,C009", "compose.yaml"]);
    assert_eq!(
        places(&json, "C006"),
        vec![("common/services.yml".into(), (4, 15, 4, 24))]
    );
    assert!(
        places(&json, "C009").is_empty(),
        "the base's mem_limit counts"
    );
    assert_eq!(
        diagnostics(&json, "C006")[0]["workload"],
        "ComposeService job"
    );
}

#[test]
fn a_service_that_builds_carries_the_facts_of_its_dockerfile() {
    let dir = project(&[
        (
            "compose.yaml",
            "services:\n  box:\n    build:\n      context: ./box\n      dockerfile: Containerfile\n    image: acme/box\n",
        ),
        (
            "box/Containerfile",
            "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y openssh-server\nCMD [\"/usr/sbin/sshd\", \"-D\"]\n",
        ),
    ]);
    let output = realtor()
        .current_dir(dir.path())
        .args(["advise", "--format", "json", "compose.yaml"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let workloads = json["workloads"].as_array().unwrap();
    assert_eq!(workloads.len(), 1, "{json}");
    let service = &workloads[0];
    assert_eq!(service["kind"], "ComposeService");
    assert_eq!(service["file"], "compose.yaml");
    assert_eq!(service["recommended"], "vm", "{service}");
    let evidence: Vec<(&str, &str)> = service["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["file"].as_str().unwrap()))
        .collect();
    assert!(
        evidence.contains(&("P114", "box/Containerfile")),
        "the SSH server of the Containerfile decides: {evidence:?}"
    );
}

#[test]
fn a_file_against_the_specification_is_an_error_at_the_offending_key() {
    let dir = project(&[(
        "compose.yaml",
        "services:\n  web:\n    image: nginx:1.27\n    healthcheck: sometimes\n    restart_policy: always\n",
    )]);
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    let errors: Vec<_> = diagnostics(&json, "R001")
        .iter()
        .map(|d| (at(d), d["message"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].0, (4, 18, 4, 27));
    assert_eq!(errors[1].0, (5, 5, 5, 19));
    assert!(
        errors[1]
            .1
            .contains("`restart_policy` is not a key of `services.web`"),
        "{errors:?}"
    );
    assert!(
        !diagnostics(&json, "C009").is_empty(),
        "the rules still run on what could be read"
    );
}

#[test]
fn a_compose_file_with_another_name_is_told_by_its_content() {
    let dir = project(&[(
        "stack.yml",
        "version: \"3.8\"\nservices:\n  cache:\n    image: redis\n",
    )]);
    let (_, json) = check_json(dir.path(), &["--select", "C007", "."]);
    assert_eq!(
        places(&json, "C007"),
        vec![("stack.yml".into(), (4, 12, 4, 17))]
    );
    let shown = Path::new("stack.yml");
    assert_eq!(json["files"][0]["path"], shown.to_str().unwrap());
}

#[test]
fn anchors_and_merge_keys_point_where_the_value_is_written() {
    let dir = project(&[(
        "compose.yaml",
        "x-hardened: &hardened\n  privileged: true\n  mem_limit: 128m\nservices:\n  a:\n    <<: *hardened\n    image: alpine:3.20\n  b:\n    <<: *hardened\n    image: alpine:3.20\n",
    )]);
    let (_, json) = check_json(dir.path(), &["--select", "C001,C009", "."]);
    let workloads: Vec<&str> = diagnostics(&json, "C001")
        .iter()
        .map(|d| d["workload"].as_str().unwrap())
        .collect();
    assert_eq!(workloads, ["ComposeService a", "ComposeService b"]);
    for found in places(&json, "C001") {
        assert_eq!(found, ("compose.yaml".into(), (2, 15, 2, 19)));
    }
    assert!(
        places(&json, "C009").is_empty(),
        "the merged mem_limit counts"
    );
}

#[test]
fn files_a_compose_file_names_are_read_only_when_regular() {
    let dir = project(&[(
        "compose.yaml",
        "services:\n  a:\n    extends: {file: /dev/zero, service: x}\n    image: alpine:3.20\n  b:\n    build: {context: /dev, dockerfile: zero}\n",
    )]);
    let output = realtor()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--select", "C007", "."])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).expect("the run ends with a report");
    assert_eq!(json["files"][0]["kind"], "compose");
}
