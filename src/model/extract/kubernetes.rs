//! The workload of a Kubernetes object that runs something: a pod-bearing workload (its
//! pod spec's containers, host access, volumes and runtime class) or a KubeVirt VM.

use crate::formats::kubernetes::{Object, Pod};
use crate::model::{FactKind, HostNamespace, IsolationNeed, OsFact, Platform, Workload};
use crate::syntax::yaml::{Node, PathSegment::Key};

use super::os_of_image;

/// A Kubernetes object that runs something: a pod-bearing workload or a KubeVirt VM.
pub fn kubernetes(object: &Object<'_>) -> Option<Workload> {
    let platform =
        if crate::formats::kubernetes::is_virtual_machine(object.api_version, object.kind) {
            Platform::Vm
        } else if object.pod.is_some() {
            Platform::Container
        } else {
            return None;
        };
    let metadata = object.node.get("metadata").map(|e| &e.value);
    let span = metadata
        .and_then(|m| m.get("name"))
        .map_or_else(|| object.node.span.clone(), |e| e.value.span.clone());
    let mut workload = Workload {
        name: object.name.unwrap_or("").to_string(),
        kind: object.kind.to_string(),
        namespace: object.namespace.map(str::to_string),
        span,
        platform,
        facts: Vec::new(),
    };
    if let Some(annotations) = metadata.and_then(|m| m.get("annotations")) {
        for entry in annotations.value.entries() {
            let need = match (entry.key.as_str(), entry.value.as_str()) {
                (Some("realtor.dev/untrusted-code"), Some("true")) => IsolationNeed::UntrustedCode,
                (Some("realtor.dev/multi-tenant"), Some("true")) => IsolationNeed::MultiTenant,
                (Some("realtor.dev/isolation"), Some("strong")) => IsolationNeed::Strong,
                _ => continue,
            };
            workload.add(entry.value.span.clone(), FactKind::IsolationNeed(need));
        }
    }
    if let Some(pod) = &object.pod {
        pod_facts(pod, &mut workload);
    }
    if platform == Platform::Vm {
        let vmi = if object.kind == "VirtualMachineInstance" {
            object.node.get("spec").map(|e| &e.value)
        } else {
            object
                .node
                .lookup(&[Key("spec"), Key("template"), Key("spec")])
                .map(|found| found.node)
        };
        if let Some(vmi) = vmi {
            kubevirt_facts(vmi, &mut workload);
        }
    }
    let claim_templates = object
        .node
        .lookup(&[Key("spec"), Key("volumeClaimTemplates")])
        .map(|found| found.node.items())
        .unwrap_or_default();
    for template in claim_templates {
        workload.add(template.span.clone(), FactKind::PersistentVolume);
    }
    Some(workload)
}

