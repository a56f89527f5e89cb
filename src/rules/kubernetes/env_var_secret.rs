//! K019 env-var-secret: a secret-looking environment variable has its value written in the manifest.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

const SECRET_WORDS: &[&str] = &[
    "SECRET",
    "PASSWORD",
    "PASSWD",
    "TOKEN",
    "API_KEY",
    "APIKEY",
    "PRIVATE_KEY",
    "ACCESS_KEY",
    "CREDENTIAL",
];
const LOCATION_SUFFIXES: &[&str] = &["_FILE", "_PATH", "_NAME", "_DIR"];

fn looks_secret(name: &str) -> bool {
    let name = name.to_ascii_uppercase();
    SECRET_WORDS.iter().any(|w| name.contains(w))
        && !LOCATION_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// `$(OTHER)`: the value only refers to another variable.
fn is_reference(value: &str) -> bool {
    value.starts_with("$(") && value.ends_with(')') && value.matches("$(").count() == 1
}

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "K019",
    name: "env-var-secret",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["env-var-secret"],
    summary: "A secret-looking environment variable has its value written in the manifest.",
    help: "Move the value into a Secret and read it with `valueFrom.secretKeyRef`, or mount it as a file.",
    doc: include_str!("../../../rules/kubernetes/K019-env-var-secret.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Some((_, pod)) = super::workload(subject) else {
            return;
        };
        for container in pod.containers() {
            for (env, node) in
                super::with_nodes(container.spec.env.as_deref(), container.node, "env")
            {
                let Some(value) = env.value.as_deref() else {
                    continue;
                };
                if value.is_empty() || is_reference(value) || !looks_secret(&env.name) {
                    continue;
                }
                if let Some(span) = super::value_span(node, &["value"]) {
                    report.at(
                        span,
                        format!(
                            "`{}` of container `{}` is written in the manifest",
                            env.name, container.name
                        ),
                    );
                }
            }
        }
    }
}
