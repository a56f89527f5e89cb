//! The human format: one annotated snippet per diagnostic (miette's graphical report: the
//! rule, `file:line:col`, the source with the span underlined and labelled with what is
//! wrong there, and a help line at the rule's first diagnostic in the file), under a heading naming the object (a Kubernetes
//! workload, a VM) once for all its diagnostics; then a one-line summary. Control
//! characters from scanned files are neutralised so a file cannot drive the terminal.

use std::fmt;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use super::Summary;
use crate::input::source::SourceFile;
use crate::report::Diagnostic;
use crate::report::{FileReport, Status};
use crate::rules::Severity;

/// Writes the report, one diagnostic at a time; `summary` adds the closing line with the
/// counts.
pub fn write(
    reports: &[FileReport],
    color: bool,
    summary: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut text = String::new();
    for report in reports {
        if report.diagnostics.is_empty() {
            continue;
        }
        let named = |file: &SourceFile| {
            Arc::new(NamedSource::new(file.path.clone(), neutralise(&file.text)))
        };
        let source = named(&report.file);
        let mut object: Option<&str> = None;
        let mut helped = std::collections::HashSet::new();
        let dockerfile = format!("Dockerfile {}", report.file.path);
        for diagnostic in &report.diagnostics {
            if let Some(workload) = diagnostic.workload.as_deref()
                && object != Some(workload)
                && workload != dockerfile
            {
                writeln!(out, "{} in {}:", neutralise(workload), report.file.path)?;
            }
            object = diagnostic.workload.as_deref();
            let source = if Arc::ptr_eq(&diagnostic.file, &report.file) {
                Arc::clone(&source)
            } else {
                named(&diagnostic.file)
            };
            let shown = Shown {
                diagnostic,
                message: neutralise(&diagnostic.message),
                source,
                with_help: helped.insert(diagnostic.rule.id),
            };
            text.clear();
            if handler.render_report(&mut text, &shown).is_err() {
                text.push_str(&shown.message);
                text.push('\n');
            }
            text.push('\n');
            out.write_all(text.as_bytes())?;
        }
    }
    if summary {
        writeln!(out, "{}", summary_line(reports))?;
    }
    Ok(())
}

fn summary_line(reports: &[FileReport]) -> String {
    let summary = Summary::of(reports);
    let failed = reports.iter().filter(|r| r.status == Status::Error).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "{}, {}, {} in {}",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
        plural(summary.files, "file"),
    );
    if failed > 0 {
        line.push_str(&format!(" ({failed} could not be read or parsed)"));
    }
    line
}

/// Replace control characters other than tab and line breaks with `?`, byte for byte, so
/// spans stay valid.
pub(super) fn neutralise(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && !matches!(c, '\n' | '\r' | '\t') {
                "?".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
}

struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    message: String,
    source: Arc<NamedSource<String>>,
    /// The help is shown at a rule's first diagnostic in a file only.
    with_help: bool,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}",
            self.diagnostic.rule.id, self.diagnostic.rule.name
        )
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    /// The rule's help (at its first diagnostic in a file) and every related place.
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.diagnostic.help.as_deref().filter(|_| self.with_help);
        let related = self.diagnostic.related.iter().map(|r| {
            format!(
                "see {}:{}:{}: {}",
                r.file.path, r.start.line, r.start.column, r.message
            )
        });
        let lines: Vec<String> = help
            .map(str::to_string)
            .into_iter()
            .chain(related)
            .collect();
        (!lines.is_empty()).then(|| Box::new(lines.join("\n")) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source.as_ref())
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = &self.diagnostic.span;
        let label = LabeledSpan::new(Some(self.message.clone()), span.start, span.len());
        Some(Box::new(std::iter::once(label)))
    }
}
