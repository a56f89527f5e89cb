//! The YAML syntax tree: documents of scalars, sequences and mappings, each node keeping
//! the byte span it was written at, built from saphyr-parser events in one pass.
//!
//! The tree serves two purposes: locating a path (such as
//! `spec.template.spec.containers[0].securityContext.privileged`) at the bytes of its key
//! and value, and converting to a [`serde_yaml::Value`] for typed decoding. Aliases are
//! expanded into copies and merge keys (`<<`) are resolved while building; empty documents
//! are omitted.
//!
//! Hostile input is bounded: collections may nest 256 deep (aliases included), and the
//! nodes created, counting the copies kept for anchors and made by aliases, may not exceed
//! `max(100_000, 20 * text.len())`. The builder keeps an explicit stack, so only
//! bounded-depth trees are ever walked recursively.

use std::collections::{HashMap, HashSet};
use std::fmt;

use compact_str::CompactString;
use saphyr_parser::{Event, Parser, ScalarStyle as EventStyle, ScanError, Tag};
use serde_yaml::Value;

use crate::input::source::{SourceFile, Span};

mod build;
mod node;
mod recovery;
mod scalar;
#[cfg(test)]
mod tests;

use build::Builder;
pub use scalar::Typed;

/// The deepest nesting of collections accepted, counting those reached through aliases.
const MAX_DEPTH: usize = 256;
/// The fewest nodes (written or copied from aliases) a file may always create.
const MIN_NODE_BUDGET: usize = 100_000;
/// Nodes a file may create per byte of text, when that exceeds [`MIN_NODE_BUDGET`].
const NODES_PER_BYTE: usize = 20;

/// One document of a stream. Documents with no content (only `---` and comments) are
/// omitted from [`Parsed::documents`].
#[derive(Debug, Clone)]
pub struct Document {
    pub root: Node,
    /// The span of the document's content, which is the root node's span.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Node {
    /// Where the node is written: exactly its token for scalars (quotes and the block
    /// indicator included), brackets inclusive for flow collections, and from the first
    /// child's start to the last child's end for block collections.
    pub span: Span,
    pub kind: NodeKind,
    /// For a copy made by an alias `*x`, the span of the anchored node; `span` is then the
    /// alias itself, while the copied children keep the spans where they were written.
    /// Boxed, since few nodes are copies and the tree holds millions of nodes.
    pub alias_of: Option<Box<Span>>,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Scalar(Scalar),
    Sequence(Vec<Node>),
    Mapping(Vec<Entry>),
}

#[derive(Debug, Clone)]
pub struct Scalar {
    /// Inline up to 24 bytes, so most scalars cost no allocation of their own.
    pub text: CompactString,
    pub style: ScalarStyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    /// Single- or double-quoted, or a plain scalar tagged `!!str`: always a string.
    Quoted,
    /// Literal (`|`) or folded (`>`).
    Block,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

#[derive(Debug, Clone)]
pub struct YamlError {
    /// The offending node, or an empty span at the point of a syntax error.
    pub span: Span,
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for YamlError {}

/// The result of parsing a stream: the documents completed before any error, and the error
/// that stopped parsing.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub documents: Vec<Document>,
    pub error: Option<YamlError>,
}

/// One step of a path: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq)]
pub enum PathSegment<'a> {
    Key(&'a str),
    Index(usize),
}

/// A node found by [`Node::lookup`], with the span of its mapping key when the path's last
/// segment was a key.
#[derive(Debug, Clone)]
pub struct Located<'a> {
    pub key: Option<Span>,
    pub node: &'a Node,
}

/// Parses every document of a YAML stream. When the stream does not parse, it is read as
/// kubectl reads it where that differs (flow collections whose lines are not indented past
/// their parent, see `recovery`), and failing that document by document: the error is
/// the stream's first, and the documents around the broken one are kept.
pub fn parse(file: &SourceFile) -> Parsed {
    let whole = parse_range(&file.text, 0..file.text.len());
    if whole.error.is_none() {
        return whole;
    }
    let joined = recovery::join_flow_lines(&file.text);
    if let Some(joined) = &joined {
        let lenient = parse_range(joined, 0..joined.len());
        if lenient.error.is_none() {
            return lenient;
        }
    }
    let text = joined.as_deref().unwrap_or(&file.text);
    let mut documents = Vec::new();
    let mut broken = false;
    for range in recovery::documents(text) {
        let part = parse_range(text, range);
        documents.extend(part.documents);
        broken |= part.error.is_some();
    }
    if !broken {
        return whole;
    }
    Parsed {
        documents,
        error: whole.error,
    }
}

/// Parses the documents of `text[range]`, with spans into the whole `text`.
fn parse_range(text: &str, range: Span) -> Parsed {
    let mut builder = Builder::new(text, range);
    let error = builder.run().err();
    Parsed {
        documents: builder.documents,
        error,
    }
}

/// Splits a path such as `spec.containers[0].image` into segments. Dots separate keys,
/// `[n]` is an index; anything else (digits after a dot included) is part of a key. Keys
/// containing dots cannot be expressed; use [`Node::get`] for those.
pub fn parse_path(path: &str) -> Vec<PathSegment<'_>> {
    let mut segments = Vec::new();
    for part in path.split('.').filter(|part| !part.is_empty()) {
        let (key, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        let mut indexes = Vec::new();
        while let Some((index, after)) = rest
            .strip_prefix('[')
            .and_then(|inner| inner.split_once(']'))
            .and_then(|(digits, after)| Some((digits.parse().ok()?, after)))
        {
            indexes.push(PathSegment::Index(index));
            rest = after;
        }
        if !rest.is_empty() {
            segments.push(PathSegment::Key(part));
            continue;
        }
        if !key.is_empty() {
            segments.push(PathSegment::Key(key));
        }
        segments.extend(indexes);
    }
    segments
}
