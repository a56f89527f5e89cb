//! K032 duplicate-env-var: the container sets the same environment variable twice; only the last one counts.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K032",
    name: "duplicate-env-var",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["duplicate-env-var"],
    summary: "The container sets the same environment variable twice; only the last one counts.",
    help: "Remove all but one of the entries.",
    doc: include_str!("../../../rules/kubernetes/K032-duplicate-env-var.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((_, pod)) = super::workload(object) else {
        return;
    };
    for container in pod.containers() {
        let mut seen = std::collections::HashSet::new();
        for (env, node) in
            super::with_nodes(container.spec.env.as_deref(), container.node, "env")
        {
            if !seen.insert(env.name.as_str())
                && let Some(span) = super::value_span(node, &["name"])
            {
                report.at(
                    span,
                    format!(
                        "`{}` is set again in container `{}`",
                        env.name, container.name
                    ),
                );
            }
        }
    }
}
