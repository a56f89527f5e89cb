//! Where in its object a finding on rendered output points, as a path of keys and items
//! that can be looked up in another tree: the same object in a kustomize base or patch, or
//! a chart's `values.yaml` under the key a template reads.

use crate::input::source::Span;
use crate::syntax::yaml::{Node, NodeKind};

/// One step down from an object's root.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Step {
    Key(String),
    /// A sequence item, with its `name` when it has one: kustomize merges containers,
    /// ports and volumes by name, so a patch may list them in another order.
    Item {
        index: usize,
        name: Option<String>,
    },
}

/// What the finding's span covers at the end of the path.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum On {
    /// A mapping key, such as `privileged` in `privileged: true`.
    Key,
    /// A scalar value, with its text.
    Scalar(String),
    /// A whole mapping or sequence.
    Node,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Spot {
    pub steps: Vec<Step>,
    pub on: On,
}

impl Spot {
    /// The last mapping key on the path: the key a template line writes.
    pub fn last_key(&self) -> Option<&str> {
        self.steps.iter().rev().find_map(|step| match step {
            Step::Key(key) => Some(key.as_str()),
            Step::Item { .. } => None,
        })
    }
}

/// The spot of `span` in `root`, if the span is inside it.
pub(super) fn spot(root: &Node, span: &Span) -> Option<Spot> {
    let inside = |outer: &Span| outer.start <= span.start && span.end <= outer.end.max(span.start);
    if !inside(&root.span) {
        return None;
    }
    let mut steps = Vec::new();
    let mut node = root;
    loop {
        match &node.kind {
            NodeKind::Mapping(entries) => {
                let Some(entry) = entries
                    .iter()
                    .find(|e| inside(&e.key.span) || inside(&e.value.span))
                else {
                    return Some(Spot {
                        steps,
                        on: On::Node,
                    });
                };
                steps.push(Step::Key(
                    entry.key.as_str().unwrap_or_default().to_string(),
                ));
                if inside(&entry.key.span) && !inside(&entry.value.span) {
                    return Some(Spot { steps, on: On::Key });
                }
                node = &entry.value;
            }
            NodeKind::Sequence(items) => {
                let Some((index, item)) = items.iter().enumerate().find(|(_, n)| inside(&n.span))
                else {
                    return Some(Spot {
                        steps,
                        on: On::Node,
                    });
                };
                let name = item.get("name").and_then(|e| e.value.as_str());
                steps.push(Step::Item {
                    index,
                    name: name.map(str::to_string),
                });
                node = item;
            }
            NodeKind::Scalar(scalar) => {
                let on = On::Scalar(scalar.text.to_string());
                return Some(Spot { steps, on });
            }
        }
    }
}

/// The span in `root` that matches `spot`: the same path (items by name where they have
/// one), ending on a key, or on a scalar with the same text, or on a collection. `None`
/// when the path is missing or the scalar differs, so a value is never claimed to come
/// from a place that says something else.
pub(super) fn find(root: &Node, spot: &Spot) -> Option<Span> {
    let (node, key) = node_at(root, &spot.steps)?;
    match &spot.on {
        On::Key => key,
        On::Scalar(text) => (node.as_str() == Some(text)).then(|| node.span.clone()),
        On::Node => match node.kind {
            NodeKind::Scalar(_) => None,
            _ => Some(node.span.clone()),
        },
    }
}

/// The node at `steps` from `root`, with the span of its key when the last step is a key.
pub(super) fn node_at<'a>(root: &'a Node, steps: &[Step]) -> Option<(&'a Node, Option<Span>)> {
    let mut node = root;
    let mut key = None;
    for step in steps {
        match step {
            Step::Key(name) => {
                let entry = node.get(name)?;
                key = Some(entry.key.span.clone());
                node = &entry.value;
            }
            Step::Item { index, name } => {
                let items = node.items();
                let by_name = name.as_deref().and_then(|name| {
                    items
                        .iter()
                        .find(|item| item.get("name").and_then(|e| e.value.as_str()) == Some(name))
                });
                node = match (by_name, name) {
                    (Some(item), _) => item,
                    (None, None) => items.get(*index)?,
                    (None, Some(_)) => return None,
                };
                key = None;
            }
        }
    }
    Some((node, key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::source::SourceFile;
    use crate::syntax::yaml;

    fn root(text: &str) -> Node {
        let file = SourceFile::new("t.yaml", text);
        yaml::parse(&file).documents.remove(0).root
    }

    #[test]
    fn a_spot_found_in_another_tree_matches_items_by_name_and_scalars_by_text() {
        let rendered = "spec:\n  containers:\n  - name: sidecar\n    image: b\n  - name: web\n    securityContext:\n      privileged: true\n";
        let tree = root(rendered);
        let at = rendered.find("true").unwrap();
        let spot = spot(&tree, &(at..at + 4)).unwrap();
        assert_eq!(spot.on, On::Scalar("true".into()));
        assert_eq!(spot.last_key(), Some("privileged"));
        let patch =
            "spec:\n  containers:\n  - name: web\n    securityContext: {privileged: true}\n";
        let found = find(&root(patch), &spot).unwrap();
        assert_eq!(&patch[found], "true");
        let other =
            "spec:\n  containers:\n  - name: web\n    securityContext: {privileged: false}\n";
        assert_eq!(
            find(&root(other), &spot),
            None,
            "a different value is not the source"
        );
        let key = rendered.find("privileged").unwrap();
        let key_spot = spot_of(&tree, key..key + 10);
        assert_eq!(key_spot.on, On::Key);
        assert_eq!(&patch[find(&root(patch), &key_spot).unwrap()], "privileged");
    }

    fn spot_of(tree: &Node, span: Span) -> Spot {
        spot(tree, &span).unwrap()
    }
}
