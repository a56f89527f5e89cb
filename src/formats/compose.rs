//! Docker Compose files as Compose reads them: which YAML is a Compose file, its services,
//! and the merge of override files and `extends` (each merged node keeps the span of the
//! file that wrote it), plus what rules share about ports, volumes and environment lists.
//! YAML anchors, aliases and `<<` merge keys are resolved by the YAML reader; `x-`
//! extensions are kept and ignored, as Compose ignores them.

pub mod schema;

use crate::input::source::Span;
use crate::syntax::yaml::{Entry, Node, NodeKind};

/// The names Compose looks for, in its order of preference.
pub const FILE_NAMES: [&str; 4] = [
    "compose.yaml",
    "compose.yml",
    "docker-compose.yaml",
    "docker-compose.yml",
];

/// The top-level keys of the Compose specification.
const TOP_LEVEL: [&str; 9] = [
    "version", "name", "include", "services", "networks", "volumes", "secrets", "configs", "models",
];

/// Whether a document is a Compose file: a `services` mapping, and no key but the
/// specification's and `x-` extensions (a Kubernetes object has `apiVersion` and `kind`).
pub fn is_compose(root: &Node) -> bool {
    let Some(services) = root.get("services") else {
        return false;
    };
    matches!(services.value.kind, NodeKind::Mapping(_))
        && root.entries().iter().all(|entry| {
            entry
                .key
                .as_str()
                .is_some_and(|key| TOP_LEVEL.contains(&key) || key.starts_with("x-"))
        })
}

/// Whether a file named `name` is an override of the base Compose file beside it: the
/// `compose.override.yaml` Compose reads by itself, or a `docker-compose.prod.yml` given
/// after the base with `-f`.
pub fn is_override(name: &str) -> bool {
    if FILE_NAMES.contains(&name) {
        return false;
    }
    let Some(stem) = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
    else {
        return false;
    };
    ["compose.", "docker-compose."].iter().any(|prefix| {
        stem.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty())
    })
}

/// One service of a Compose file.
#[derive(Debug)]
pub struct Service<'a> {
    pub name: &'a str,
    /// The service's key under `services`.
    pub key: Span,
    pub node: &'a Node,
    /// The whole Compose file, for top-level `secrets`, `volumes` and `networks`.
    pub project: &'a Node,
}

impl<'a> Service<'a> {
    /// The value of a key of the service.
    pub fn get(&self, key: &str) -> Option<&'a Entry> {
        self.node.get(key)
    }

    /// The span of `key`'s value when it is `value` (`privileged: true`).
    pub fn set_to(&self, key: &str, value: &str) -> Option<Span> {
        value_of(self.node, key, value)
    }

    /// A key's value as text.
    pub fn text(&self, key: &str) -> Option<&'a str> {
        self.get(key).and_then(|e| e.value.as_str())
    }

    /// The items of a list key (`ports`, `volumes`, `cap_add`).
    pub fn items(&self, key: &str) -> &'a [Node] {
        self.get(key).map(|e| e.value.items()).unwrap_or_default()
    }

    /// `environment` (or another key Compose takes as a mapping or a `KEY=VALUE` list) as
    /// (name, value, span of the value, or of the whole item when it has no `=`).
    pub fn pairs(&self, key: &str) -> Vec<(&'a str, Option<&'a str>, Span)> {
        let Some(entry) = self.get(key) else {
            return Vec::new();
        };
        match &entry.value.kind {
            NodeKind::Mapping(entries) => entries
                .iter()
                .filter_map(|e| {
                    let name = e.key.as_str()?;
                    Some((name, e.value.as_str(), e.value.span.clone()))
                })
                .collect(),
            NodeKind::Sequence(items) => items
                .iter()
                .filter_map(|item| {
                    let text = item.as_str()?;
                    Some(match text.split_once('=') {
                        Some((name, value)) => (name, Some(value), item.span.clone()),
                        None => (text, None, item.span.clone()),
                    })
                })
                .collect(),
            NodeKind::Scalar(_) => Vec::new(),
        }
    }
}

/// The span of `key`'s value under `node` when it is `value`, in any case: Compose reads
/// `True` as `true`.
pub fn value_of(node: &Node, key: &str, value: &str) -> Option<Span> {
    let entry = node.get(key)?;
    let text = entry.value.as_str()?;
    text.eq_ignore_ascii_case(value)
        .then(|| entry.value.span.clone())
}

/// The services of a Compose file, in the order written.
pub fn services(root: &Node) -> Vec<Service<'_>> {
    root.get("services")
        .map(|e| e.value.entries())
        .unwrap_or_default()
        .iter()
        .filter_map(|entry| {
            Some(Service {
                name: entry.key.as_str()?,
                key: entry.key.span.clone(),
                node: &entry.value,
                project: root,
            })
        })
        .collect()
}

/// A port as Compose publishes it: the host address (`None`: every interface), whether a
/// host port is published at all, and the container port.
#[derive(Debug, PartialEq)]
pub struct Port<'a> {
    pub host_ip: Option<&'a str>,
    pub published: bool,
    pub target: Option<u16>,
}

