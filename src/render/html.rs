//! `realtor advise --format html`: the placement report as one self-contained page to hand
//! on. No network, no external script or font; it reads without JavaScript. The charts are
//! inline SVG with text labels: workloads per current and recommended placement, fit tiers,
//! the most common reasons for each placement, and what can be reclaimed. Every workload is
//! a row of a table (sortable and filterable when JavaScript runs) with its first piece of
//! evidence, and has a page of its own, a section shown when its row's link targets it,
//! with all of it: each finding's file, line and source line.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::advise::{Advice, Fit, Target, fleet};

/// The longest source line an evidence snippet shows, in characters.
const SNIPPET: usize = 160;

/// The longest source line a row of the table shows, in characters.
const ROW_SNIPPET: usize = 80;

/// How many rows each table of the workloads holds; see [`table`].
const ROWS_PER_TABLE: usize = 500;

/// How many rules a chart of reasons lists.
const TOP_REASONS: usize = 8;

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

pub fn html(advice: &[Advice]) -> String {
    let fleet = fleet(advice);
    let mut out = String::with_capacity(2048 + advice.len() * 700);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>realtor placement report</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<main>\n<h1>Placement report</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"totals\" id=\"totals\"><strong>{} workloads</strong>: {} container, {} sandboxed container, {} VM, {} with too little data. Reclaimable from VMs that fit containers: <strong>{} vCPU</strong> and <strong>{:.1} GiB</strong> of memory.</p>",
        fleet.workloads,
        fleet.container,
        fleet.sandboxed_container,
        fleet.vm,
        fleet.insufficient_data,
        fleet.reclaim_vcpus,
        fleet.reclaim_memory_mib as f64 / 1024.0
    );
    out.push_str("<div class=\"charts\">\n");
    out.push_str(&placements_chart(advice));
    out.push_str(&bar_chart(
        "Fit",
        "fit",
        &FITS
            .iter()
            .map(|fit| {
                (
                    fit.as_str().to_string(),
                    advice.iter().filter(|a| a.fit == *fit).count() as f64,
                )
            })
            .collect::<Vec<_>>(),
    ));
    for (title, id, targets) in [
        ("Top reasons for a VM", "vm-reasons", &[Target::Vm][..]),
        (
            "Top reasons for a container",
            "container-reasons",
            &[Target::Container, Target::SandboxedContainer][..],
        ),
    ] {
        out.push_str(&bar_chart(title, id, &top_reasons(advice, targets)));
    }
    out.push_str(&bar_chart(
        "Reclaimable",
        "reclaim",
        &[
            ("vCPU".to_string(), fleet.reclaim_vcpus),
            (
                "memory GiB".to_string(),
                (fleet.reclaim_memory_mib as f64 / 102.4).round() / 10.0,
            ),
        ],
    ));
    out.push_str("</div>\n");
    table(advice, &mut out);
    for (index, a) in advice.iter().enumerate() {
        workload_page(index, a, &mut out);
    }
    // An open page covers the screen, whatever the tables above it measure while the
    // browser skips them; one link back serves every page, shown above the one open.
    out.push_str("<p class=\"back\"><a href=\"#workloads\">All workloads</a></p>\n");
    out.push_str("</main>\n<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

const FITS: [Fit; 7] = [
    Fit::Excellent,
    Fit::Good,
    Fit::MinimalWork,
    Fit::ModerateWork,
    Fit::MajorWork,
    Fit::NoFit,
    Fit::InsufficientData,
];

const TARGETS: [Target; 4] = [
    Target::Container,
    Target::SandboxedContainer,
    Target::Vm,
    Target::InsufficientData,
];

/// The rules behind the verdicts of the workloads recommended one of `targets`, most
/// common first, as (`ID name`, workloads).
fn top_reasons(advice: &[Advice], targets: &[Target]) -> Vec<(String, f64)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for a in advice.iter().filter(|a| targets.contains(&a.recommended)) {
        let mut seen: Vec<(&str, &str)> = a
            .findings
            .iter()
            .map(|d| (d.rule.id, d.rule.name))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for (id, name) in seen {
            *counts.entry(format!("{id} {name}")).or_default() += 1;
        }
    }
    let mut top: Vec<(String, usize)> = counts.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    top.truncate(TOP_REASONS);
    top.into_iter().map(|(name, n)| (name, n as f64)).collect()
}

