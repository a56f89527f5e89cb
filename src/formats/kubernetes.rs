//! Kubernetes objects read from YAML documents: identity (apiVersion, kind, name,
//! namespace), typed decoding with `k8s-openapi` (failures and unknown fields keep their
//! paths), and one pod-spec view for every workload kind.

use k8s_openapi::api::{apps, autoscaling, batch, core, networking, policy, rbac};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::de::DeserializeOwned;

use crate::formats::decode::{DecodeError, Decoded, KeyPath, decode};
use crate::syntax::yaml::{Document, Node, NodeKind, PathSegment, ScalarStyle};

pub use core::v1::{Container, PodSpec};

/// One Kubernetes object: a document, or an item of a `List`.
#[derive(Debug)]
pub struct Object<'a> {
    pub node: &'a Node,
    /// The text of the file the object's spans index, for fixes that edit it.
    pub text: &'a str,
    pub api_version: &'a str,
    pub kind: &'a str,
    pub name: Option<&'a str>,
    pub namespace: Option<&'a str>,
    pub metadata: ObjectMeta,
    pub pod: Option<Pod<'a>>,
    /// Paths (relative to `node`) of keys the schema of a built-in kind does not know.
    pub unknown_fields: Vec<KeyPath>,
    /// Why a built-in kind failed to decode; path relative to `node`.
    pub decode_error: Option<DecodeError>,
    /// How much of the object a schema typed.
    pub schema: Schema,
}

/// Which schema an object was decoded with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    /// A built-in kind at an API version `k8s-openapi` types: the whole object.
    BuiltIn,
    /// A workload kind at an older API version: its metadata and pod spec.
    PodSpec,
    /// Any other kind (custom resources, KubeVirt, kinds realtor does not type): read
    /// generically, identity only.
    Generic,
}

/// The pod template of a workload, typed, with the node it was read from.
#[derive(Debug)]
pub struct Pod<'a> {
    pub spec: PodSpec,
    pub node: &'a Node,
    /// `spec.template.spec` for a Deployment: the path from the object to the pod spec.
    pub path: &'static str,
    pub replicas: Option<i32>,
    /// `ephemeralContainers`, read as containers.
    ephemeral: Vec<Container>,
}

/// Which list a container comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerList {
    Init,
    App,
    Ephemeral,
}

impl ContainerList {
    pub fn key(self) -> &'static str {
        match self {
            ContainerList::Init => "initContainers",
            ContainerList::App => "containers",
            ContainerList::Ephemeral => "ephemeralContainers",
        }
    }
}

/// A container of a pod with the node it was written in. Ephemeral containers are read
/// as [`Container`]s: they have the same fields, minus `targetContainerName`.
#[derive(Debug)]
pub struct ContainerRef<'p> {
    pub list: ContainerList,
    pub name: &'p str,
    pub image: Option<&'p str>,
    pub security_context: Option<&'p core::v1::SecurityContext>,
    pub spec: &'p Container,
    pub node: &'p Node,
}

impl<'a> Pod<'a> {
    /// Every container: init, app and ephemeral, each with its node.
    pub fn containers(&self) -> Vec<ContainerRef<'_>> {
        let nodes = |list: ContainerList| {
            self.node
                .get(list.key())
                .map(|e| e.value.items())
                .unwrap_or_default()
        };
        let lists = [
            (ContainerList::App, self.spec.containers.as_slice()),
            (
                ContainerList::Init,
                self.spec.init_containers.as_deref().unwrap_or_default(),
            ),
            (ContainerList::Ephemeral, self.ephemeral.as_slice()),
        ];
        let mut all = Vec::new();
        for (list, containers) in lists {
            for (spec, node) in containers.iter().zip(nodes(list)) {
                all.push(ContainerRef {
                    list,
                    name: &spec.name,
                    image: spec.image.as_deref(),
                    security_context: spec.security_context.as_ref(),
                    spec,
                    node,
                });
            }
        }
        all
    }
}

fn ephemeral_as_container(e: &core::v1::EphemeralContainer) -> Container {
    Container {
        args: e.args.clone(),
        command: e.command.clone(),
        env: e.env.clone(),
        env_from: e.env_from.clone(),
        image: e.image.clone(),
        image_pull_policy: e.image_pull_policy.clone(),
        lifecycle: e.lifecycle.clone(),
        liveness_probe: e.liveness_probe.clone(),
        name: e.name.clone(),
        ports: e.ports.clone(),
        readiness_probe: e.readiness_probe.clone(),
        resources: e.resources.clone(),
        security_context: e.security_context.clone(),
        startup_probe: e.startup_probe.clone(),
        stdin: e.stdin,
        stdin_once: e.stdin_once,
        termination_message_path: e.termination_message_path.clone(),
        termination_message_policy: e.termination_message_policy.clone(),
        tty: e.tty,
        volume_devices: e.volume_devices.clone(),
        volume_mounts: e.volume_mounts.clone(),
        working_dir: e.working_dir.clone(),
        ..Container::default()
    }
}

