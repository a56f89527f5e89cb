//! What rules over the whole set of checked files need from each Kubernetes object: a
//! small index built while its file is checked (names, labels, selectors, the service
//! account, each with the span a finding would point at; never a syntax tree), read by
//! the set-level rules once every file has been checked.

use std::collections::BTreeMap;

use crate::input::source::Span;

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
    /// For an object of a chart's or an overlay's rendered output whose spans could not
    /// all be traced to its sources: what a finding on it adds to its message.
    pub untraced: Option<String>,
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

    /// The spans set-level rules report at.
    pub fn spans_mut(&mut self) -> impl Iterator<Item = &mut Span> {
        let selector = self.selector.as_mut().map(|(_, span)| span);
        let account = self.service_account.as_mut().map(|(_, span)| span);
        selector.into_iter().chain(account)
    }
}

/// What a set-level rule judges: one object, and every object of the set.
#[derive(Debug)]
pub struct SetView<'a> {
    pub object: &'a ObjectFacts,
    pub all: &'a [&'a ObjectFacts],
}