/// Horizontal bars with their label and value written out, in an SVG that scales to its box.
fn bar_chart(title: &str, id: &str, bars: &[(String, f64)]) -> String {
    let max = bars.iter().map(|(_, v)| *v).fold(0.0, f64::max).max(1.0);
    let row = 26.0;
    let height = (bars.len().max(1) as f64) * row + 8.0;
    let mut svg = format!(
        "<figure class=\"chart\" id=\"{id}\"><figcaption>{}</figcaption>\n<svg viewBox=\"0 0 400 {height}\" role=\"img\" aria-labelledby=\"{id}-title\"><title id=\"{id}-title\">{}</title>\n",
        escape(title),
        escape(title)
    );
    if bars.is_empty() {
        let _ = writeln!(svg, "<text x=\"4\" y=\"20\" class=\"label\">none</text>");
    }
    for (index, (label, value)) in bars.iter().enumerate() {
        let y = index as f64 * row + 4.0;
        let width = (value / max * 150.0).max(if *value > 0.0 { 2.0 } else { 0.0 });
        let _ = writeln!(
            svg,
            "<text x=\"4\" y=\"{}\" class=\"label\">{}</text><rect x=\"210\" y=\"{}\" width=\"{width:.1}\" height=\"16\" class=\"bar\"/><text x=\"{:.1}\" y=\"{}\" class=\"value\">{}</text>",
            y + 13.0,
            escape(&shorten(label, 34)),
            y + 2.0,
            214.0 + width,
            y + 13.0,
            number(*value),
        );
    }
    svg.push_str("</svg></figure>\n");
    svg
}

/// Each current placement, as a bar split by recommended placement.
fn placements_chart(advice: &[Advice]) -> String {
    let total = advice.len().max(1) as f64;
    let mut svg = String::from(
        "<figure class=\"chart\" id=\"placements\"><figcaption>Current → recommended</figcaption>\n<svg viewBox=\"0 0 400 120\" role=\"img\" aria-labelledby=\"placements-title\"><title id=\"placements-title\">Workloads per current and recommended placement</title>\n",
    );
    for (row, current) in [Target::Container, Target::SandboxedContainer, Target::Vm]
        .iter()
        .enumerate()
    {
        let y = row as f64 * 36.0 + 4.0;
        let here: Vec<&Advice> = advice.iter().filter(|a| a.current == *current).collect();
        let _ = writeln!(
            svg,
            "<text x=\"4\" y=\"{}\" class=\"label\">{} ({})</text>",
            y + 10.0,
            current.as_str(),
            here.len()
        );
        let mut x = 4.0;
        for target in TARGETS {
            let n = here.iter().filter(|a| a.recommended == target).count();
            if n == 0 {
                continue;
            }
            let width = n as f64 / total * 392.0;
            let _ = writeln!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{}\" width=\"{width:.1}\" height=\"14\" class=\"to-{}\"><title>{} → {}: {n}</title></rect>",
                y + 14.0,
                target.as_str(),
                current.as_str(),
                target.as_str()
            );
            x += width;
        }
    }
    svg.push_str("</svg>\n<p class=\"legend\">");
    for target in TARGETS {
        let _ = write!(
            svg,
            "<span class=\"key to-{}\"></span>{} ",
            target.as_str(),
            target.as_str()
        );
    }
    svg.push_str("</p></figure>\n");
    svg
}

/// The headings of the workloads table; `report.css` gives each column its width.
const COLUMNS: [&str; 8] = [
    "Workload",
    "Kind",
    "File",
    "Current",
    "Recommended",
    "Fit",
    "Confidence",
    "Evidence",
];

