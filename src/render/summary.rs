//! The Markdown job summary for GitHub Actions (`$GITHUB_STEP_SUMMARY` or `--summary`):
//! the totals first, a table of the rules that fired most, the placement advice, then the
//! findings per file in `<details>` blocks. GitHub refuses a step summary over 1 MiB, so the findings stop
//! before [`MAX_BYTES`] with a note saying how many were left out.

use std::collections::BTreeMap;

use super::Summary;
use crate::advise::Advice;
use crate::report::FileReport;
use crate::rules::catalog;

/// Stay well under GitHub's 1 MiB limit per step summary.
pub const MAX_BYTES: usize = 1000 * 1000;
const TOP_RULES: usize = 10;
/// The share of the summary the advice table may take.
const ADVICE_BYTES: usize = 300 * 1000;

/// Text safe inside Markdown, also inside a table cell: HTML and Markdown punctuation
/// from scanned files is escaped, line breaks become spaces.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The summary of a run's reports, with the advice the advisor gave on them.
pub fn render(reports: &[FileReport], advice: &[Advice]) -> String {
    let summary = Summary::of(reports);
    let mut out = String::from("### realtor\n\n");
    let status = if summary.errors + summary.warnings + summary.infos == 0 {
        "No findings"
    } else {
        "Findings"
    };
    out.push_str(&format!(
        "{status} in {} file(s).\n\n| errors | warnings | infos |\n|---:|---:|---:|\n| {} | {} | {} |\n\n",
        summary.files, summary.errors, summary.warnings, summary.infos
    ));

    let mut by_rule: BTreeMap<&str, (usize, &'static crate::rules::RuleMeta)> = BTreeMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        by_rule.entry(d.rule.id).or_insert((0, d.rule)).0 += 1;
    }
    if !by_rule.is_empty() {
        let mut counts: Vec<_> = by_rule.into_values().collect();
        counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.id.cmp(b.1.id)));
        out.push_str("| rule | name | findings |\n|---|---|---:|\n");
        for (count, rule) in counts.iter().take(TOP_RULES) {
            out.push_str(&format!(
                "| [{}]({}) | {} | {count} |\n",
                rule.id,
                catalog::doc_url(rule),
                rule.name
            ));
        }
        out.push('\n');
    }

    out.push_str(&advice_section(advice));

    let total: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    let mut shown = 0;
    let note_room = 200;
    'files: for report in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        let mut block = format!(
            "<details><summary>{} ({})</summary>\n\n",
            text(&report.file.path),
            report.diagnostics.len()
        );
        let mut in_block = 0;
        for d in &report.diagnostics {
            let elsewhere = if d.file.path == report.file.path {
                String::new()
            } else {
                format!("{}:", text(&d.file.path))
            };
            let mut line = format!(
                "- {elsewhere}{}:{} **{}** {} ({}): {}",
                d.start.line,
                d.start.column,
                d.rule.id,
                d.rule.name,
                d.severity,
                text(&d.message)
            );
            if let Some(workload) = &d.workload {
                line.push_str(&format!(" (in {})", text(workload)));
            }
            line.push('\n');
            if out.len() + block.len() + line.len() + note_room > MAX_BYTES {
                if in_block > 0 {
                    out.push_str(&block);
                    out.push_str("\n</details>\n\n");
                    shown += in_block;
                }
                break 'files;
            }
            block.push_str(&line);
            in_block += 1;
        }
        out.push_str(&block);
        out.push_str("\n</details>\n\n");
        shown += in_block;
    }
    if shown < total {
        out.push_str(&format!(
            "{} more finding(s) left out to keep this summary under 1 MB: see the SARIF or JSON report.\n\n",
            total - shown
        ));
    }
    out
}

/// Placement advice (`realtor advise`) in a `<details>` block: every workload when the
/// table fits in [`ADVICE_BYTES`], else only those whose recommended home differs from
/// where they run.
fn advice_section(advice: &[Advice]) -> String {
    if advice.is_empty() {
        return String::new();
    }
    let mut table = super::advice::markdown(advice);
    if table.len() > ADVICE_BYTES {
        let moving: Vec<_> = advice
            .iter()
            .filter(|a| a.recommended != a.current)
            .cloned()
            .collect();
        table = super::advice::markdown(&moving);
        if let Some(last_row) = table.as_bytes()[..ADVICE_BYTES.min(table.len())]
            .iter()
            .rposition(|&b| b == b'\n')
        {
            table.truncate(last_row + 1);
        }
        table.push_str("\n(only the workloads to move are listed)\n");
    }
    format!("<details><summary>Placement advice</summary>\n\n{table}\n</details>\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::discover::Hint;
    use crate::input::source::SourceFile;
    use crate::pipeline::{Settings, check};

    fn dockerfile(path: &str, text: &str) -> FileReport {
        check::check(
            SourceFile::new(path, text),
            Hint::Dockerfile,
            true,
            &Settings::default(),
        )
    }

    #[test]
    fn placement_advice_is_summarised() {
        let report = dockerfile("os/Dockerfile", "FROM ubuntu:24.04\nCMD [\"/sbin/init\"]\n");
        let reports = [report];
        let markdown = render(&reports, &crate::advise::advise(&reports));
        let advice = markdown
            .find("<details><summary>Placement advice</summary>")
            .expect("advice block");
        let row = markdown
            .find("`os/Dockerfile:1` | container | **vm**")
            .expect("advice row");
        assert!(advice < row, "{markdown}");
    }

    #[test]
    fn totals_rules_and_details_with_escaped_names() {
        let report = dockerfile("<img src=x>|a.Dockerfile", "FROM alpine\nMAINTAINER me\n");
        let n = report.diagnostics.len();
        let reports = [report];
        let markdown = render(&reports, &crate::advise::advise(&reports));
        assert!(markdown.starts_with("### realtor\n\nFindings in 1 file(s)."));
        assert!(markdown.contains("| [D001]("), "{markdown}");
        assert!(markdown.contains("<details><summary>&lt;img src=x&gt;\\|a.Dockerfile ("));
        assert!(!markdown.contains("<img"));
        assert_eq!(markdown.matches("\n- ").count(), n);
        assert!(!markdown.contains("left out"));
    }

    #[test]
    fn huge_runs_are_cut_under_the_limit_with_a_note() {
        let text =
            "FROM alpine\n".to_string() + &"MAINTAINER someone with a long name\n".repeat(3000);
        let reports: Vec<_> = (0..10)
            .map(|i| dockerfile(&format!("d{i}/Dockerfile"), &text))
            .collect();
        let markdown = render(&reports, &crate::advise::advise(&reports));
        assert!(markdown.len() <= MAX_BYTES, "{}", markdown.len());
        assert!(markdown.contains("more finding(s) left out"));
        assert_eq!(
            markdown.matches("<details>").count(),
            markdown.matches("</details>").count()
        );
    }
}
