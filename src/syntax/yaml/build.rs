//! The tree builder: saphyr-parser events into nodes, with an explicit stack, anchors
//! and aliases expanded, merge keys resolved, and the depth and node budgets enforced.

use super::*;

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

pub(super) struct Builder<'t> {
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
    pub(super) documents: Vec<Document>,
}

impl<'t> Builder<'t> {
    pub(super) fn new(text: &'t str, range: Span) -> Self {
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

    pub(super) fn run(&mut self) -> Result<(), YamlError> {
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
