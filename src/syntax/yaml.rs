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

mod recovery;

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
/// their parent, see [`recovery`]), and failing that document by document: the error is
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

/// What a scalar means: a plain scalar typed by the YAML 1.2 core schema plus the YAML 1.1
/// octal form `0644` that Kubernetes accepts; any other scalar is a string.
#[derive(Debug, Clone, Copy)]
pub enum Typed<'a> {
    Null,
    Bool(bool),
    /// Zero and positive integers.
    Unsigned(u64),
    /// Negative integers.
    Signed(i64),
    Float(f64),
    Str(&'a str),
}

impl PartialEq for Typed<'_> {
    /// Equal as values: YAML has one NaN, equal to itself.
    fn eq(&self, other: &Self) -> bool {
        match (*self, *other) {
            (Typed::Null, Typed::Null) => true,
            (Typed::Bool(a), Typed::Bool(b)) => a == b,
            (Typed::Unsigned(a), Typed::Unsigned(b)) => a == b,
            (Typed::Signed(a), Typed::Signed(b)) => a == b,
            (Typed::Float(a), Typed::Float(b)) => a == b || (a.is_nan() && b.is_nan()),
            (Typed::Str(a), Typed::Str(b)) => a == b,
            _ => false,
        }
    }
}

impl Scalar {
    /// What the scalar means; [`Node::to_value`] and the span-tree deserializer both read
    /// scalars through this.
    pub fn typed(&self) -> Typed<'_> {
        if self.style != ScalarStyle::Plain {
            return Typed::Str(&self.text);
        }
        match self.text.as_str() {
            // Most keys and names: no number starts with a letter, nor do other nulls or bools.
            text if text.starts_with(|c: char| {
                c.is_ascii_alphabetic() && !matches!(c, 'n' | 'N' | 't' | 'T' | 'f' | 'F')
            }) =>
            {
                Typed::Str(text)
            }
            "" | "~" | "null" | "Null" | "NULL" => Typed::Null,
            "true" | "True" | "TRUE" => Typed::Bool(true),
            "false" | "False" | "FALSE" => Typed::Bool(false),
            text => parse_int(text)
                .or_else(|| parse_float(text).map(Typed::Float))
                .unwrap_or(Typed::Str(text)),
        }
    }
}

/// Decimal, `0x` hex, `0o` octal and YAML 1.1 `0755` octal integers, optionally signed.
fn parse_int(text: &str) -> Option<Typed<'static>> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (radix, digits) = if let Some(hex) = unsigned.strip_prefix("0x") {
        (16, hex)
    } else if let Some(octal) = unsigned.strip_prefix("0o") {
        (8, octal)
    } else if let Some(octal) = unsigned
        .strip_prefix('0')
        .filter(|rest| !rest.is_empty() && rest.bytes().all(|b| matches!(b, b'0'..=b'7')))
    {
        (8, octal)
    } else {
        (10, unsigned)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if text.starts_with('-') {
        let value = 0i64.checked_sub_unsigned(magnitude)?;
        Some(u64::try_from(value).map_or(Typed::Signed(value), Typed::Unsigned))
    } else {
        Some(Typed::Unsigned(magnitude))
    }
}

