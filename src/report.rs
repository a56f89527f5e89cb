//! What a run found: each rule's finding placed in its file (`Diagnostic`), and each file's
//! report (`FileReport`). The pipeline makes them; renderers, baselines and the advisor
//! read them, and know nothing of how they were made.

use std::sync::Arc;

use crate::input::source::Span;
use crate::input::source::{Position, SourceFile};
use crate::model::Workload;
use crate::model::objects::ObjectFacts;
use crate::rules::{Finding, RuleMeta, Severity};

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
}

impl Diagnostic {
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
}