/// A node as kubectl sends it to the API server. kubectl reads YAML 1.1 (go-yaml v2), so
/// unquoted `yes`/`no`/`on`/`off`/`y`/`n` (in their three letter cases) are booleans, as
/// is `0644` an octal number (which [`Node::to_value`] already reads); and it turns
/// non-string keys back into strings (`80:` is the key `"80"`, `yes:` the key `"true"`).
/// A boolean or number where the schema wants a string is then an error, as with kubectl.
pub fn kubectl_value(node: &Node) -> serde_yaml::Value {
    use serde_yaml::Value;
    match &node.kind {
        NodeKind::Scalar(scalar) if scalar.style == ScalarStyle::Plain => {
            yaml11_bool(&scalar.text).map_or_else(|| node.to_value(), Value::Bool)
        }
        NodeKind::Scalar(_) => node.to_value(),
        NodeKind::Sequence(items) => Value::Sequence(items.iter().map(kubectl_value).collect()),
        NodeKind::Mapping(entries) => Value::Mapping(
            entries
                .iter()
                .map(|entry| {
                    let key = match kubectl_value(&entry.key) {
                        Value::Bool(b) => Value::String(b.to_string()),
                        Value::Number(n) => Value::String(n.to_string()),
                        Value::Null => Value::String("null".into()),
                        other => other,
                    };
                    (key, kubectl_value(&entry.value))
                })
                .collect(),
        ),
    }
}

/// YAML 1.1 booleans, as go-yaml v2 resolves them.
fn yaml11_bool(text: &str) -> Option<bool> {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => Some(true),
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => Some(false),
        _ => None,
    }
}

/// Why kubectl would reject a plain scalar in a string field, and the fix: for the value
/// at a decode failure that expected a string.
pub fn quoting_hint(node: &Node) -> Option<String> {
    let NodeKind::Scalar(scalar) = &node.kind else {
        return None;
    };
    if scalar.style != ScalarStyle::Plain {
        return None;
    }
    let reads_as = match kubectl_value(node) {
        serde_yaml::Value::Bool(_) => "a boolean",
        serde_yaml::Value::Number(_) => "a number",
        serde_yaml::Value::Null => "null",
        _ => return None,
    };
    Some(format!(
        "kubectl reads the unquoted `{}` as {reads_as} (YAML 1.1): quote it",
        scalar.text
    ))
}

impl Object<'_> {
    /// How findings name the object: `Deployment shop/web`, `Pod web`, or its kind alone.
    pub fn label(&self) -> String {
        match (self.namespace, self.name) {
            (Some(namespace), Some(name)) => format!("{} {namespace}/{name}", self.kind),
            (None, Some(name)) => format!("{} {name}", self.kind),
            _ => self.kind.to_string(),
        }
    }
}

/// True when a document looks like a Kubernetes object (`apiVersion` and `kind`).
pub fn is_object(node: &Node) -> bool {
    node.get("apiVersion").is_some() && node.get("kind").is_some()
}

/// The objects of one document: itself, or the items of a `List`.
pub fn objects<'a>(document: &'a Document, text: &'a str) -> Vec<Object<'a>> {
    let root = &document.root;
    let kind = root
        .get("kind")
        .and_then(|e| e.value.as_str())
        .unwrap_or("");
    if kind == "List" || kind.ends_with("List") && root.get("items").is_some() {
        return root
            .get("items")
            .map(|e| e.value.items())
            .unwrap_or_default()
            .iter()
            .filter(|item| is_object(item))
            .map(|item| object(item, text))
            .collect();
    }
    if is_object(root) {
        vec![object(root, text)]
    } else {
        Vec::new()
    }
}