/// Core-schema floats: `1.5`, `.5`, `1e3`, `-.inf`, `.nan` and the like.
fn parse_float(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    match unsigned {
        ".inf" | ".Inf" | ".INF" if text.starts_with('-') => return Some(f64::NEG_INFINITY),
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        ".nan" | ".NaN" | ".NAN" if unsigned == text => return Some(f64::NAN),
        _ => {}
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (mantissa, exponent) = unsigned
        .split_once(['e', 'E'])
        .map_or((unsigned, None), |(m, e)| (m, Some(e)));
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mantissa_ok =
        digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    if mantissa_ok && exponent_ok {
        text.parse().ok()
    } else {
        None
    }
}

/// An anchored node kept for its aliases, with its size for the limits.
struct Anchored {
    node: Node,
    /// Nodes in the subtree, the node itself included.
    count: usize,
    /// Collections on the longest path down, the node itself included.
    height: usize,
}

/// The node count and collection height of a subtree (at most [`MAX_DEPTH`] deep).
fn measure(node: &Node) -> (usize, usize) {
    let add = |(count, height): (usize, usize), (c, h): (usize, usize)| {
        (count.saturating_add(c), height.max(h + 1))
    };
    match &node.kind {
        NodeKind::Scalar(_) => (1, 0),
        NodeKind::Sequence(items) => items.iter().map(measure).fold((1, 1), add),
        NodeKind::Mapping(entries) => entries
            .iter()
            .flat_map(|entry| [&entry.key, &entry.value])
            .map(measure)
            .fold((1, 1), add),
    }
}

/// A collection whose end event has not arrived yet. Its children wait on the builder's
/// shared `pending` stack, so each collection is allocated once, at its exact size, when
/// it closes.
struct Frame {
    start: usize,
    last_end: Option<usize>,
    anchor: usize,
    mapping: bool,
    /// Where its children start on the pending stack (a mapping's alternate key, value).
    first: usize,
}

/// The count of nodes created, including copies made for anchors and aliases.
struct Budget {
    created: usize,
    limit: usize,
}

impl Budget {
    fn charge(&mut self, count: usize, span: &Span) -> Result<(), YamlError> {
        self.created = self.created.saturating_add(count);
        if self.created > self.limit {
            return Err(error(
                span,
                format!("alias expansion exceeds {} nodes", self.limit),
            ));
        }
        Ok(())
    }
}

/// Fails if a node of `height` collections cannot sit below `open` collections.
fn check_depth(open: usize, height: usize, span: &Span) -> Result<(), YamlError> {
    if open + height > MAX_DEPTH {
        return Err(error(
            span,
            format!("nesting deeper than {MAX_DEPTH} levels"),
        ));
    }
    Ok(())
}

struct Builder<'t> {
    text: &'t str,
    /// The part of `text` parsed.
    range: Span,
    /// Byte offset of each character, built only for non-ASCII text.
    char_offsets: Option<Vec<usize>>,
    stack: Vec<Frame>,
    /// The children of the open collections, innermost last.
    pending: Vec<Node>,
    anchors: HashMap<usize, Anchored>,
    budget: Budget,
    /// Byte offset where the previous event ended.
    prev_end: usize,
    root: Option<Node>,
    documents: Vec<Document>,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str, range: Span) -> Self {
        let part = &text[range.clone()];
        let start = range.start;
        let char_offsets =
            (!part.is_ascii()).then(|| part.char_indices().map(|(i, _)| i).collect());
        Builder {
            text,
            range,
            char_offsets,
            stack: Vec::new(),
            pending: Vec::new(),
            anchors: HashMap::new(),
            budget: Budget {
                created: 0,
                limit: MIN_NODE_BUDGET.max(text.len().saturating_mul(NODES_PER_BYTE)),
            },
            prev_end: start,
            root: None,
            documents: Vec::new(),
        }
    }

    fn run(&mut self) -> Result<(), YamlError> {
        let mut parser = Parser::new_from_str(&self.text[self.range.clone()]);
        while let Some(next) = parser.next_event() {
            let (event, span) = next.map_err(|e| self.scan_error(&e))?;
            let span = self.byte(span.start.index())..self.byte(span.end.index());
            self.handle(event, span.clone())?;
            self.prev_end = span.end;
        }
        Ok(())
    }

    fn byte(&self, char_index: usize) -> usize {
        let length = self.range.len();
        let offset = match &self.char_offsets {
            Some(offsets) => offsets.get(char_index).copied().unwrap_or(length),
            None => char_index.min(length),
        };
        self.range.start + offset
    }

    /// saphyr's own flow nesting limit (255) reports as the depth error too.
    fn scan_error(&self, error: &ScanError) -> YamlError {
        let at = self.byte(error.marker().index());
        let message = match error.info() {
            "recursion limit exceeded" => format!("nesting deeper than {MAX_DEPTH} levels"),
            info => info.to_owned(),
        };
        YamlError {
            span: at..at,
            message,
        }
    }

    fn handle(&mut self, event: Event<'_>, span: Span) -> Result<(), YamlError> {
        match event {
            Event::DocumentStart(_) => {
                self.anchors.clear();
                self.root = None;
            }
            Event::DocumentEnd => {
                let root = self.root.take().filter(|root| !is_empty_document(root));
                if let Some(root) = root {
                    self.documents.push(Document {
                        span: root.span.clone(),
                        root,
                    });
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.budget.charge(1, &span)?;
                let node = Node {
                    span: self.scalar_span(span, style),
                    kind: NodeKind::Scalar(Scalar {
                        // Copied at its length: saphyr's own strings carry spare capacity
                        // (about 120 bytes a scalar).
                        text: CompactString::new(&text),
                        style: scalar_style(style, tag.as_deref()),
                    }),
                    alias_of: None,
                };
                self.complete(node, anchor)?;
            }
            Event::Alias(id) => self.alias(id, span)?,
            Event::SequenceStart(anchor, _) => self.open(false, anchor, span)?,
            Event::MappingStart(anchor, _) => self.open(true, anchor, span)?,
            Event::SequenceEnd | Event::MappingEnd => self.close(span)?,
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
        Ok(())
    }

    /// Scalar spans from saphyr include leading `&anchor`/`!tag` properties, and block
    /// scalars start after their header and run over trailing blank lines.
    fn scalar_span(&self, span: Span, style: EventStyle) -> Span {
        if !matches!(style, EventStyle::Literal | EventStyle::Folded) {
            let start = skip_properties(self.text, &span);
            let written = self.text[start..span.end].trim_end_matches([' ', '\t', '\r', '\n']);
            return start..start + written.len().max(1).min(span.end - start);
        }
        let header = self.prev_end.min(span.start)..span.end;
        let start =
            first_token(self.text, &header, |b| matches!(b, b'|' | b'>')).unwrap_or(span.start);
        let content = self.text[start..span.end].trim_end_matches([' ', '\t', '\r', '\n']);
        start..start + content.len()
    }

    fn open(&mut self, mapping: bool, anchor: usize, span: Span) -> Result<(), YamlError> {
        let start = skip_properties(self.text, &span);
        check_depth(self.stack.len(), 1, &(start..start))?;
        self.budget.charge(1, &span)?;
        self.stack.push(Frame {
            start,
            last_end: None,
            anchor,
            mapping,
            first: self.pending.len(),
        });
        Ok(())
    }

    fn close(&mut self, end: Span) -> Result<(), YamlError> {
        let Some(frame) = self.stack.pop() else {
            return Err(error(&end, "collection end without a start"));
        };
        let end = if end.is_empty() {
            frame.last_end.unwrap_or(frame.start)
        } else {
            end.end
        };
        let span = frame.start..end.max(frame.start);
        let kind = if frame.mapping {
            let mut children = self.pending.drain(frame.first..);
            let mut entries = Vec::with_capacity(children.len() / 2);
            while let (Some(key), Some(value)) = (children.next(), children.next()) {
                entries.push(Entry { key, value });
            }
            drop(children);
            NodeKind::Mapping(resolve_merges(entries)?)
        } else {
            NodeKind::Sequence(self.pending.split_off(frame.first))
        };
        let node = Node {
            span,
            kind,
            alias_of: None,
        };
        self.complete(node, frame.anchor)
    }

    fn alias(&mut self, id: usize, span: Span) -> Result<(), YamlError> {
        let Some(anchored) = self.anchors.get(&id) else {
            return Err(error(&span, "unknown alias"));
        };
        check_depth(self.stack.len(), anchored.height, &span)?;
        self.budget.charge(anchored.count, &span)?;
        let mut node = anchored.node.clone();
        node.alias_of = Some(Box::new(std::mem::replace(&mut node.span, span)));
        self.complete(node, 0)
    }

    /// Records an anchored node (its stored copy counts against the budget) and hands the
    /// node to its parent, or makes it the document root.
    fn complete(&mut self, node: Node, anchor: usize) -> Result<(), YamlError> {
        if anchor != 0 {
            let (count, height) = measure(&node);
            self.budget.charge(count, &node.span)?;
            let node = node.clone();
            self.anchors.insert(
                anchor,
                Anchored {
                    node,
                    count,
                    height,
                },
            );
        }
        match self.stack.last_mut() {
            Some(frame) => {
                let end = node.span.end;
                frame.last_end = Some(frame.last_end.map_or(end, |last| last.max(end)));
                self.pending.push(node);
            }
            None => self.root = Some(node),
        }
        Ok(())
    }
}

fn error(span: &Span, message: impl Into<String>) -> YamlError {
    YamlError {
        span: span.clone(),
        message: message.into(),
    }
}

fn scalar_style(style: EventStyle, tag: Option<&Tag>) -> ScalarStyle {
    match style {
        EventStyle::Plain if tag.is_some_and(|t| t.is_yaml_core_schema() && t.suffix == "str") => {
            ScalarStyle::Quoted
        }
        EventStyle::Plain => ScalarStyle::Plain,
        EventStyle::SingleQuoted | EventStyle::DoubleQuoted => ScalarStyle::Quoted,
        EventStyle::Literal | EventStyle::Folded => ScalarStyle::Block,
    }
}

fn is_empty_document(root: &Node) -> bool {
    matches!(&root.kind, NodeKind::Scalar(s) if s.style == ScalarStyle::Plain && s.text.is_empty())
}

/// The start of the node's own token, past any `&anchor` and `!tag` properties.
fn skip_properties(text: &str, span: &Span) -> usize {
    first_token(text, span, |b| !matches!(b, b'&' | b'!')).unwrap_or(span.end)
}

/// The offset of the first whitespace-separated token in `range`, outside comments, whose
/// first byte satisfies `wanted`.
fn first_token(text: &str, range: &Span, wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let bytes = text.as_bytes().get(range.clone())?;
    let (mut in_token, mut in_comment) = (false, false);
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\n' | b'\r' => (in_token, in_comment) = (false, false),
            _ if in_comment => {}
            b' ' | b'\t' => in_token = false,
            _ if in_token => {}
            b'#' => in_comment = true,
            _ if wanted(b) => return Some(range.start + i),
            _ => in_token = true,
        }
    }
    None
}

