//! The `realtor advise` formats: a human table with a fleet summary, the versioned JSON
//! contract, a Markdown table for PR comments and job summaries, and CSV for spreadsheets. They read the
//! advisor's verdicts and their findings' positions, nothing of the inputs' syntax.

use serde::Serialize;

use crate::advise::{Advice, Fit, Fleet, Reclaim, Target, fleet};
use crate::rules::Severity;

/// The version of the advice JSON contract.
pub const VERSION: u32 = 1;

/// How many findings a table row names.
const TOP_REASONS: usize = 2;

pub fn human(advice: &[Advice]) -> String {
    let rows: Vec<[String; 6]> = advice
        .iter()
        .map(|a| {
            [
                super::human::neutralise(&label(a)),
                format!("{}:{}", super::human::neutralise(&a.file), a.line),
                format!("{} -> {}", a.current.as_str(), a.recommended.as_str()),
                a.fit.as_str().to_string(),
                format!("{:.2}", a.confidence),
                super::human::neutralise(&reasons(a, "; ")),
            ]
        })
        .collect();
    let header = [
        "WORKLOAD",
        "FILE",
        "CURRENT -> RECOMMENDED",
        "FIT",
        "CONF",
        "TOP REASONS",
    ]
    .map(String::from);
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    let fleet = fleet(advice);
    out.push('\n');
    out.push_str(&format!(
        "{} workloads: {} container, {} sandboxed-container, {} vm, {} insufficient-data\n",
        fleet.workloads,
        fleet.container,
        fleet.sandboxed_container,
        fleet.vm,
        fleet.insufficient_data
    ));
    out.push_str(&format!(
        "reclaimable from VMs that fit containers: {} vCPU, {:.1} GiB memory\n",
        fleet.reclaim_vcpus,
        fleet.reclaim_memory_mib as f64 / 1024.0
    ));
    out
}

pub fn markdown(advice: &[Advice]) -> String {
    let cell = |text: &str| {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('|', "\\|")
            .replace(['\n', '\r'], " ")
    };
    let mut out = String::from(
        "| Workload | File | Current | Recommended | Fit | Confidence | Top reasons |\n|---|---|---|---|---|---|---|\n",
    );
    for a in advice {
        out.push_str(&format!(
            "| {} | `{}:{}` | {} | **{}** | {} | {:.2} | {} |\n",
            cell(&label(a)),
            cell(&a.file),
            a.line,
            a.current.as_str(),
            a.recommended.as_str(),
            a.fit.as_str(),
            a.confidence,
            reasons(a, "\n")
                .split('\n')
                .map(cell)
                .collect::<Vec<_>>()
                .join("<br>"),
        ));
    }
    let fleet = fleet(advice);
    out.push_str(&format!(
        "\n**{} workloads**: {} container, {} sandboxed-container, {} vm, {} insufficient-data. \
         Reclaimable: {} vCPU, {:.1} GiB memory.\n",
        fleet.workloads,
        fleet.container,
        fleet.sandboxed_container,
        fleet.vm,
        fleet.insufficient_data,
        fleet.reclaim_vcpus,
        fleet.reclaim_memory_mib as f64 / 1024.0
    ));
    out
}

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    workloads: Vec<Workload<'a>>,
    summary: Fleet,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Workload<'a> {
    name: &'a str,
    kind: &'a str,
    namespace: Option<&'a str>,
    file: &'a str,
    line: usize,
    current: Target,
    recommended: Target,
    fit: Fit,
    confidence: f64,
    missing: &'a [&'static str],
    findings: Vec<Finding<'a>>,
    reclaim: Option<&'a Reclaim>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Finding<'a> {
    rule: &'static str,
    name: &'static str,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

pub fn json(advice: &[Advice]) -> String {
    let output = Output {
        version: VERSION,
        workloads: advice
            .iter()
            .map(|a| Workload {
                name: &a.name,
                kind: &a.kind,
                namespace: a.namespace.as_deref(),
                file: &a.file,
                line: a.line,
                current: a.current,
                recommended: a.recommended,
                fit: a.fit,
                confidence: a.confidence,
                missing: &a.missing,
                findings: a
                    .findings
                    .iter()
                    .map(|d| Finding {
                        rule: d.rule.id,
                        name: d.rule.name,
                        severity: d.severity,
                        message: &d.message,
                        file: &d.file.path,
                        line: d.start.line,
                        column: d.start.column,
                        end_line: d.end.line,
                        end_column: d.end.column,
                    })
                    .collect(),
                reclaim: a.reclaim.as_ref(),
            })
            .collect(),
        summary: fleet(advice),
    };
    let mut text = serde_json::to_string_pretty(&output).expect("advice serialises");
    text.push('\n');
    text
}

/// One row per workload, for spreadsheets: the verdict, what is missing, the reclaim, and
/// every finding behind it with its position. Text that a spreadsheet would read as a
/// formula (`=`, `+`, `-`, `@` first) is written with a leading `'`.
pub fn csv(advice: &[Advice]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "kind",
        "namespace",
        "name",
        "file",
        "line",
        "current",
        "recommended",
        "fit",
        "confidence",
        "missing",
        "reclaim_vcpus",
        "reclaim_memory_mib",
        "evidence",
    ];
    writer.write_record(header).expect("writes to memory");
    for a in advice {
        let evidence = a
            .findings
            .iter()
            .map(|d| {
                let at = format!("{}:{}:{}", d.file.path, d.start.line, d.start.column);
                format!("{} {at} {}", d.rule.id, d.message)
            })
            .collect::<Vec<_>>()
            .join("; ");
        let (vcpus, memory) = a
            .reclaim
            .as_ref()
            .map_or((String::new(), String::new()), |r| {
                (r.vcpus.to_string(), r.memory_mib.to_string())
            });
        let record = [
            a.kind.clone(),
            a.namespace.clone().unwrap_or_default(),
            a.name.clone(),
            a.file.clone(),
            a.line.to_string(),
            a.current.as_str().to_string(),
            a.recommended.as_str().to_string(),
            a.fit.as_str().to_string(),
            a.confidence.to_string(),
            a.missing.join(", "),
            vcpus,
            memory,
            evidence,
        ];
        writer
            .write_record(
                record
                    .iter()
                    .map(|cell| spreadsheet_safe(cell).into_owned()),
            )
            .expect("writes to memory");
    }
    String::from_utf8(writer.into_inner().expect("flushes to memory")).expect("UTF-8 cells")
}

/// A cell a spreadsheet shows as text, never runs as a formula.
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let number = cell.parse::<f64>().is_ok();
    if !number && cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn label(advice: &Advice) -> String {
    match &advice.namespace {
        Some(ns) => format!("{} {}/{}", advice.kind, ns, advice.name),
        None if advice.kind == "Dockerfile" => advice.kind.clone(),
        None => format!("{} {}", advice.kind, advice.name),
    }
}

/// The first findings' rules and messages, or what is missing when data is insufficient.
fn reasons(advice: &Advice, separator: &str) -> String {
    if advice.recommended == Target::InsufficientData {
        return format!("missing: {}", advice.missing.join(", "));
    }
    advice
        .findings
        .iter()
        .take(TOP_REASONS)
        .map(|d| format!("{} {}", d.rule.id, d.message))
        .collect::<Vec<_>>()
        .join(separator)
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn cells_a_spreadsheet_would_run_are_text() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@sum"), "'@sum");
        assert_eq!(spreadsheet_safe("-1.5"), "-1.5", "a number stays a number");
        assert_eq!(spreadsheet_safe("web-01"), "web-01");
    }
}