fn pod_facts(pod: &Pod<'_>, workload: &mut Workload) {
    let at = |keys: &[&str], node: &Node| {
        let path: Vec<_> = keys.iter().map(|k| Key(k)).collect();
        node.lookup(&path).map(|found| found.node.span.clone())
    };
    for (key, namespace) in [
        ("hostNetwork", HostNamespace::Network),
        ("hostPID", HostNamespace::Pid),
        ("hostIPC", HostNamespace::Ipc),
    ] {
        let on = match namespace {
            HostNamespace::Network => pod.spec.host_network,
            HostNamespace::Pid => pod.spec.host_pid,
            HostNamespace::Ipc => pod.spec.host_ipc,
        };
        if let (Some(true), Some(span)) = (on, at(&[key], pod.node)) {
            workload.add(span, FactKind::HostNamespace(namespace));
        }
    }
    if let (Some(class), Some(span)) = (
        &pod.spec.runtime_class_name,
        at(&["runtimeClassName"], pod.node),
    ) {
        let sandboxed = ["gvisor", "runsc", "kata"]
            .iter()
            .any(|s| class.contains(s));
        if sandboxed {
            workload.add(span, FactKind::SandboxRuntime(class.clone()));
        }
    }
    if let (Some(class), Some(span)) = (
        &pod.spec.priority_class_name,
        at(&["priorityClassName"], pod.node),
    ) {
        workload.add(span, FactKind::PriorityClass(class.clone()));
    }
    let volume_list = pod.node.get("volumes").map(|e| e.value.items());
    for (volume, node) in pod
        .spec
        .volumes
        .iter()
        .flatten()
        .zip(volume_list.unwrap_or_default())
    {
        let outlives_pod = volume.persistent_volume_claim.is_some()
            || volume.nfs.is_some()
            || volume.csi.is_some()
            || volume.cinder.is_some()
            || volume.gce_persistent_disk.is_some()
            || volume.aws_elastic_block_store.is_some()
            || volume.azure_disk.is_some()
            || volume.azure_file.is_some()
            || volume.iscsi.is_some()
            || volume.rbd.is_some()
            || volume.cephfs.is_some()
            || volume.glusterfs.is_some()
            || volume.fc.is_some();
        if outlives_pod {
            workload.add(node.span.clone(), FactKind::PersistentVolume);
        }
    }
    let volumes = pod.spec.volumes.iter().flatten();
    let volume_nodes = pod
        .node
        .get("volumes")
        .map(|e| e.value.items())
        .unwrap_or_default();
    for (volume, node) in volumes.zip(volume_nodes) {
        let Some(host_path) = &volume.host_path else {
            continue;
        };
        let Some(span) = at(&["hostPath", "path"], node) else {
            continue;
        };
        let mounts = pod
            .spec
            .containers
            .iter()
            .flat_map(|c| c.volume_mounts.iter().flatten());
        let read_only = mounts
            .filter(|m| m.name == volume.name)
            .all(|m| m.read_only == Some(true));
        workload.add(
            span,
            FactKind::HostPath {
                path: host_path.path.clone(),
                read_only,
            },
        );
    }
    for container in pod.containers() {
        let node = container.node;
        if let (Some(image), Some(span)) = (container.image, at(&["image"], node)) {
            if let Some(os) = os_of_image(image) {
                workload.add(span.clone(), FactKind::Os(os));
            }
            workload.add(span, FactKind::BaseImage(image.to_string()));
        }
        let words = |key: &str| {
            node.get(key).map(|e| {
                e.value
                    .items()
                    .iter()
                    .filter_map(Node::as_str)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        };
        let (command, args) = (words("command"), words("args"));
        let text = [command, args]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(span) = at(&["command"], node).or_else(|| at(&["args"], node)) {
            workload.add(span, FactKind::Init(text.clone()));
        }
        let node_setup = container.list == crate::formats::kubernetes::ContainerList::Init
            && is_node_setup(&text);
        if let Some(context) = container.security_context {
            if let (Some(true), Some(span), false) = (
                context.privileged,
                at(&["securityContext", "privileged"], node),
                node_setup,
            ) {
                workload.add(span, FactKind::Privileged);
            }
            let added = at(&["securityContext", "capabilities", "add"], node);
            if added.is_some() {
                let items = node
                    .lookup(&[Key("securityContext"), Key("capabilities"), Key("add")])
                    .map(|found| found.node.items())
                    .unwrap_or_default();
                for item in items {
                    if let Some(cap) = item.as_str() {
                        let cap = cap.to_ascii_uppercase();
                        let cap = cap.trim_start_matches("CAP_").to_string();
                        workload.add(item.span.clone(), FactKind::AddedCapability(cap));
                    }
                }
            }
        }
        for port in node
            .get("ports")
            .map(|e| e.value.items())
            .unwrap_or_default()
        {
            if let Some(found) = port.lookup(&[Key("containerPort")])
                && let Some(number) = found.node.as_str().and_then(|n| n.parse().ok())
            {
                workload.add(found.node.span.clone(), FactKind::ExposedPort(number));
            }
        }
    }
}

/// What a KubeVirt VM spec (`VirtualMachineInstanceSpec`) says about its guest: passed-
/// through GPUs, host devices and SR-IOV interfaces, CPU and memory, the OS of a `containerDisk` image, and,
/// without one, Windows when the domain turns on Hyper-V enlightenments
/// (`domain.features.hyperv`), which KubeVirt's Windows templates alone set.
fn kubevirt_facts(vmi: &Node, workload: &mut Workload) {
    let items = |keys: &[&str]| {
        let path: Vec<_> = keys.iter().map(|k| Key(k)).collect();
        vmi.lookup(&path)
            .map(|found| found.node.items())
            .unwrap_or_default()
    };
    for (keys, kind) in [
        (&["domain", "devices", "gpus"], "gpu"),
        (&["domain", "devices", "hostDevices"], "pci"),
    ] {
        for device in items(keys) {
            workload.add(device.span.clone(), FactKind::Passthrough(kind.into()));
        }
    }
    for interface in items(&["domain", "devices", "interfaces"]) {
        if let Some(sriov) = interface.get("sriov") {
            let kind = FactKind::Passthrough("virtual-function (SR-IOV) network".into());
            workload.add(sriov.key.span.clone(), kind);
        }
    }
    let number = |keys: &[&str]| {
        let path: Vec<_> = keys.iter().map(|k| Key(k)).collect();
        vmi.lookup(&path).and_then(|found| {
            let value = found.node.as_str()?;
            Some((found.node.span.clone(), value))
        })
    };
    if let Some((span, cores)) = number(&["domain", "cpu", "cores"])
        && let Ok(cores) = cores.parse::<u32>()
    {
        let times = |key: &str| {
            number(&["domain", "cpu", key])
                .and_then(|(_, v)| v.parse::<u32>().ok())
                .unwrap_or(1)
        };
        workload.add(
            span,
            FactKind::Vcpus(cores * times("sockets") * times("threads")),
        );
    }
    let memory = number(&["domain", "memory", "guest"])
        .or_else(|| number(&["domain", "resources", "requests", "memory"]));
    if let Some((span, quantity)) = memory
        && let Some(mib) = quantity_mib(quantity)
    {
        workload.add(span, FactKind::MemoryMiB(mib));
    }
    for volume in items(&["volumes"]) {
        if let Some(found) = volume.lookup(&[Key("containerDisk"), Key("image")])
            && let Some(os) = found.node.as_str().and_then(os_of_image)
        {
            workload.add(found.node.span.clone(), FactKind::Os(os));
        }
    }
    let has_os = workload
        .facts
        .iter()
        .any(|f| matches!(f.kind, FactKind::Os(_)));
    if !has_os && let Some(found) = vmi.lookup(&[Key("domain"), Key("features"), Key("hyperv")]) {
        let os = OsFact {
            family: Some("windows".into()),
            distro: None,
            version: None,
        };
        let span = found.key.unwrap_or_else(|| found.node.span.clone());
        workload.add(span, FactKind::Os(os));
    }
}

/// Programs a privileged init container runs to prepare its node for the app
/// (`sysctl -w vm.max_map_count=262144`, `chown` of a data directory), then exits.
const NODE_SETUP_PROGRAMS: &[&str] = &[
    "sysctl", "chown", "chmod", "mkdir", "ulimit", "echo", "touch", "ln", "cp", "true",
];

/// Whether an init container's command only prepares the node: it runs before the app
/// and is gone once it has, so its privilege does not make the workload a machine.
fn is_node_setup(command: &str) -> bool {
    let programs = crate::syntax::programs::programs(command);
    !programs.is_empty()
        && programs
            .iter()
            .all(|p| NODE_SETUP_PROGRAMS.contains(p) || matches!(*p, "sh" | "bash"))
}

/// A Kubernetes memory quantity (`2Gi`, `512Mi`, `4G`) in MiB.
fn quantity_mib(quantity: &str) -> Option<u64> {
    let digits = quantity
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(quantity.len());
    let (value, unit) = quantity.split_at(digits);
    let value: f64 = value.parse().ok()?;
    let bytes_per_unit = match unit {
        "" => 1.0,
        "Ki" => 1024.0,
        "Mi" => 1024.0 * 1024.0,
        "Gi" => 1024.0 * 1024.0 * 1024.0,
        "Ti" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        "k" | "K" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        _ => return None,
    };
    Some((value * bytes_per_unit / (1024.0 * 1024.0)).round() as u64)
}

#[cfg(test)]
mod tests {
    use super::quantity_mib;

    #[test]
    fn memory_quantities_are_read_in_mib() {
        assert_eq!(quantity_mib("2Gi"), Some(2048));
        assert_eq!(quantity_mib("512Mi"), Some(512));
        assert_eq!(quantity_mib("1.5Gi"), Some(1536));
        assert_eq!(quantity_mib("4G"), Some(3815));
        assert_eq!(quantity_mib("lots"), None);
    }
}
