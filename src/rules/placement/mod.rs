//! Placement rules: container <-> VM advice on the common [`crate::model::Workload`].
//! `P1xx` flag containers that behave like VMs; `P2xx` judge VMs as container candidates.

family! {
    Workload init_system,
    Workload sshd,
    Workload kernel_modules,
    Workload host_control,
    Workload os_services,
    Workload docker_in_docker,
    Workload eol_base_image,
    Workload windows_server_image,
    Workload desktop_session,
    Workload keep_alive,
    Workload unsandboxed_untrusted_code,
    Workload database_without_volume,
    Workload legacy_base_image,
    Workload ssh_server,
    Workload machine_software,
    Workload container_candidate,
    Workload legacy_guest_os,
    Workload unsupported_guest_os,
    Workload desktop_guest,
    Workload out_of_tree_module,
    Workload device_passthrough,
    Workload hardware_bound_licence,
    Workload directory_service,
    Workload shared_disk,
    Workload large_database,
    Workload isolation_requirement,
    Workload stateful_service,
    Workload infrastructure_role,
}
use crate::model::{FactKind, Workload};

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

/// Whether a workload is a node agent: a DaemonSet in a system or monitoring namespace,
/// with a system priority class, that works on its node (a `hostPath` such as `/proc`,
/// `/sys` or `/`, a host namespace, or privilege: node exporters, sysctl setters, CNI
/// and CSI drivers), or named as a CNI/CSI/device-plugin/log/metrics agent; or a Job or
/// CronJob scoped to its node (the host PID namespace, or a `hostPath` of the node's
/// system directories: kube-bench). Node agents are containers by design.
pub fn is_node_agent(workload: &Workload) -> bool {
    if matches!(workload.kind.as_str(), "Job" | "CronJob") {
        return workload.facts.iter().any(|f| match &f.kind {
            FactKind::HostNamespace(crate::model::HostNamespace::Pid) => true,
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
    if workload.kind != "DaemonSet" {
        return false;
    }
    let namespace = workload.namespace.as_deref().unwrap_or("");
    let named = |text: &str| {
        let text = text.to_ascii_lowercase();
        AGENT_WORDS.iter().any(|w| text.contains(w))
    };
    AGENT_NAMESPACES.contains(&namespace)
        || namespace.contains("monitoring")
        || namespace.contains("logging")
        || named(&workload.name)
        || workload.facts.iter().any(|f| match &f.kind {
            FactKind::PriorityClass(class) => {
                matches!(
                    class.as_str(),
                    "system-node-critical" | "system-cluster-critical"
                )
            }
            FactKind::HostPath { .. } | FactKind::Privileged | FactKind::HostNamespace(_) => true,
            FactKind::BaseImage(image) => named(crate::image::ImageRef::parse(image).short_name()),
            _ => false,
        })
}

/// Whether a workload is a container the P1xx rules judge: not a node agent.
pub fn judged_container(workload: &Workload) -> bool {
    workload.platform == crate::model::Platform::Container && !is_node_agent(workload)
}

/// Whether the workload's SSH server serves only SFTP: a file-transfer service, not a
/// machine people log in to.
pub fn sftp_only(workload: &Workload) -> bool {
    workload
        .facts
        .iter()
        .any(|f| matches!(f.kind, crate::model::FactKind::SftpOnly(_)))
}

pub use crate::syntax::programs::programs;

/// The first program of a command line.
pub fn first_program(command: &str) -> Option<&str> {
    programs(command).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::programs;

    #[test]
    fn programs_are_the_commands_run_not_their_arguments() {
        assert_eq!(
            programs("apt-get update && sudo modprobe x; echo sshd"),
            vec!["apt-get", "modprobe", "echo"]
        );
        assert_eq!(
            programs("/usr/bin/env FOO=1 /usr/sbin/sshd -D"),
            vec!["sshd"]
        );
        assert_eq!(programs("sh -c modprobe br_netfilter"), vec!["modprobe"]);
        assert_eq!(programs("exec /sbin/init"), vec!["init"]);
        assert_eq!(
            programs("/usr/bin/tini -s -- supervisord -n"),
            vec!["supervisord"]
        );
        assert_eq!(programs("dumb-init nginx -g daemon off;"), vec!["nginx"]);
        assert_eq!(
            programs("cat << 'EOF' > /bin/mount\nservice rpcbind start\nEOF\nsleep 5"),
            vec!["cat", "sleep"]
        );
        assert!(programs("bash <<EOF\nmodprobe x\nEOF").contains(&"modprobe"));
    }
}
