//! Node agents: DaemonSets and node-scoped Jobs that are containers by design, whatever
//! host access they take. The advisor keeps them containers and the placement rules leave
//! them alone.

use super::{FactKind, HostNamespace, Workload};

/// Namespaces where node agents live.
const AGENT_NAMESPACES: &[&str] = &[
    "kube-system",
    "monitoring",
    "logging",
    "observability",
    "calico-system",
    "cilium",
    "gpu-operator",
    "istio-system",
    "linkerd",
];

/// Words in a DaemonSet's name or image that say what kind of node agent it is.
const AGENT_WORDS: &[&str] = &[
    "agent",
    "exporter",
    "cni",
    "csi",
    "device-plugin",
    "fluent",
    "promtail",
    "filebeat",
    "vector",
    "log",
    "metrics",
    "collector",
    "kube-proxy",
    "calico",
    "cilium",
    "flannel",
    "driver",
];

/// Host directories a node-scoped tool reads (kube-bench's `/etc/kubernetes`,
/// `/var/lib/kubelet`), matched with their subdirectories; `/` itself counts too.
const NODE_DIRECTORIES: &[&str] = &[
    "/proc",
    "/sys",
    "/etc",
    "/var/lib/kubelet",
    "/var/lib/etcd",
    "/usr/bin",
    "/lib/modules",
    "/var/log",
    "/run",
];

impl Workload {
    /// Whether a workload is a node agent: a DaemonSet in a system or monitoring namespace,
    /// with a system priority class, that works on its node (a `hostPath` such as `/proc`,
    /// `/sys` or `/`, a host namespace, or privilege: node exporters, sysctl setters, CNI
    /// and CSI drivers), or named as a CNI/CSI/device-plugin/log/metrics agent; or a Job or
    /// CronJob scoped to its node (the host PID namespace, or a `hostPath` of the node's
    /// system directories: kube-bench). Node agents are containers by design.
    pub fn is_node_agent(&self) -> bool {
        if matches!(self.kind.as_str(), "Job" | "CronJob") {
            return self.facts.iter().any(|f| match &f.kind {
                FactKind::HostNamespace(HostNamespace::Pid) => true,
                FactKind::HostPath { path, .. } => {
                    path == "/"
                        || NODE_DIRECTORIES.iter().any(|dir| {
                            path.strip_prefix(dir)
                                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
                        })
                }
                _ => false,
            });
        }
        if self.kind != "DaemonSet" {
            return false;
        }
        let namespace = self.namespace.as_deref().unwrap_or("");
        let named = |text: &str| {
            let text = text.to_ascii_lowercase();
            AGENT_WORDS.iter().any(|w| text.contains(w))
        };
        AGENT_NAMESPACES.contains(&namespace)
            || namespace.contains("monitoring")
            || namespace.contains("logging")
            || named(&self.name)
            || self.facts.iter().any(|f| match &f.kind {
                FactKind::PriorityClass(class) => {
                    matches!(
                        class.as_str(),
                        "system-node-critical" | "system-cluster-critical"
                    )
                }
                FactKind::HostPath { .. } | FactKind::Privileged | FactKind::HostNamespace(_) => {
                    true
                }
                FactKind::BaseImage(image) => {
                    named(crate::formats::image::ImageRef::parse(image).short_name())
                }
                _ => false,
            })
    }
}
