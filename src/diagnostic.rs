//! Diagnostics: what a rule (or a parser) found, where, and how bad it is. Renderers
//! turn these into text; nothing here knows an output format.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::rules::RuleMeta;
use crate::source::{Position, SourceFile, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finding as a rule reports it: which rule, where in the current file, what.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    /// The workload the finding belongs to, e.g. `Deployment shop/storefront`.
    pub workload: Option<String>,
    /// Where the finding is, independent of line numbers (`Deployment shop/web >
    /// spec.template.spec.containers[web].image`, `stage build > RUN[2]`): what a baseline
    /// matches on, so reformatting a file does not resurrect its findings.
    pub logical: Option<String>,
}

impl Finding {
    pub fn new(rule: &'static RuleMeta, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule,
            span,
            message: message.into(),
            help: None,
            workload: None,
            logical: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

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