fn object<'a>(node: &'a Node, source: &'a str) -> Object<'a> {
    let text = |key: &str| node.get(key).and_then(|e| e.value.as_str());
    let metadata_text = |key: &str| {
        node.get("metadata")
            .and_then(|m| m.value.get(key))
            .and_then(|e| e.value.as_str())
    };
    let api_version = text("apiVersion").unwrap_or("");
    let kind = text("kind").unwrap_or("");
    let mut object = Object {
        node,
        text: source,
        api_version,
        kind,
        name: metadata_text("name"),
        namespace: metadata_text("namespace"),
        metadata: ObjectMeta::default(),
        pod: None,
        unknown_fields: Vec::new(),
        decode_error: None,
        schema: Schema::Generic,
    };
    let pod_path = pod_path(kind);
    match decode_builtin(api_version, kind, node) {
        Some(Ok(decoded)) => {
            object.schema = Schema::BuiltIn;
            object.metadata = decoded.value.metadata;
            object.unknown_fields = decoded.unknown_keys;
            if let (Some(spec), Some(path)) = (decoded.value.pod, pod_path) {
                object.pod = pod_at(node, path, spec, decoded.value.replicas);
            }
        }
        Some(Err(error)) => {
            object.schema = Schema::BuiltIn;
            object.decode_error = Some(error);
        }
        None => decode_parts(&mut object, pod_path),
    }
    object
}

/// Objects of a kind we know at an `apiVersion` `k8s-openapi` does not type (deprecated
/// `extensions/v1beta1` workloads): decode metadata and the pod template on their own.
fn decode_parts(object: &mut Object<'_>, pod_path: Option<&'static str>) {
    if let Some(meta) = object.node.get("metadata")
        && let Ok(decoded) = decode::<ObjectMeta>(kubectl_value(&meta.value))
    {
        object.metadata = decoded.value;
    }
    let Some(path) = pod_path else { return };
    object.schema = Schema::PodSpec;
    let prefix = crate::syntax::yaml::parse_path(path);
    let Some(found) = object.node.lookup(&prefix) else {
        return;
    };
    match decode::<PodSpec>(kubectl_value(found.node)) {
        Ok(decoded) => {
            object.unknown_fields = decoded
                .unknown_keys
                .into_iter()
                .map(|p| p.under(&prefix))
                .collect();
            let replicas = object
                .node
                .lookup(&[PathSegment::Key("spec"), PathSegment::Key("replicas")])
                .and_then(|r| r.node.as_str()?.parse().ok());
            object.pod = pod_at(object.node, path, decoded.value, replicas);
        }
        Err(error) => {
            object.decode_error = Some(DecodeError {
                path: error.path.under(&prefix),
                message: error.message,
            })
        }
    }
}

fn pod_at<'a>(
    node: &'a Node,
    path: &'static str,
    spec: PodSpec,
    replicas: Option<i32>,
) -> Option<Pod<'a>> {
    let found = node.lookup(&crate::syntax::yaml::parse_path(path))?;
    let ephemeral = spec.ephemeral_containers.iter().flatten();
    let ephemeral = ephemeral.map(ephemeral_as_container).collect();
    Some(Pod {
        spec,
        ephemeral,
        node: found.node,
        path,
        replicas,
    })
}

/// Where the pod spec sits in a workload kind, whatever its API version.
pub fn pod_path(kind: &str) -> Option<&'static str> {
    match kind {
        "Pod" => Some("spec"),
        "Deployment"
        | "StatefulSet"
        | "DaemonSet"
        | "ReplicaSet"
        | "ReplicationController"
        | "Job" => Some("spec.template.spec"),
        "CronJob" => Some("spec.jobTemplate.spec.template.spec"),
        _ => None,
    }
}

/// KubeVirt kinds: virtual machines declared through Kubernetes.
pub fn is_virtual_machine(api_version: &str, kind: &str) -> bool {
    api_version.starts_with("kubevirt.io/")
        && matches!(kind, "VirtualMachine" | "VirtualMachineInstance")
}

/// What rules need of a typed built-in object.
struct Typed {
    metadata: ObjectMeta,
    pod: Option<PodSpec>,
    replicas: Option<i32>,
}

fn typed<T: DeserializeOwned>(
    value: serde_yaml::Value,
    split: impl FnOnce(T) -> Typed,
) -> Result<Decoded<Typed>, DecodeError> {
    decode::<T>(value).map(|d| Decoded {
        value: split(d.value),
        unknown_keys: d.unknown_keys,
    })
}

fn meta_only(metadata: ObjectMeta) -> Typed {
    Typed {
        metadata,
        pod: None,
        replicas: None,
    }
}

