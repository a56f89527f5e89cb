//! Builds the small index of each Kubernetes object ([`ObjectFacts`]) while its file is
//! checked, and marks the set-level rules a suppression in that file silences.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::formats::kubernetes::Object;
use crate::model::objects::ObjectFacts;
use crate::pipeline::suppress::{self, Suppression};
use crate::rules::{RuleMeta, SetSpan};
use crate::syntax::yaml::{Node, parse_path};

/// The set-level rules, each with the fact it reports at: read from the registry once,
/// not for every object.
static SET_RULES: LazyLock<Vec<(&'static RuleMeta, SetSpan)>> = LazyLock::new(|| {
    crate::rules::all()
        .filter_map(|rule| Some((rule, rule.extra.set_span?)))
        .collect()
});

/// The facts of one object, read from its nodes (so an object that fails its typed
/// decode still counts). `suppressions` are the file's, marked used when they silence a
/// set-level rule where it would report.
pub fn facts(object: &Object<'_>, suppressions: &mut [Suppression]) -> ObjectFacts {
    let node = object.node;
    let pod_path = crate::formats::kubernetes::pod_path(object.kind);
    let pod_labels = pod_path.map(|path| {
        let labels = path.strip_suffix("spec").unwrap_or("").to_string() + "metadata.labels";
        node.lookup(&parse_path(&labels))
            .map(|found| string_map(found.node))
            .unwrap_or_default()
    });
    let pod = pod_path.and_then(|path| node.lookup(&parse_path(path)));
    let selector = (object.kind == "Service")
        .then(|| node.get("spec")?.value.get("selector"))
        .flatten()
        .map(|entry| (string_map(&entry.value), entry.key.span.clone()))
        .filter(|(selector, _)| !selector.is_empty());
    let service_account = pod.and_then(|pod| {
        let entry = pod
            .node
            .get("serviceAccountName")
            .or_else(|| pod.node.get("serviceAccount"))?;
        Some((entry.value.as_str()?.to_string(), entry.value.span.clone()))
    });
    let mut facts = ObjectFacts {
        kind: object.kind.to_string(),
        namespace: object.namespace.map(str::to_string),
        name: object.name.map(str::to_string),
        label: format!(
            "{} {}{}",
            object.kind,
            object
                .namespace
                .map(|n| format!("{n}/"))
                .unwrap_or_default(),
            object.name.unwrap_or("")
        ),
        pod_labels,
        selector,
        service_account,
        suppressed: Vec::new(),
        untraced: None,
    };
    for &(rule, span) in SET_RULES.iter() {
        let at = match span {
            SetSpan::Selector => facts.selector.as_ref().map(|(_, s)| s),
            SetSpan::ServiceAccount => facts.service_account.as_ref().map(|(_, s)| s),
        };
        if let Some(at) = at
            && suppress::silenced(suppressions, rule, at)
        {
            facts.suppressed.push(rule.id);
        }
    }
    facts
}

/// A mapping of scalar keys to scalar values (labels, a selector), as written.
fn string_map(node: &Node) -> BTreeMap<String, String> {
    node.entries()
        .iter()
        .filter_map(|e| Some((e.key.as_str()?.to_string(), e.value.as_str()?.to_string())))
        .collect()
}