/// The workloads table, as one `table` per [`ROWS_PER_TABLE`] rows: a browser lays out a
/// table whole, but skips the boxes around those off screen (`content-visibility: auto`).
/// Every table has the same headings and fixed column widths, so the columns line up.
fn table(advice: &[Advice], out: &mut String) {
    out.push_str("<h2>Workloads</h2>\n<p><input type=\"search\" id=\"filter\" placeholder=\"Filter workloads\" aria-label=\"Filter workloads\" hidden></p>\n");
    out.push_str("<div class=\"scroll\" id=\"workloads\">\n");
    let mut head = String::from("<colgroup>");
    head.push_str(&"<col>".repeat(COLUMNS.len()));
    head.push_str("</colgroup><thead><tr>");
    for (index, name) in COLUMNS.iter().enumerate() {
        let _ = write!(head, "<th data-column=\"{index}\">{name}</th>");
    }
    head.push_str("</tr></thead>\n<tbody>\n");
    for (chunk, rows) in advice.chunks(ROWS_PER_TABLE).enumerate() {
        out.push_str("<div class=\"rows\"><table>");
        out.push_str(&head);
        for (offset, a) in rows.iter().enumerate() {
            let index = chunk * ROWS_PER_TABLE + offset;
            let _ = writeln!(
                out,
                "<tr><td><a href=\"#w{index}\">{}</a></td><td>{}</td><td>{}:{}</td><td>{}</td><td class=\"to-{}\">{}</td><td>{}</td><td>{:.2}</td><td>{}</td></tr>",
                escape(&name(a)),
                escape(&a.kind),
                escape(&a.file),
                a.line,
                a.current.as_str(),
                a.recommended.as_str(),
                a.recommended.as_str(),
                a.fit.as_str(),
                a.confidence,
                evidence(a),
            );
        }
        out.push_str("</tbody></table></div>\n");
    }
    if advice.is_empty() {
        out.push_str("<p>No workload was found.</p>\n");
    }
    out.push_str("</div>\n");
}

/// A row's evidence: its first finding with the place and source line it points at, or
/// what the input did not say.
fn evidence(a: &Advice) -> String {
    match a.findings.first() {
        Some(d) => format!(
            "{} {}<code>{}:{}:{}</code><code>{}</code>",
            d.rule.id,
            escape(&shorten(&d.message, 120)),
            escape(&d.file.path),
            d.start.line,
            d.start.column,
            escape(&shorten(d.file.line_text(d.start.line).trim(), ROW_SNIPPET)),
        ),
        None if a.missing.is_empty() => String::new(),
        None => format!("missing: {}", escape(&a.missing.join(", "))),
    }
}

fn workload_page(index: usize, a: &Advice, out: &mut String) {
    let _ = writeln!(
        out,
        "<section class=\"workload\" id=\"w{index}\"><h2>{}</h2><p>{} in <code>{}:{}</code>: <strong>{} → {}</strong>, fit {}, confidence {:.2}.</p>",
        escape(&label(a)),
        escape(&a.kind),
        escape(&a.file),
        a.line,
        a.current.as_str(),
        a.recommended.as_str(),
        a.fit.as_str(),
        a.confidence
    );
    if !a.missing.is_empty() {
        let _ = writeln!(
            out,
            "<p>Not known from the input: {}.</p>",
            escape(&a.missing.join(", "))
        );
    }
    if let Some(reclaim) = &a.reclaim {
        let _ = writeln!(
            out,
            "<p>Reclaimable as a container: {} vCPU, {:.1} GiB ({}).</p>",
            number(reclaim.vcpus),
            reclaim.memory_mib as f64 / 1024.0,
            reclaim.basis
        );
    }
    if a.findings.is_empty() {
        out.push_str("<p>No placement finding.</p>\n");
    } else {
        out.push_str("<ol class=\"evidence\">\n");
        for d in &a.findings {
            let line = d.file.line_text(d.start.line).trim();
            let _ = writeln!(
                out,
                "<li><strong>{} {}</strong> ({}) {}<br><code>{}:{}:{}</code><pre>{}</pre></li>",
                d.rule.id,
                d.rule.name,
                d.severity.as_str(),
                escape(&d.message),
                escape(&d.file.path),
                d.start.line,
                d.start.column,
                escape(&shorten(line, SNIPPET)),
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

fn label(a: &Advice) -> String {
    format!("{} {}", a.kind, name(a))
}

fn name(a: &Advice) -> String {
    match &a.namespace {
        Some(namespace) => format!("{namespace}/{}", a.name),
        None => a.name.clone(),
    }
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() && c != '\t' => out.push('?'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_is_escaped_and_shortened() {
        assert_eq!(
            super::escape("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(super::shorten("abcdef", 3), "abc…");
        assert_eq!(super::number(2.0), "2");
        assert_eq!(super::number(2.25), "2.2");
    }
}
