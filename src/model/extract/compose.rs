//! The workload of a Docker Compose service: its image (or, with `build:`, the Dockerfile
//! it builds, whose facts the pipeline adds), its PID 1, host access, capabilities, ports,
//! volumes, runtime and `realtor.dev/*` labels.

use crate::formats::compose::{self, Service};
use crate::model::{FactKind, HostNamespace, IsolationNeed, Platform, Workload};
use crate::syntax::yaml::Node;

use super::os_of_image;

pub fn compose(service: &Service<'_>) -> Workload {
    let mut workload = Workload {
        name: service.name.to_string(),
        kind: "ComposeService".into(),
        namespace: service
            .project
            .get("name")
            .and_then(|e| e.value.as_str())
            .map(str::to_string),
        span: service.key.clone(),
        platform: Platform::Container,
        facts: Vec::new(),
    };
    let value = |key: &str| service.get(key).map(|e| &e.value);
    if service.get("build").is_none()
        && let Some(node) = value("image")
        && let Some(image) = node.as_str()
    {
        if let Some(os) = os_of_image(image) {
            workload.add(node.span.clone(), FactKind::Os(os));
        }
        workload.add(node.span.clone(), FactKind::BaseImage(image.to_string()));
    }
    let command: Vec<&Node> = ["entrypoint", "command"]
        .iter()
        .filter_map(|key| value(key))
        .collect();
    if let Some(first) = command.first() {
        let text = command
            .iter()
            .map(|node| match node.as_str() {
                Some(text) => text.to_string(),
                None => words(node),
            })
            .collect::<Vec<_>>()
            .join(" ");
        workload.add(first.span.clone(), FactKind::Init(text));
    }
    if let Some(span) = service.set_to("privileged", "true") {
        workload.add(span, FactKind::Privileged);
    }
    for (key, namespace) in [
        ("network_mode", HostNamespace::Network),
        ("pid", HostNamespace::Pid),
        ("ipc", HostNamespace::Ipc),
    ] {
        if let Some(node) = value(key).filter(|n| n.as_str() == Some("host")) {
            workload.add(node.span.clone(), FactKind::HostNamespace(namespace));
        }
    }
    for item in service.items("cap_add") {
        if let Some(cap) = item.as_str() {
            let cap = cap.to_ascii_uppercase();
            let cap = cap.trim_start_matches("CAP_").to_string();
            workload.add(item.span.clone(), FactKind::AddedCapability(cap));
        }
    }
    for item in service.items("volumes") {
        match compose::volume(item) {
            Some((Some(source), _, read_only)) if compose::is_host_path(source) => {
                let path = source.to_string();
                workload.add(item.span.clone(), FactKind::HostPath { path, read_only });
            }
            Some((Some(_), _, _)) => workload.add(item.span.clone(), FactKind::PersistentVolume),
            _ => {}
        }
    }
    for item in service.items("ports").iter().chain(service.items("expose")) {
        if let Some(target) = compose::port(item).and_then(|p| p.target) {
            workload.add(item.span.clone(), FactKind::ExposedPort(target));
        }
    }
    if let Some(node) = value("runtime")
        && let Some(runtime) = node.as_str()
        && ["gvisor", "runsc", "kata"]
            .iter()
            .any(|s| runtime.contains(s))
    {
        workload.add(
            node.span.clone(),
            FactKind::SandboxRuntime(runtime.to_string()),
        );
    }
    for (name, label, span) in service.pairs("labels") {
        let need = match (name, label) {
            ("realtor.dev/untrusted-code", Some("true")) => IsolationNeed::UntrustedCode,
            ("realtor.dev/multi-tenant", Some("true")) => IsolationNeed::MultiTenant,
            ("realtor.dev/isolation", Some("strong")) => IsolationNeed::Strong,
            _ => continue,
        };
        workload.add(span, FactKind::IsolationNeed(need));
    }
    workload
}

/// The words of a command list, joined.
fn words(node: &Node) -> String {
    node.items()
        .iter()
        .filter_map(Node::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}
