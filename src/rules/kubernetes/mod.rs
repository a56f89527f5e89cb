//! Kubernetes rules. They judge one object at a time ([`crate::formats::kubernetes::Object`]) and
//! point at the key or value that shows the problem.

family! {
    Kubernetes privileged_container,
    Kubernetes privilege_escalation,
    Kubernetes run_as_non_root,
    Kubernetes host_network,
    Kubernetes host_pid,
    Kubernetes host_ipc,
    Kubernetes latest_tag,
    Kubernetes unknown_field,
    Kubernetes no_read_only_root_fs,
    Kubernetes drop_net_raw,
    Kubernetes docker_sock,
    Kubernetes sensitive_host_mounts,
    Kubernetes unsafe_sysctls,
    Kubernetes unset_cpu_requirements,
    Kubernetes unset_memory_requirements,
    Kubernetes no_anti_affinity,
    Kubernetes mismatching_selector,
    Kubernetes deprecated_api_version,
    Kubernetes env_var_secret,
    Kubernetes writable_host_mount,
    Kubernetes unsafe_proc_mount,
    Kubernetes dangerous_capabilities,
    Kubernetes no_liveness_probe,
    Kubernetes no_readiness_probe,
    Kubernetes automount_service_account_token,
    Kubernetes pull_policy_mutable_tag,
    Kubernetes host_port,
    Kubernetes seccomp_profile_unset,
    Kubernetes run_as_user_root,
    ObjectSet dangling_service,
    ObjectSet non_existent_service_account,
    Kubernetes duplicate_env_var,
    Kubernetes deprecated_service_account_field,
    Kubernetes probe_port,
    Kubernetes job_ttl_seconds_after_finished,
    Kubernetes invalid_port_name,
}

use crate::formats::kubernetes::{Object, Pod};
use crate::input::source::Span;
use crate::rules::{Fix, Report, Safety};
use crate::syntax::yaml::{Node, PathSegment::Key};

/// The object and its pod spec, when the object is a workload.
pub fn workload<'s, 'a>(object: &'s Object<'a>) -> Option<(&'s Object<'a>, &'s Pod<'a>)> {
    object.pod.as_ref().map(|pod| (object, pod))
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
    object: &Object<'_>,
    report: &mut Report<'_>,
    keys: [&str; 3],
    what: &str,
) {
    let Some((_, pod)) = workload(object) else {
        return;
    };
    for container in pod.containers() {
        if container.list == crate::formats::kubernetes::ContainerList::Ephemeral {
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
    object: &Object<'_>,
    report: &mut Report<'_>,
    has_probe: impl Fn(&crate::formats::kubernetes::Container) -> bool,
    what: &str,
) {
    let Some((object, pod)) = workload(object) else {
        return;
    };
    if matches!(object.kind, "Job" | "CronJob") {
        return;
    }
    for container in pod.containers() {
        if container.list != crate::formats::kubernetes::ContainerList::App
            || has_probe(container.spec)
        {
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

/// A fix that sets `path` to `value` under the block mapping `node`: the last key's value
/// is replaced when it is written, else the missing keys are written as nested block
/// mappings, indented as `node`'s keys, after its last line (with the file's line ending).
/// `None` when a mapping on the way is empty or in flow style (`{...}`).
pub fn set_key(
    text: &str,
    node: &Node,
    path: &[&str],
    value: &str,
    (safety, description): (Safety, &str),
) -> Option<Fix> {
    let mut mapping = node;
    let mut rest = path;
    while let [first, tail @ ..] = rest {
        let Some(entry) = mapping.get(first) else {
            break;
        };
        if tail.is_empty() {
            return Some(Fix::replace(
                safety,
                description,
                entry.value.span.clone(),
                value,
            ));
        }
        mapping = &entry.value;
        rest = tail;
    }
    let entries = mapping.entries();
    let (first, last) = (entries.first()?, entries.last()?);
    if text.get(mapping.span.start..)?.starts_with('{') {
        return None;
    }
    let line_start = text[..first.key.span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let indent: String = text[line_start..first.key.span.start]
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let mut end = last.value.span.end.max(last.key.span.end);
    while end > 0 && text.as_bytes()[end - 1] == b'\n' {
        end -= 1;
    }
    let mut line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let eol = if line_end > 0 && text.as_bytes()[line_end - 1] == b'\r' {
        line_end -= 1;
        "\r\n"
    } else {
        "\n"
    };
    let mut insert = String::new();
    for (depth, key) in rest.iter().enumerate() {
        insert.push_str(&format!("{eol}{indent}{}{key}:", "  ".repeat(depth)));
    }
    insert.push_str(&format!(" {value}"));
    Some(Fix::insert(safety, description, line_end, insert))
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