/// Reads a `ports` item: `"8080"`, `"80:8080"`, `"127.0.0.1:80:8080/tcp"`,
/// `"[::1]:80:8080"`, or the long form with `target`, `published` and `host_ip`.
pub fn port(item: &Node) -> Option<Port<'_>> {
    if let Some(text) = item.as_str() {
        let text = text.split('/').next().unwrap_or(text);
        let (host, target) = match text.rsplit_once(':') {
            Some((host, target)) => (Some(host), target),
            None => (None, text),
        };
        let target = target.split('-').next()?.parse().ok();
        let host_ip = host.and_then(|host| {
            let (ip, _) = host.rsplit_once(':')?;
            Some(ip.trim_start_matches('[').trim_end_matches(']'))
        });
        return Some(Port {
            host_ip: host_ip.filter(|ip| !ip.is_empty()),
            published: host.is_some(),
            target,
        });
    }
    let text = |key: &str| item.get(key).and_then(|e| e.value.as_str());
    Some(Port {
        host_ip: text("host_ip").filter(|ip| !ip.is_empty()),
        published: text("published").is_some(),
        target: text("target")?.parse().ok(),
    })
}

/// A `volumes` item as (source, target, read-only): `"/var/run/docker.sock:/var/run/docker.sock:ro"`,
/// `"data:/var/lib/data"`, or the long form. The source is `None` for an anonymous volume.
pub fn volume(item: &Node) -> Option<(Option<&str>, &str, bool)> {
    if let Some(text) = item.as_str() {
        let parts: Vec<&str> = text.split(':').collect();
        return match parts.as_slice() {
            [target] => Some((None, target, false)),
            [source, target] => Some((Some(source), target, false)),
            [source, target, mode, ..] => {
                Some((Some(source), target, mode.split(',').any(|m| m == "ro")))
            }
            [] => None,
        };
    }
    let text = |key: &str| item.get(key).and_then(|e| e.value.as_str());
    let read_only = text("read_only").is_some_and(|v| v == "true");
    Some((text("source"), text("target")?, read_only))
}

/// Whether a volume source is a path on the host rather than a named volume.
pub fn is_host_path(source: &str) -> bool {
    source.starts_with(['/', '.', '~']) || source.starts_with("${")
}

/// `node` with every span moved by `base`, for a tree read from another file of the
/// check's span space.
pub fn shifted(node: &Node, base: usize) -> Node {
    let kind = match &node.kind {
        NodeKind::Scalar(scalar) => NodeKind::Scalar(scalar.clone()),
        NodeKind::Sequence(items) => {
            NodeKind::Sequence(items.iter().map(|n| shifted(n, base)).collect())
        }
        NodeKind::Mapping(entries) => NodeKind::Mapping(
            entries
                .iter()
                .map(|e| Entry {
                    key: shifted(&e.key, base),
                    value: shifted(&e.value, base),
                })
                .collect(),
        ),
    };
    let mut moved = Node::new(kind, node.span.start + base..node.span.end + base);
    moved.alias_of = node
        .alias_of
        .as_ref()
        .map(|span| Box::new(span.start + base..span.end + base));
    moved
}

/// `over` merged onto `base` as Compose merges an override file or `extends`: mappings
/// key by key; `command`, `entrypoint` and a healthcheck's `test` replaced; `volumes`,
/// `devices`, `secrets` and `configs` by target and `environment`-like lists by name, the
/// later item replacing the earlier; other lists appended without repeats; anything else
/// replaced. `key` is the key both values are under.
pub fn merge(base: &Node, over: &Node, key: &str) -> Node {
    match (&base.kind, &over.kind) {
        (NodeKind::Mapping(entries), NodeKind::Mapping(overrides)) => {
            let mut merged = entries.clone();
            for entry in overrides {
                let name = entry.key.as_str().unwrap_or_default();
                match merged
                    .iter_mut()
                    .find(|e| e.key.as_str() == entry.key.as_str())
                {
                    Some(existing) => existing.value = merge(&existing.value, &entry.value, name),
                    None => merged.push(entry.clone()),
                }
            }
            Node::new(NodeKind::Mapping(merged), over.span.clone())
        }
        (NodeKind::Sequence(items), NodeKind::Sequence(overrides))
            if !matches!(key, "command" | "entrypoint" | "test") =>
        {
            let mut merged = items.clone();
            for item in overrides {
                let same = |other: &Node| match (item_key(key, other), item_key(key, item)) {
                    (Some(a), Some(b)) => a == b,
                    _ => other.to_value() == item.to_value(),
                };
                match merged.iter_mut().find(|other| same(other)) {
                    Some(existing) => *existing = item.clone(),
                    None => merged.push(item.clone()),
                }
            }
            Node::new(NodeKind::Sequence(merged), over.span.clone())
        }
        _ => over.clone(),
    }
}

/// What makes two items of a merged list the same item.
fn item_key(list: &str, item: &Node) -> Option<String> {
    match list {
        "volumes" | "devices" => {
            if let Some(text) = item.as_str() {
                let mut parts = text.split(':');
                let first = parts.next()?;
                return Some(parts.next().unwrap_or(first).to_string());
            }
            item.get("target")?.value.as_str().map(str::to_string)
        }
        "secrets" | "configs" => item.as_str().map(str::to_string).or_else(|| {
            let by = item.get("target").or_else(|| item.get("source"))?;
            by.value.as_str().map(str::to_string)
        }),
        "environment" | "labels" | "annotations" | "sysctls" | "extra_hosts" => {
            let text = item.as_str()?;
            let end = text.find(['=', ':']).unwrap_or(text.len());
            Some(text[..end].to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