fn is_merge(entry: &Entry) -> bool {
    let NodeKind::Scalar(key) = &entry.key.kind else {
        return false;
    };
    key.style == ScalarStyle::Plain && key.text == "<<"
}

/// Replaces each plain `<<` entry by the entries of the mapping(s) it names, skipping keys
/// the mapping writes explicitly or an earlier merge already supplied.
fn resolve_merges(entries: Vec<Entry>) -> Result<Vec<Entry>, YamlError> {
    if !entries.iter().any(is_merge) {
        return Ok(entries);
    }
    let mut seen: HashSet<String> = entries
        .iter()
        .filter(|entry| !is_merge(entry))
        .filter_map(|entry| entry.key.as_str().map(str::to_owned))
        .collect();
    let mut resolved = Vec::with_capacity(entries.len());
    for entry in entries {
        if !is_merge(&entry) {
            resolved.push(entry);
            continue;
        }
        let not_mergeable = |span: &Span| {
            error(
                span,
                "merge key `<<` needs a mapping or a sequence of mappings",
            )
        };
        let sources: Vec<Vec<Entry>> = match entry.value.kind {
            NodeKind::Mapping(merged) => vec![merged],
            NodeKind::Sequence(items) => items
                .into_iter()
                .map(|item| match item.kind {
                    NodeKind::Mapping(merged) => Ok(merged),
                    _ => Err(not_mergeable(&item.span)),
                })
                .collect::<Result<_, _>>()?,
            NodeKind::Scalar(_) => return Err(not_mergeable(&entry.value.span)),
        };
        for merged in sources.into_iter().flatten() {
            if merged
                .key
                .as_str()
                .is_none_or(|key| seen.insert(key.to_owned()))
            {
                resolved.push(merged);
            }
        }
    }
    Ok(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::source::Position;

    fn parse_text(text: &str) -> (SourceFile, Parsed) {
        let file = SourceFile::new("test.yaml", text);
        let parsed = parse(&file);
        (file, parsed)
    }

    fn root(text: &str) -> Node {
        let (_, parsed) = parse_text(text);
        assert!(parsed.error.is_none(), "{:?}", parsed.error);
        parsed
            .documents
            .into_iter()
            .next()
            .expect("a document")
            .root
    }

    /// The key and value text at `path`; the key is empty when the path ends in an index.
    fn at<'t>(text: &'t str, node: &Node, path: &str) -> (&'t str, &'t str) {
        let located = node.lookup(&parse_path(path)).expect(path);
        (
            located.key.map_or("", |key| &text[key]),
            &text[located.node.span.clone()],
        )
    }

    fn pos(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    fn error_of(text: &str) -> (SourceFile, Parsed, YamlError) {
        let (file, parsed) = parse_text(text);
        let error = parsed.error.clone().expect("an error");
        (file, parsed, error)
    }

    #[test]
    fn block_spans_cover_exactly_the_token() {
        let text = "\
image: nginx:latest
name: 'web'
security:
  privileged: true
  caps:
    - NET_ADMIN
    - SYS_TIME   # comment

# trailing
script: &s |
  echo hi
  exit 0

next: 1
";
        let root = root(text);
        assert_eq!(at(text, &root, "image"), ("image", "nginx:latest"));
        assert_eq!(at(text, &root, "name"), ("name", "'web'"));
        assert_eq!(
            at(text, &root, "security.privileged"),
            ("privileged", "true")
        );
        let security = "privileged: true\n  caps:\n    - NET_ADMIN\n    - SYS_TIME";
        assert_eq!(at(text, &root, "security"), ("security", security));
        assert_eq!(at(text, &root, "security.caps[1]"), ("", "SYS_TIME"));
        assert_eq!(at(text, &root, "script").1, "|\n  echo hi\n  exit 0");
        assert_eq!(&text[root.span], text.trim_end());
    }

    #[test]
    fn flow_spans_include_brackets() {
        let text = "a: {b: [1, \"two\"], c: &x d}\n";
        let root = root(text);
        assert_eq!(at(text, &root, "a").1, "{b: [1, \"two\"], c: &x d}");
        assert_eq!(at(text, &root, "a.b"), ("b", "[1, \"two\"]"));
        assert_eq!(at(text, &root, "a.b[1]").1, "\"two\"");
        assert_eq!(at(text, &root, "a.c"), ("c", "d"));
    }

    #[test]
    fn locates_deployment_path_at_line_and_column() {
        let text = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    realtor.dev/ignore: \"R001\"
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:latest
          securityContext:
            privileged: true
";
        let (file, parsed) = parse_text(text);
        let root = &parsed.documents[0].root;
        let path = parse_path("spec.template.spec.containers[0].securityContext.privileged");
        let located = root.lookup(&path).expect("privileged");
        let key = located.key.expect("a key span");
        assert_eq!(file.position(key.start), pos(14, 13));
        assert_eq!(file.position(located.node.span.start), pos(14, 25));
        assert_eq!(located.node.to_value(), Value::Bool(true));
        let annotations = root
            .lookup(&parse_path("metadata.annotations"))
            .expect("annotations");
        let ignore = annotations
            .node
            .get("realtor.dev/ignore")
            .expect("annotation");
        assert_eq!(ignore.value.as_str(), Some("R001"));
    }

    #[test]
    fn multi_document_stream_omits_empty_documents() {
        let text = "# head\na: 1\n...\n# between\n---\n# empty\n---\nb: [2]\n--- \n- c\n";
        let (_, parsed) = parse_text(text);
        assert!(parsed.error.is_none());
        let spans: Vec<&str> = parsed
            .documents
            .iter()
            .map(|d| &text[d.span.clone()])
            .collect();
        assert_eq!(spans, ["a: 1", "b: [2]", "- c"]);
    }

    #[test]
    fn alias_is_a_copy_spanning_its_use() {
        let text = "base: &b {x: 1}\nuse: *b\nlist: [&s str, *s]\n";
        let root = root(text);
        let used = &root.get("use").expect("use").value;
        assert_eq!(&text[used.span.clone()], "*b");
        assert_eq!(&text[*used.alias_of.clone().expect("an alias")], "{x: 1}");
        assert_eq!(at(text, used, "x"), ("x", "1"));
        assert_eq!(at(text, &root, "list[1]").1, "*s");
        assert_eq!(
            root.lookup(&parse_path("list[1]"))
                .expect("item")
                .node
                .as_str(),
            Some("str")
        );
    }

    #[test]
    fn merge_keys_yield_to_explicit_keys_and_earlier_sources() {
        let text = "\
base: &base
  a: 1
  b: 2
other: &other
  b: 3
  c: 4
one:
  a: 10
  <<: *base
two:
  <<: [*other, *base]
  d: 5
";
        let root = root(text);
        let keys = |path: &str| -> Vec<&str> {
            let node = root.lookup(&parse_path(path)).expect(path).node;
            node.entries()
                .iter()
                .filter_map(|e| e.key.as_str())
                .collect()
        };
        assert_eq!(keys("one"), ["a", "b"]);
        assert_eq!(keys("two"), ["b", "c", "a", "d"]);
        assert_eq!(at(text, &root, "one.a").1, "10");
        assert_eq!(at(text, &root, "two.b").1, "3");
        let merged = root.lookup(&parse_path("one.b")).expect("merged");
        assert_eq!(merged.key.map(|k| k.start), text.find("b: 2"));
    }

    #[test]
    fn billion_laughs_exceeds_the_alias_budget() {
        let mut text = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for level in 1..9 {
            let aliases = vec![format!("*l{}", level - 1); 9].join(", ");
            text.push_str(&format!("l{level}: &l{level} [{aliases}]\n"));
        }
        let (_, _, error) = error_of(&text);
        assert!(
            error.message.starts_with("alias expansion exceeds"),
            "{}",
            error.message
        );
        assert!(text[error.span].starts_with("[*l3"));
    }

    #[test]
    fn deep_flow_nesting_is_rejected_without_overflow() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let (_, parsed, error) = error_of(&text);
        assert_eq!(error.message, "nesting deeper than 256 levels");
        assert_eq!(error.span.start, 255);
        assert!(parsed.documents.is_empty());
    }

    #[test]
    fn deep_block_nesting_is_rejected_without_overflow() {
        let text = format!("{}x\n", "- ".repeat(10_000));
        let (_, _, error) = error_of(&text);
        assert_eq!(error.message, "nesting deeper than 256 levels");
        assert_eq!(error.span.start, 512);
    }

    #[test]
    fn nesting_through_aliases_counts_toward_depth() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let text = format!(
            "a: &a {deep}\nb: {}*a{}\n",
            "[".repeat(100),
            "]".repeat(100)
        );
        let (_, _, error) = error_of(&text);
        assert_eq!(error.message, "nesting deeper than 256 levels");
        assert_eq!(&text[error.span], "*a");
    }

    #[test]
    fn syntax_error_is_positioned_and_keeps_earlier_documents() {
        let (file, parsed, error) = error_of("a: 1\n---\nb: c: d\n");
        assert_eq!(
            error.message,
            "mapping values are not allowed in this context"
        );
        assert_eq!(file.position(error.span.start), pos(3, 5));
        assert_eq!(parsed.documents.len(), 1);
    }

    #[test]
    fn a_broken_document_keeps_the_documents_after_it() {
        let text = "a: 1\n---\nb: [unclosed\n---\nc: 3\n";
        let (file, parsed, error) = error_of(text);
        assert_eq!(file.position(error.span.start), pos(4, 1));
        let roots: Vec<_> = parsed.documents.iter().map(|d| d.root.to_value()).collect();
        assert_eq!(roots.len(), 2);
        assert_eq!(roots[1]["c"], serde_yaml::Value::from(3));
        let c = parsed.documents[1].root.get("c").unwrap();
        assert_eq!(&text[c.value.span.clone()], "3");
    }

    #[test]
    fn flow_collections_closed_at_the_parent_indentation_are_read_as_kubectl_reads_them() {
        let text = "spec:\n  args: [\n    \"--x\", # one\n    \"--y\"\n  ]\n  command: [\"a\",\n  \"b\"\n]\n";
        let (_, parsed) = parse_text(text);
        assert!(parsed.error.is_none(), "{:?}", parsed.error);
        let root = &parsed.documents[0].root;
        let args = root.lookup(&parse_path("spec.args")).unwrap().node;
        assert_eq!(args.items().len(), 2);
        assert_eq!(&text[args.items()[1].span.clone()], "\"--y\"");
        let command = root.lookup(&parse_path("spec.command[1]")).unwrap().node;
        assert_eq!(command.as_str(), Some("b"));
    }

    #[test]
    fn unknown_aliases_are_errors() {
        let (_, parsed, error) = error_of("a: &x 1\n---\nb: *x\n");
        assert_eq!(
            (error.message.as_str(), parsed.documents.len()),
            ("unknown alias", 1)
        );
        assert_eq!(error_of("a: &r [*r]\n").2.message, "unknown alias");
        assert!(error_of("a: *nope\n").2.message.contains("unknown anchor"));
    }

    #[test]
    fn to_value_types_plain_scalars_only() {
        let text = "\
mode: 0644
yes: yes
quoted: \"true\"
ratio: 1.5
nothing: ~
empty:
hex: 0x1F
octal: 0o17
exp: 1e3
neg_inf: -.inf
neg: -12
big: 18446744073709551615
forced: !!str 5
flag: True
version: 1.10.2
zero: 0
nine: 09
block: |
  5
";
        let value = root(text).to_value();
        let int = |n: i64| Value::Number(serde_yaml::Number::from(n));
        assert_eq!(value["mode"], int(420));
        assert_eq!(value["yes"], Value::String("yes".into()));
        assert_eq!(value["quoted"], Value::String("true".into()));
        assert_eq!(value["ratio"].as_f64(), Some(1.5));
        assert_eq!(
            (&value["nothing"], &value["empty"]),
            (&Value::Null, &Value::Null)
        );
        assert_eq!((&value["hex"], &value["octal"]), (&int(31), &int(15)));
        assert_eq!(value["exp"].as_f64(), Some(1000.0));
        assert_eq!(value["neg_inf"].as_f64(), Some(f64::NEG_INFINITY));
        assert_eq!(value["neg"], int(-12));
        assert_eq!(value["big"].as_u64(), Some(u64::MAX));
        assert_eq!(value["forced"], Value::String("5".into()));
        assert_eq!(value["flag"], Value::Bool(true));
        assert_eq!(value["version"], Value::String("1.10.2".into()));
        assert_eq!((&value["zero"], &value["nine"]), (&int(0), &int(9)));
        assert_eq!(value["block"], Value::String("5\n".into()));
    }

    #[test]
    fn crlf_line_endings() {
        let text = "a: 1\r\nb:\r\n  c: \"x\"\r\n  d: [y]\r\n";
        let (file, parsed) = parse_text(text);
        let root = &parsed.documents[0].root;
        assert_eq!(at(text, root, "b"), ("b", "c: \"x\"\r\n  d: [y]"));
        let located = root.lookup(&parse_path("b.d[0]")).expect("item");
        assert_eq!(file.position(located.node.span.start), pos(4, 7));
    }

    #[test]
    fn non_ascii_text_before_a_key() {
        let text = "ключ: значение\nmetadata:\n  name: wéb\n  next: ünï\n";
        let (file, parsed) = parse_text(text);
        let root = &parsed.documents[0].root;
        assert_eq!(at(text, root, "ключ"), ("ключ", "значение"));
        assert_eq!(at(text, root, "metadata.name"), ("name", "wéb"));
        assert_eq!(at(text, root, "metadata.next"), ("next", "ünï"));
        let name = root.lookup(&parse_path("metadata.next")).expect("next");
        assert_eq!(file.position(name.node.span.start), pos(4, 9));
    }

    #[test]
    fn parse_path_splits_keys_and_indexes() {
        use PathSegment::{Index, Key};
        assert_eq!(
            parse_path("a.b[0].c"),
            [Key("a"), Key("b"), Index(0), Key("c")]
        );
        assert_eq!(
            parse_path("a.0[1][2]"),
            [Key("a"), Key("0"), Index(1), Index(2)]
        );
        assert_eq!(parse_path("x-y/z[n]"), [Key("x-y/z[n]")]);
        assert!(parse_path("").is_empty());
    }

    #[test]
    fn get_prefers_the_last_duplicate_key() {
        let root = root("a: 1\na: 2\nrealtor.dev/ignore: x\n");
        assert_eq!(root.get("a").and_then(|e| e.value.as_str()), Some("2"));
        assert!(root.get("realtor.dev/ignore").is_some());
        assert!(root.items().is_empty() && root.index(0).is_none());
        assert_eq!(root.lookup(&[]).map(|l| l.key), Some(None));
    }
}
