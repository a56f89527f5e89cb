//! K034 probe-port: a probe checks a port the container does not expose.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

use crate::formats::kubernetes::ContainerList;
use crate::syntax::yaml::PathSegment::Key;

pub static META: RuleMeta = RuleMeta {
    id: "K034",
    name: "probe-port",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["liveness-port", "readiness-port", "startup-port"],
    summary: "A probe checks a port the container does not expose.",
    help: "Point the probe at one of the container's `ports`, by number or by name.",
    doc: include_str!("../../../rules/kubernetes/K034-probe-port.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((_, pod)) = super::workload(object) else {
        return;
    };
    for container in pod.containers() {
        if container.list != ContainerList::App {
            continue;
        }
        let ports = container.spec.ports.as_deref().unwrap_or_default();
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            for handler in ["httpGet", "tcpSocket", "grpc"] {
                let Some(found) =
                    container
                        .node
                        .lookup(&[Key(probe), Key(handler), Key("port")])
                else {
                    continue;
                };
                let Some(text) = found.node.as_str() else {
                    continue;
                };
                let exposed = match text.parse::<i32>() {
                    Ok(number) => {
                        ports.is_empty() || ports.iter().any(|p| p.container_port == number)
                    }
                    Err(_) => ports.iter().any(|p| p.name.as_deref() == Some(text)),
                };
                if !exposed {
                    report.at(
                        found.node.span.clone(),
                        format!("{probe} of container `{}` checks port `{text}`, which it does not expose", container.name),
                    );
                }
            }
        }
    }
}
