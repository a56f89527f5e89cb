//! K036 invalid-port-name: a port name is not a valid service name (at most 15 lowercase letters, digits and `-`).

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

use crate::syntax::yaml::PathSegment::Key;

/// An IANA service name, as Kubernetes validates port names.
fn is_service_name(name: &str) -> bool {
    (1..=15).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && name.bytes().any(|b| b.is_ascii_lowercase())
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
}

pub static META: RuleMeta = RuleMeta {
    id: "K036",
    name: "invalid-port-name",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["invalid-target-ports"],
    summary: "A port name is not a valid service name (at most 15 lowercase letters, digits and `-`).",
    help: "Rename the port: at most 15 characters, lowercase letters, digits and single hyphens, with at least one letter.",
    doc: include_str!("../../../rules/kubernetes/K036-invalid-port-name.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    if let Some(pod) = &object.pod {
        for container in pod.containers() {
            let ports = container.spec.ports.as_deref();
            for (port, node) in super::with_nodes(ports, container.node, "ports") {
                if let Some(name) = port.name.as_deref()
                    && !is_service_name(name)
                    && let Some(span) = super::value_span(node, &["name"])
                {
                    report.at(
                        span,
                        format!(
                            "port name `{name}` of container `{}` is not a valid service name",
                            container.name
                        ),
                    );
                }
            }
        }
    }
    if object.kind != "Service" {
        return;
    }
    let ports = object.node.lookup(&[Key("spec"), Key("ports")]);
    for port in ports.map(|p| p.node.items()).unwrap_or_default() {
        let Some(target) = port.get("targetPort") else {
            continue;
        };
        let Some(name) = target.value.as_str() else {
            continue;
        };
        if name.parse::<i64>().is_err() && !is_service_name(name) {
            report.at(
                target.value.span.clone(),
                format!("target port `{name}` is not a valid port name"),
            );
        }
    }
}
