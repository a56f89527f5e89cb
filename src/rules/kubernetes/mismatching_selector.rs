//! K017 mismatching-selector: the workload's selector does not match its own pod template's labels.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

use crate::syntax::yaml::parse_path;

pub static META: RuleMeta = RuleMeta {
    id: "K017",
    name: "mismatching-selector",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["mismatching-selector"],
    summary: "The workload's selector does not match its own pod template's labels.",
    help: "Make `spec.selector` and `spec.template.metadata.labels` agree.",
    doc: include_str!("../../../rules/kubernetes/K017-mismatching-selector.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let typed = match object.kind {
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" => true,
        "ReplicationController" => false,
        _ => return,
    };
    let node = object.node;
    let Some(selector) = node.get("spec").and_then(|s| s.value.get("selector")) else {
        return;
    };
    let labels: Vec<(&str, &str)> = node
        .lookup(&parse_path("spec.template.metadata.labels"))
        .map(|found| found.node.entries())
        .unwrap_or_default()
        .iter()
        .filter_map(|e| Some((e.key.as_str()?, e.value.as_str()?)))
        .collect();
    let label = |key: &str| labels.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let match_labels = if typed {
        selector
            .value
            .get("matchLabels")
            .map(|e| e.value.entries())
            .unwrap_or_default()
    } else {
        selector.value.entries()
    };
    for entry in match_labels {
        let (Some(key), Some(value)) = (entry.key.as_str(), entry.value.as_str()) else {
            continue;
        };
        if label(key) != Some(value) {
            report.at(
                entry.key.span.start..entry.value.span.end,
                format!("selector `{key}: {value}` does not match the pod template's labels"),
            );
        }
    }
    if !typed {
        return;
    }
    let expressions = selector
        .value
        .get("matchExpressions")
        .map(|e| e.value.items());
    for expression in expressions.unwrap_or_default() {
        let text = |k: &str| expression.get(k).and_then(|e| e.value.as_str());
        let (Some(key), Some(operator)) = (text("key"), text("operator")) else {
            continue;
        };
        let values: Vec<&str> = expression
            .get("values")
            .map(|e| e.value.items())
            .unwrap_or_default()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        let found = label(key);
        let matches = match operator {
            "In" => found.is_some_and(|v| values.contains(&v)),
            "NotIn" => found.is_none_or(|v| !values.contains(&v)),
            "Exists" => found.is_some(),
            "DoesNotExist" => found.is_none(),
            _ => continue,
        };
        if !matches {
            report.at(
                expression.span.clone(),
                format!("selector expression on `{key}` ({operator}) does not match the pod template's labels"),
            );
        }
    }
}
