//! The Compose specification's JSON Schema, shipped in `schemas/compose-spec.json`, checked
//! against each Compose file's own tree (before overrides are merged, as `docker compose
//! config` checks each file), with every violation placed at the key or value it is about.

use std::sync::LazyLock;

use crate::input::source::Span;
use crate::syntax::yaml::{Node, NodeKind};

/// Where the shipped schema comes from.
pub const VERSION: &str = "compose-spec/compose-spec schema/compose-spec.json at 170098ba07d9f53c383a41bfd4c5166b0a4529a6 (2026-06-23)";

/// At most this many violations are reported per file: the first ones explain the rest.
const MAX_VIOLATIONS: usize = 20;

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../../schemas/compose-spec.json"))
            .expect("the shipped Compose schema is JSON");
    jsonschema::draft7::new(&schema).expect("the shipped Compose schema compiles")
});

/// A place where a file departs from the specification.
#[derive(Debug, PartialEq)]
pub struct Violation {
    pub span: Span,
    pub message: String,
}

/// The file's violations of the specification, in the order of the file.
pub fn violations(root: &Node) -> Vec<Violation> {
    let instance = serde_json::to_value(root.to_value()).unwrap_or_default();
    let mut found: Vec<Violation> = VALIDATOR
        .iter_errors(&instance)
        .map(|error| {
            let pointer = error.instance_path().to_string();
            let path: Vec<String> = pointer
                .split('/')
                .skip(1)
                .map(|s| s.replace("~1", "/").replace("~0", "~"))
                .collect();
            let shown = if path.is_empty() {
                "the file".to_string()
            } else {
                format!("`{}`", path.join("."))
            };
            let (node, key) = walk(root, &path);
            match error.kind() {
                jsonschema::error::ValidationErrorKind::AdditionalProperties { unexpected } => {
                    let name = unexpected.first().map_or("", String::as_str);
                    let span = node
                        .get(name)
                        .map_or_else(|| node.span.clone(), |e| e.key.span.clone());
                    Violation {
                        span,
                        message: format!(
                            "`{name}` is not a key of {shown} in the Compose specification"
                        ),
                    }
                }
                _ => Violation {
                    span: key.unwrap_or_else(|| node.span.clone()),
                    message: format!("{shown}: {}", error.masked()),
                },
            }
        })
        .collect();
    found.sort_by_key(|v| v.span.start);
    found.dedup_by(|a, b| a.span == b.span);
    found.truncate(MAX_VIOLATIONS);
    found
}

/// The node at a JSON pointer's segments, and for a scalar the span of its value (for a
/// collection, `None`: the node's own span is used).
fn walk<'a>(root: &'a Node, path: &[String]) -> (&'a Node, Option<Span>) {
    let mut node = root;
    for segment in path {
        let next = match &node.kind {
            NodeKind::Mapping(_) => node.get(segment).map(|e| &e.value),
            NodeKind::Sequence(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            NodeKind::Scalar(_) => None,
        };
        match next {
            Some(next) => node = next,
            None => break,
        }
    }
    let value = matches!(node.kind, NodeKind::Scalar(_)).then(|| node.span.clone());
    (node, value)
}
