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
            })
            .collect(),
        summary: Summary::of(reports),
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    out.write_all(b"\n")
}
