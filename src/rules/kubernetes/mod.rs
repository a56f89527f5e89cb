//! Kubernetes rules. They judge one object at a time ([`crate::kubernetes::Object`]) and
//! point at the key or value that shows the problem.

pub mod host_ipc;
pub mod host_network;
pub mod host_pid;
pub mod latest_tag;
pub mod privilege_escalation;
pub mod privileged_container;
pub mod run_as_non_root;
pub mod unknown_field;

use crate::kubernetes::Object;
use crate::rules::Report;
use crate::source::Span;
use crate::syntax::yaml::{Node, PathSegment::Key};

/// The span of the value at `keys` under `node`, when it is written there.
pub fn value_span(node: &Node, keys: &[&str]) -> Option<Span> {
    let path: Vec<_> = keys.iter().map(|k| Key(k)).collect();
    node.lookup(&path).map(|found| found.node.span.clone())
}

/// The span of `key: value` at `keys` under `node`, from the key to the end of the value.
pub fn entry_span(node: &Node, keys: &[&str]) -> Option<Span> {
    let path: Vec<_> = keys.iter().map(|k| Key(k)).collect();
    let found = node.lookup(&path)?;
    let start = found.key.map_or(found.node.span.start, |k| k.start);
    Some(start..found.node.span.end)
}

/// The span that names a container: its `name` value, else the container itself.
pub fn container_span(node: &Node) -> Span {
    value_span(node, &["name"]).unwrap_or_else(|| node.span.clone())
}

/// Report a pod-level host namespace (`hostNetwork`, `hostPID`, `hostIPC`) set to true.
pub fn check_host_namespace(object: &Object<'_>, key: &str, report: &mut Report<'_>) {
    let Some(pod) = &object.pod else { return };
    let enabled = match key {
        "hostNetwork" => pod.spec.host_network,
        "hostPID" => pod.spec.host_pid,
        _ => pod.spec.host_ipc,
    };
    if enabled == Some(true)
        && let Some(span) = entry_span(pod.node, &[key])
    {
        report.at(
            span,
            format!("`{key}: true` shares the node's namespace with the pod"),
        );
    }
}
