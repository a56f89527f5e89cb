//! `realtor advise --format xlsx`: the advice as a workbook for spreadsheet users, with
//! three sheets: Workloads (one row per workload, the verdict and the reclaim), Findings
//! (one row per finding behind a verdict, with its position) and Summary (the fleet's
//! totals). Text is written as text cells, so nothing in a file name or message can run as
//! a formula; numbers are numbers.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::advise::{Advice, fleet};

/// The workbook's bytes.
pub fn xlsx(advice: &[Advice]) -> Result<Vec<u8>, String> {
    build(advice).map_err(|e| format!("xlsx: {e}"))
}

fn build(advice: &[Advice]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let workloads = workbook.add_worksheet().set_name("Workloads")?;
    header(
        workloads,
        &bold,
        &[
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
            "reclaim vCPU",
            "reclaim memory MiB",
        ],
    )?;
    for (index, a) in advice.iter().enumerate() {
        let row = row(index)?;
        let texts = [
            &a.kind,
            a.namespace.as_deref().unwrap_or(""),
            &a.name,
            &a.file,
        ];
        for (column, text) in (0u16..).zip(texts) {
            workloads.write_string(row, column, text)?;
        }
        workloads.write_number(row, 4, a.line as f64)?;
        workloads.write_string(row, 5, a.current.as_str())?;
        workloads.write_string(row, 6, a.recommended.as_str())?;
        workloads.write_string(row, 7, a.fit.as_str())?;
        workloads.write_number(row, 8, a.confidence)?;
        workloads.write_string(row, 9, a.missing.join(", "))?;
        if let Some(reclaim) = &a.reclaim {
            workloads.write_number(row, 10, reclaim.vcpus)?;
            workloads.write_number(row, 11, reclaim.memory_mib as f64)?;
        }
    }
    workloads.autofilter(0, 0, advice.len().try_into().unwrap_or(u32::MAX), 11)?;
    workloads.set_freeze_panes(1, 0)?;
    let findings = workbook.add_worksheet().set_name("Findings")?;
    header(
        findings,
        &bold,
        &[
            "workload", "rule", "name", "severity", "message", "file", "line", "column",
        ],
    )?;
    let mut index = 0;
    for a in advice {
        let workload = format!("{} {}", a.kind, a.name);
        for d in &a.findings {
            let row = row(index)?;
            index += 1;
            let texts = [
                workload.as_str(),
                d.rule.id,
                d.rule.name,
                d.severity.as_str(),
                d.message.as_str(),
                d.file.path.as_str(),
            ];
            for (column, text) in (0u16..).zip(texts) {
                findings.write_string(row, column, text)?;
            }
            findings.write_number(row, 6, d.start.line as f64)?;
            findings.write_number(row, 7, d.start.column as f64)?;
        }
    }
    findings.set_freeze_panes(1, 0)?;
    let totals = fleet(advice);
    let summary = workbook.add_worksheet().set_name("Summary")?;
    header(summary, &bold, &["measure", "value"])?;
    let rows = [
        ("workloads", totals.workloads as f64),
        ("recommended container", totals.container as f64),
        (
            "recommended sandboxed container",
            totals.sandboxed_container as f64,
        ),
        ("recommended vm", totals.vm as f64),
        ("insufficient data", totals.insufficient_data as f64),
        ("reclaimable vCPU", totals.reclaim_vcpus),
        ("reclaimable memory MiB", totals.reclaim_memory_mib as f64),
    ];
    for (index, (name, value)) in rows.iter().enumerate() {
        let row = row(index)?;
        summary.write_string(row, 0, *name)?;
        summary.write_number(row, 1, *value)?;
    }
    workbook.save_to_buffer()
}

fn header(sheet: &mut Worksheet, bold: &Format, names: &[&str]) -> Result<(), XlsxError> {
    for (column, name) in (0u16..).zip(names) {
        sheet.write_string_with_format(0, column, *name, bold)?;
    }
    Ok(())
}

/// The sheet row of the `index`-th record, under the header.
fn row(index: usize) -> Result<u32, XlsxError> {
    u32::try_from(index + 1).map_err(|_| XlsxError::RowColumnLimitError)
}
