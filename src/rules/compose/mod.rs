//! Docker Compose rules. They judge one service at a time ([`crate::formats::compose::Service`]),
//! after override files and `extends` are merged, and point at the key or value that shows
//! the problem, in whichever file wrote it.

family! {
    Compose privileged_service,
    Compose service_host_network,
    Compose service_host_pid,
    Compose service_host_ipc,
    Compose service_docker_sock,
    Compose service_dangerous_capabilities,
    Compose service_latest_tag,
    Compose service_no_healthcheck,
    Compose service_unset_memory_limit,
    Compose service_env_secret,
    Compose database_port_exposed,
    Compose service_sensitive_host_mount,
}

use crate::formats::compose::Service;
use crate::rules::Report;

/// Report `key: host` (`network_mode`, `pid`, `ipc`): the service shares the host's
/// `namespace` namespace.
pub fn check_host_namespace(
    service: &Service<'_>,
    key: &str,
    namespace: &str,
    report: &mut Report<'_>,
) {
    if let Some(span) = service.set_to(key, "host") {
        report.at(
            span,
            format!(
                "service `{}` shares the host's {namespace} namespace",
                service.name
            ),
        );
    }
}
