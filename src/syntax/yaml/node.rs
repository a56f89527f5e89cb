//! What a node answers: its kind, scalar text, entries and items, a value at a path, and
//! its [`serde_yaml::Value`] for typed decoding.

use super::*;

impl Node {
    /// A scalar written at `span`, for trees built from other formats (the importers).
    pub fn scalar(text: impl Into<CompactString>, style: ScalarStyle, span: Span) -> Node {
        let scalar = Scalar {
            text: text.into(),
            style,
        };
        Node::new(NodeKind::Scalar(scalar), span)
    }

    pub fn new(kind: NodeKind, span: Span) -> Node {
        Node {
            span,
            kind,
            alias_of: None,
        }
    }

    /// The entry of a mapping whose scalar key is `key`; the last one if repeated.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries()
            .iter()
            .rev()
            .find(|entry| entry.key.as_str() == Some(key))
    }

    pub fn index(&self, i: usize) -> Option<&Node> {
        self.items().get(i)
    }

    /// Walks `path` from this node. An empty path locates this node itself.
    pub fn lookup(&self, path: &[PathSegment]) -> Option<Located<'_>> {
        let mut located = Located {
            key: None,
            node: self,
        };
        for segment in path {
            located = match *segment {
                PathSegment::Key(key) => {
                    let entry = located.node.get(key)?;
                    Located {
                        key: Some(entry.key.span.clone()),
                        node: &entry.value,
                    }
                }
                PathSegment::Index(i) => Located {
                    key: None,
                    node: located.node.index(i)?,
                },
            };
        }
        Some(located)
    }

    /// The path from this node to the deepest key or value written at `offset`, such as
    /// `spec.containers[web].securityContext.privileged`. Sequence items that are mappings
    /// with a scalar `name` are named by it, others by index; empty when `offset` is outside.
    pub fn path_to(&self, offset: usize) -> String {
        let at = |span: &Span| span.start <= offset && (offset < span.end || span.start == offset);
        let mut path = String::new();
        let mut node = self;
        loop {
            match &node.kind {
                NodeKind::Mapping(entries) => {
                    let Some(entry) = entries
                        .iter()
                        .find(|e| at(&e.key.span) || at(&e.value.span))
                    else {
                        break;
                    };
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(entry.key.as_str().unwrap_or("?"));
                    if at(&entry.key.span) {
                        break;
                    }
                    node = &entry.value;
                }
                NodeKind::Sequence(items) => {
                    // Items are in source order, so a binary search finds the item in a
                    // long list; the scan covers the rest (empty spans, alias copies).
                    let after = items.partition_point(|n| n.span.end <= offset);
                    let found = items
                        .get(after)
                        .filter(|n| at(&n.span))
                        .map(|n| (after, n))
                        .or_else(|| items.iter().enumerate().find(|(_, n)| at(&n.span)));
                    let Some((i, item)) = found else {
                        break;
                    };
                    match item.get("name").and_then(|e| e.value.as_str()) {
                        Some(name) => path.push_str(&format!("[{name}]")),
                        None => path.push_str(&format!("[{i}]")),
                    }
                    node = item;
                }
                NodeKind::Scalar(_) => break,
            }
        }
        path
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(scalar) => Some(&scalar.text),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        match &self.kind {
            NodeKind::Mapping(entries) => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Sequence(items) => items,
            _ => &[],
        }
    }

    /// Converts to a value, typing plain scalars by the YAML 1.2 core schema plus the
    /// YAML 1.1 octal form `0644` that Kubernetes accepts.
    pub fn to_value(&self) -> Value {
        match &self.kind {
            NodeKind::Scalar(scalar) => match scalar.typed() {
                Typed::Null => Value::Null,
                Typed::Bool(b) => Value::Bool(b),
                Typed::Unsigned(n) => Value::Number(n.into()),
                Typed::Signed(n) => Value::Number(n.into()),
                Typed::Float(n) => Value::Number(n.into()),
                Typed::Str(text) => Value::String(text.to_owned()),
            },
            NodeKind::Sequence(items) => {
                Value::Sequence(items.iter().map(Node::to_value).collect())
            }
            NodeKind::Mapping(entries) => Value::Mapping(
                entries
                    .iter()
                    .map(|entry| (entry.key.to_value(), entry.value.to_value()))
                    .collect(),
            ),
        }
    }
}
