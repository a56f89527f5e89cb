//! What rules over the whole set of checked files need from each Kubernetes object: a
//! small index built while its file is checked (names, labels, selectors, the service
//! account, each with the span a finding would point at; never a syntax tree), read by
//! the set-level rules once every file has been checked.

use std::collections::BTreeMap;

use crate::kubernetes::Object;
use crate::rules::SetSpan;
use crate::source::Span;
use crate::suppress::{self, Suppression};
use crate::syntax::yaml::{Node, parse_path};

/// One object of the set, as set-level rules see it.
#[derive(Debug, Clone)]
pub struct ObjectFacts {
    pub kind: String,
    pub namespace: Option<String>,
    pub name: Option<String>,
    /// The label findings carry, e.g. `Service shop/storefront`.
    pub label: String,
    /// The labels of the pods it runs: a Pod's own, a workload's pod template's.
    pub pod_labels: Option<BTreeMap<String, String>>,
    /// A Service's `selector`, with the span of its key.
    pub selector: Option<(BTreeMap<String, String>, Span)>,
    /// A pod's `serviceAccountName` (or deprecated `serviceAccount`) and its value's span.
    pub service_account: Option<(String, Span)>,
    /// Ids of the set-level rules that the object's annotations or a pragma comment
    /// silence where they would report.
    pub suppressed: Vec<&'static str>,
}

impl ObjectFacts {
    /// Whether two objects can see each other: the same namespace, or one not written
    /// (it is decided when applying, `kubectl -n`).
    pub fn same_namespace(&self, other: &ObjectFacts) -> bool {
        match (&self.namespace, &other.namespace) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }
}

/// The facts of one object, read from its nodes (so an object that fails its typed
/// decode still counts). `suppressions` are the file's, marked used when they silence a
/// set-level rule where it would report.
pub fn facts(object: &Object<'_>, suppressions: &mut [Suppression]) -> ObjectFacts {
    let node = object.node;
    let pod_path = crate::kubernetes::pod_path(object.kind);
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
    };
    for (rule, span) in crate::rules::all().filter_map(|r| Some((r, r.extra.set_span?))) {
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

/// What a set-level rule judges: one object, and every object of the set.
#[derive(Debug)]
pub struct SetView<'a> {
    pub object: &'a ObjectFacts,
    pub all: &'a [&'a ObjectFacts],
}
