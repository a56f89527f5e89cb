//! The `--format json` contract (version 1): files with their status, diagnostics with
//! 1-based lines and character columns (end exclusive), and a summary.

use serde::Serialize;

use super::Summary;
use crate::report::{FileKind, FileReport, Status};

pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool,
    files: Vec<File<'a>>,
    diagnostics: Vec<Diagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    kind: FileKind,
    status: Status,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    rule: &'static str,
    name: &'static str,
    severity: crate::rules::Severity,
    message: &'a str,
    help: Option<&'a str>,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    workload: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<Related<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<Fix<'a>>,
}

/// The edits that fix a diagnostic, in its file (`realtor check --fix` applies them).
#[derive(Serialize)]
struct Fix<'a> {
    safety: crate::rules::Safety,
    description: &'a str,
    edits: Vec<Edit<'a>>,
}

/// Replace from (line, column) to (end line, end column), exclusive, by `text`.
#[derive(Serialize)]
struct Edit<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    text: &'a str,
}

/// Another place that explains a diagnostic (the template that rendered a value).
#[derive(Serialize)]
struct Related<'a> {
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

/// Writes the report as pretty-printed JSON, streamed to `out` rather than built in memory.
pub fn write(reports: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let output = Output {
        version: VERSION,
        tool: Tool {
            name: "realtor",
            version: env!("CARGO_PKG_VERSION"),
        },
        files: reports
            .iter()
            .map(|r| File {
                path: &r.file.path,
                kind: r.kind,
                status: r.status,
            })
            .collect(),
        diagnostics: reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .map(|d| Diagnostic {
                rule: d.rule.id,
                name: d.rule.name,
                severity: d.severity,
                message: &d.message,
                help: d.help.as_deref(),
                file: &d.file.path,
                line: d.start.line,
                column: d.start.column,
                end_line: d.end.line,
                end_column: d.end.column,
                workload: d.workload.as_deref(),
                related: d
                    .related
                    .iter()
                    .map(|r| Related {
                        message: &r.message,
                        file: &r.file.path,
                        line: r.start.line,
                        column: r.start.column,
                        end_line: r.end.line,
                        end_column: r.end.column,
                    })
                    .collect(),
                fix: d.fix.as_ref().map(|fix| Fix {
                    safety: fix.safety,
                    description: &fix.description,
                    edits: fix
                        .edits
                        .iter()
                        .map(|edit| {
                            let (start, end) = (
                                d.file.position(edit.span.start),
                                d.file.end_position(&edit.span),
                            );
                            Edit {
                                line: start.line,
                                column: start.column,
                                end_line: end.line,
                                end_column: end.column,
                                text: &edit.text,
                            }
                        })
                        .collect(),
                }),
            })
            .collect(),
        summary: Summary::of(reports),
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    out.write_all(b"\n")
}
