//! Placement rules: container <-> VM advice on the common [`crate::model::Workload`].
//! `P1xx` flag containers that behave like VMs; `P2xx` judge VMs as container candidates.

pub mod container_candidate;
pub mod desktop_guest;
pub mod desktop_session;
pub mod device_passthrough;
pub mod directory_service;
pub mod docker_in_docker;
pub mod eol_base_image;
pub mod hardware_bound_licence;
pub mod host_control;
pub mod init_system;
pub mod isolation_requirement;
pub mod keep_alive;
pub mod kernel_modules;
pub mod large_database;
pub mod legacy_guest_os;
pub mod os_services;
pub mod out_of_tree_module;
pub mod shared_disk;
pub mod sshd;
pub mod unsandboxed_untrusted_code;
pub mod unsupported_guest_os;
pub mod windows_server_image;

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

/// Whether a workload is a node agent: a DaemonSet in a system or monitoring namespace,
/// with a system priority class, reading `/proc`, `/sys` or `/` read-only, or named as a
/// CNI/CSI/device-plugin/log/metrics agent. Node agents are containers by design.
pub fn is_node_agent(workload: &Workload) -> bool {
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
            FactKind::HostPath { path, read_only } => {
                *read_only && matches!(path.trim_end_matches('/'), "" | "/proc" | "/sys")
            }
            FactKind::BaseImage(image) => named(crate::image::ImageRef::parse(image).short_name()),
            _ => false,
        })
}

/// Whether a workload is a container the P1xx rules judge: not a node agent.
pub fn judged_container(workload: &Workload) -> bool {
    workload.platform == crate::model::Platform::Container && !is_node_agent(workload)
}

/// Programs that start another program as PID 1 and reap zombies, but supervise nothing.
const INIT_SHIMS: &[&str] = &["tini", "dumb-init", "catatonit", "docker-init"];

/// The programs a command line runs: the first word of each simple command (split on
/// `;`, `&`, `|` and line breaks), past variable assignments and `sudo`/`exec`/`env`
/// wrappers, as basenames; `sh -c "..."` scripts are followed.
pub fn programs(command: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for simple in command.split([';', '&', '|', '\n', '(', ')']) {
        let mut words = simple
            .split_whitespace()
            .map(|w| w.trim_matches(['"', '\'', '[', ']', ',']))
            .filter(|w| !w.is_empty() && !w.contains('='));
        while let Some(word) = words.next() {
            let program = word.rsplit('/').next().unwrap_or(word);
            match program {
                "sudo" | "exec" | "env" | "nohup" => continue,
                shim if INIT_SHIMS.contains(&shim) => {
                    while words.clone().next().is_some_and(|w| w.starts_with('-')) {
                        words.next();
                    }
                    continue;
                }
                "sh" | "bash" | "ash" | "dash" => {
                    if words.next() == Some("-c") {
                        continue;
                    }
                    found.push(program);
                }
                _ => found.push(program),
            }
            break;
        }
    }
    found
}

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
    }
}
