//! What a run found: each rule's finding placed in its file (`Diagnostic`), and each file's
//! report (`FileReport`). The pipeline makes them; renderers, baselines and the advisor
//! read them, and know nothing of how they were made.

use std::sync::Arc;

use crate::input::source::Span;
use crate::input::source::{Attachment, Position, SourceFile, locate};
use crate::model::Workload;
use crate::model::objects::ObjectFacts;
use crate::rules::{Finding, Fix, RuleMeta, Severity};

/// A finding placed in its file, with its effective severity after configuration.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub workload: Option<String>,
    pub logical: Option<String>,
    pub file: Arc<SourceFile>,
    pub span: Span,
    pub start: Position,
    pub end: Position,
    pub related: Vec<Related>,
    /// The fix, its edits' spans in `file`.
    pub fix: Option<Fix>,
}

/// Another place that explains a diagnostic, in its file.
#[derive(Debug, Clone)]
pub struct Related {
    pub file: Arc<SourceFile>,
    pub start: Position,
    pub end: Position,
    pub message: String,
}

impl Related {
    pub fn new(file: &Arc<SourceFile>, span: &Span, message: String) -> Self {
        Related {
            file: Arc::clone(file),
            start: file.position(span.start),
            end: file.end_position(span),
            message,
        }
    }
}

impl Diagnostic {
    /// A diagnostic in `file`; the finding's related spans must be placed by the caller
    /// (they may lie in other files), and are dropped here. The fix is kept as it is: its
    /// spans must be in `file` already.
    pub fn new(finding: Finding, severity: Severity, file: &Arc<SourceFile>) -> Self {
        let start = file.position(finding.span.start);
        let end = file.end_position(&finding.span);
        Diagnostic {
            rule: finding.rule,
            severity,
            message: finding.message,
            help: finding.help.or_else(|| Some(finding.rule.help.to_string())),
            workload: finding.workload,
            logical: finding.logical,
            file: Arc::clone(file),
            span: finding.span,
            start,
            end,
            related: Vec::new(),
            fix: finding.fix,
        }
    }

    /// The stable order of output: file, line, column, rule.
    pub fn sort_key(&self) -> (&str, Position, &'static str) {
        (&self.file.path, self.start, self.rule.id)
    }
}

/// What a file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Dockerfile,
    Kubernetes,
    Inventory,
    Compose,
    /// Neither: a YAML file of another tool, or a file named on the command line that
    /// realtor does not read.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Error,
}

#[derive(Debug)]
pub struct FileReport {
    pub file: Arc<SourceFile>,
    pub kind: FileKind,
    pub status: Status,
    pub diagnostics: Vec<Diagnostic>,
    /// Placement findings folded into another rule's finding at the same span: not
    /// reported on their own, but weighed by the advisor.
    pub folded: Vec<Diagnostic>,
    pub workloads: Vec<Workload>,
    /// What rules over the whole set of files need from its Kubernetes objects.
    pub objects: Vec<ObjectFacts>,
    /// The files read besides this one, which workload spans may point into.
    pub attachments: Vec<Attachment>,
}

impl FileReport {
    /// The file a span of this report's span space is in, and the span within it.
    pub fn place(&self, span: &Span) -> (&Arc<SourceFile>, Span) {
        match locate(&self.attachments, span) {
            Some((attachment, span)) => (&attachment.file, span),
            None => (&self.file, span.clone()),
        }
    }
}
