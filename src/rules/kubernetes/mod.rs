//! Kubernetes rules. They judge one object at a time ([`crate::kubernetes::Object`]) and
//! point at the key or value that shows the problem.

pub mod automount_service_account_token;
pub mod dangerous_capabilities;
pub mod dangling_service;
pub mod deprecated_api_version;
pub mod deprecated_service_account_field;
pub mod docker_sock;
pub mod drop_net_raw;
pub mod duplicate_env_var;
pub mod env_var_secret;
pub mod host_ipc;
pub mod host_network;
pub mod host_pid;
pub mod host_port;
pub mod invalid_port_name;
pub mod job_ttl_seconds_after_finished;
pub mod latest_tag;
pub mod mismatching_selector;
pub mod no_anti_affinity;
pub mod no_liveness_probe;
pub mod no_read_only_root_fs;
pub mod no_readiness_probe;
pub mod non_existent_service_account;
pub mod privilege_escalation;
pub mod privileged_container;
pub mod probe_port;
pub mod pull_policy_mutable_tag;
pub mod run_as_non_root;
pub mod run_as_user_root;
pub mod seccomp_profile_unset;
pub mod sensitive_host_mounts;
pub mod unknown_field;
pub mod unsafe_proc_mount;
pub mod unsafe_sysctls;
pub mod unset_cpu_requirements;
pub mod unset_memory_requirements;
pub mod writable_host_mount;

use crate::kubernetes::{Object, Pod};
use crate::rules::{Report, Subject};
use crate::source::Span;
use crate::syntax::yaml::{Node, PathSegment::Key};

/// The object and its pod spec, when the subject is a workload.
pub fn workload<'s, 'a>(subject: &'s Subject<'_, 'a>) -> Option<(&'s Object<'a>, &'s Pod<'a>)> {
    match subject {
        Subject::Kubernetes(object) => object.pod.as_ref().map(|pod| (*object, pod)),
        _ => None,
    }
}

/// Where a setting that is absent belongs: the key of the deepest part of `keys` that is
/// written under `node`, else `fallback` (a container's name, the pod spec's key).
pub fn absent_span(node: &Node, keys: &[&str], fallback: Span) -> Span {
    let mut current = node;
    let mut span = fallback;
    for key in keys {
        let Some(entry) = current.get(key) else { break };
        span = entry.key.span.clone();
        current = &entry.value;
    }
    span
}

/// The key of the pod spec in its object (`spec` of a Pod, `spec` under `template`).
pub fn pod_key_span(object: &Object<'_>, pod: &Pod<'_>) -> Span {
    let path = crate::syntax::yaml::parse_path(pod.path);
    object
        .node
        .lookup(&path)
        .and_then(|found| found.key)
        .unwrap_or_else(|| pod.node.span.clone())
}

/// Pairs of typed items and the nodes they were read from, for a list under `node`.
pub fn with_nodes<'t, T>(
    items: Option<&'t [T]>,
    node: &'t Node,
    key: &str,
) -> Vec<(&'t T, &'t Node)> {
    let nodes = node.get(key).map(|e| e.value.items()).unwrap_or_default();
    items.unwrap_or_default().iter().zip(nodes).collect()
}

/// Report each app and init container of a workload whose `resources.<kind>.<resource>`
/// is not set (`what` names it in the message), at the deepest part of that path written.
pub fn report_unset_resource(
    subject: &Subject<'_, '_>,
    report: &mut Report<'_>,
    keys: [&str; 3],
    what: &str,
) {
    let Some((_, pod)) = workload(subject) else {
        return;
    };
    for container in pod.containers() {
        if container.list == crate::kubernetes::ContainerList::Ephemeral {
            continue;
        }
        let resources = container.spec.resources.as_ref();
        let amounts = match keys[1] {
            "requests" => resources.and_then(|r| r.requests.as_ref()),
            _ => resources.and_then(|r| r.limits.as_ref()),
        };
        if amounts.is_some_and(|m| m.contains_key(keys[2])) {
            continue;
        }
        // A limit without a request sets the request: the API server copies it.
        let limits = resources.and_then(|r| r.limits.as_ref());
        if keys[1] == "requests" && limits.is_some_and(|m| m.contains_key(keys[2])) {
            continue;
        }
        let span = absent_span(container.node, &keys, container_span(container.node));
        report.at(
            span,
            format!("container `{}` has no {what}", container.name),
        );
    }
}

/// Report each app container of a long-running workload (not a Job or CronJob) that has
/// no probe of the kind `has_probe` looks for (`what` names it).
pub fn report_missing_probe(
    subject: &Subject<'_, '_>,
    report: &mut Report<'_>,
    has_probe: impl Fn(&crate::kubernetes::Container) -> bool,
    what: &str,
) {
    let Some((object, pod)) = workload(subject) else {
        return;
    };
    if matches!(object.kind, "Job" | "CronJob") {
        return;
    }
    for container in pod.containers() {
        if container.list != crate::kubernetes::ContainerList::App || has_probe(container.spec) {
            continue;
        }
        report.at(
            container_span(container.node),
            format!("container `{}` has no {what}", container.name),
        );
    }
}

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

/// A capability as runtimes read it: upper case, without the `CAP_` prefix.
pub fn capability(name: &str) -> String {
    let upper = name.to_ascii_uppercase();
    upper.strip_prefix("CAP_").unwrap_or(&upper).to_string()
}
