//! C012 service-sensitive-host-mount: The service mounts a sensitive directory of the host (`/`, `/etc`, `/proc`, ...).

use crate::formats::compose::Service;
use crate::formats::compose;
use crate::rules::kubernetes::sensitive_host_mounts::SENSITIVE;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "C012",
    name: "service-sensitive-host-mount",
    severity: Severity::Error,
    applies_to: AppliesTo::Compose,
    aliases: &[],
    summary: "The service mounts a sensitive directory of the host (`/`, `/etc`, `/proc`, ...).",
    help: "Remove the bind mount, or mount the one file the service needs, read-only.",
    doc: include_str!("../../../rules/compose/C012-service-sensitive-host-mount.md"),
    extra: Extra {
        security_severity: Some("8.0"),
        ..Extra::NONE
    },
};

pub fn check(service: &Service<'_>, report: &mut Report<'_>) {
    for item in service.items("volumes") {
        let Some((Some(source), _, _)) = compose::volume(item) else {
            continue;
        };
        if !compose::is_host_path(source) {
            continue;
        }
        let path = match source.trim_end_matches('/') {
            "" => "/",
            trimmed => trimmed,
        };
        if SENSITIVE.contains(&path) {
            report.at(
                item.span.clone(),
                format!("service `{}` mounts the host's `{path}`", service.name),
            );
        }
    }
}