/// Decode a built-in kind at its current API version; `None` for anything else.
/// Decodes `node` as the built-in type of `api_version` and `kind`, or `None` for other
/// kinds, which are then never converted to a value (a large CRD costs nothing here).
fn decode_builtin(
    api_version: &str,
    kind: &str,
    node: &Node,
) -> Option<Result<Decoded<Typed>, DecodeError>> {
    let value = || kubectl_value(node);
    let template = |t: Option<core::v1::PodTemplateSpec>| t.and_then(|t| t.spec);
    Some(match (api_version, kind) {
        ("v1", "Pod") => typed(value(), |p: core::v1::Pod| Typed {
            metadata: p.metadata,
            pod: p.spec,
            replicas: None,
        }),
        ("apps/v1", "Deployment") => typed(value(), |d: apps::v1::Deployment| {
            let spec = d.spec;
            Typed {
                metadata: d.metadata,
                replicas: spec.replicas,
                pod: spec.template.spec,
            }
        }),
        ("apps/v1", "StatefulSet") => typed(value(), |d: apps::v1::StatefulSet| {
            let spec = d.spec;
            Typed {
                metadata: d.metadata,
                replicas: spec.replicas,
                pod: spec.template.spec,
            }
        }),
        ("apps/v1", "DaemonSet") => typed(value(), |d: apps::v1::DaemonSet| {
            let spec = d.spec;
            Typed {
                metadata: d.metadata,
                replicas: None,
                pod: spec.template.spec,
            }
        }),
        ("apps/v1", "ReplicaSet") => typed(value(), |d: apps::v1::ReplicaSet| {
            let spec = d.spec;
            Typed {
                metadata: d.metadata,
                replicas: spec.replicas,
                pod: template(spec.template),
            }
        }),
        ("v1", "ReplicationController") => typed(value(), |d: core::v1::ReplicationController| {
            let spec = d.spec.unwrap_or_default();
            Typed {
                metadata: d.metadata,
                replicas: spec.replicas,
                pod: template(spec.template),
            }
        }),
        ("batch/v1", "Job") => typed(value(), |d: batch::v1::Job| {
            let spec = d.spec.unwrap_or_default();
            Typed {
                metadata: d.metadata,
                replicas: None,
                pod: spec.template.spec,
            }
        }),
        ("batch/v1", "CronJob") => typed(value(), |d: batch::v1::CronJob| {
            let spec = d.spec;
            Typed {
                metadata: d.metadata,
                replicas: None,
                pod: spec.job_template.spec.and_then(|j| j.template.spec),
            }
        }),
        ("v1", "Service") => typed(value(), |o: core::v1::Service| meta_only(o.metadata)),
        ("v1", "ServiceAccount") => {
            typed(value(), |o: core::v1::ServiceAccount| meta_only(o.metadata))
        }
        ("v1", "ConfigMap") => typed(value(), |o: core::v1::ConfigMap| meta_only(o.metadata)),
        ("v1", "Secret") => typed(value(), |o: core::v1::Secret| meta_only(o.metadata)),
        ("v1", "Namespace") => typed(value(), |o: core::v1::Namespace| meta_only(o.metadata)),
        ("v1", "PersistentVolumeClaim") => typed(value(), |o: core::v1::PersistentVolumeClaim| {
            meta_only(o.metadata)
        }),
        ("networking.k8s.io/v1", "Ingress") => {
            typed(value(), |o: networking::v1::Ingress| meta_only(o.metadata))
        }
        ("networking.k8s.io/v1", "NetworkPolicy") => {
            typed(value(), |o: networking::v1::NetworkPolicy| {
                meta_only(o.metadata)
            })
        }
        ("autoscaling/v2", "HorizontalPodAutoscaler") => {
            typed(value(), |o: autoscaling::v2::HorizontalPodAutoscaler| {
                meta_only(o.metadata)
            })
        }
        ("policy/v1", "PodDisruptionBudget") => {
            typed(value(), |o: policy::v1::PodDisruptionBudget| {
                meta_only(o.metadata)
            })
        }
        ("rbac.authorization.k8s.io/v1", "Role") => {
            typed(value(), |o: rbac::v1::Role| meta_only(o.metadata))
        }
        ("rbac.authorization.k8s.io/v1", "RoleBinding") => {
            typed(value(), |o: rbac::v1::RoleBinding| meta_only(o.metadata))
        }
        ("rbac.authorization.k8s.io/v1", "ClusterRole") => {
            typed(value(), |o: rbac::v1::ClusterRole| meta_only(o.metadata))
        }
        ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding") => {
            typed(value(), |o: rbac::v1::ClusterRoleBinding| {
                meta_only(o.metadata)
            })
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
