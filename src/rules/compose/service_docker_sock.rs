//! C005 service-docker-sock: The service mounts the container runtime's socket (`/var/run/docker.sock`).

use crate::formats::compose::Service;
use crate::formats::compose;
use crate::rules::kubernetes::docker_sock::RUNTIME_SOCKETS;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "C005",
    name: "service-docker-sock",
    severity: Severity::Error,
    applies_to: AppliesTo::Compose,
    aliases: &[],
    summary: "The service mounts the container runtime's socket (`/var/run/docker.sock`).",
    help: "Do not mount the runtime socket; use a socket proxy that allows only the calls the service needs.",
    doc: include_str!("../../../rules/compose/C005-service-docker-sock.md"),
    extra: Extra {
        security_severity: Some("8.8"),
        ..Extra::NONE
    },
};

pub fn check(service: &Service<'_>, report: &mut Report<'_>) {
    for item in service.items("volumes") {
        let Some((Some(source), _, _)) = compose::volume(item) else {
            continue;
        };
        let path = source.trim_end_matches('/');
        if RUNTIME_SOCKETS.iter().any(|socket| path.ends_with(socket)) {
            report.at(
                item.span.clone(),
                format!(
                    "service `{}` mounts the runtime socket `{path}`",
                    service.name
                ),
            );
        }
    }
}
