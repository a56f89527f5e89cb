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

use crate::model::Workload;

/// Whether a workload is a container the P1xx rules judge: not a node agent.
pub fn judged_container(workload: &Workload) -> bool {
    workload.platform == crate::model::Platform::Container && !workload.is_node_agent()
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
