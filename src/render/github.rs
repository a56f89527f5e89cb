//! The `github` format: GitHub Actions workflow commands, one annotation per diagnostic
//! (`::error file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`) and
//! a closing notice with the totals, because GitHub shows only ten errors and ten warnings
//! per step. Everything taken from scanned files is escaped, so a file name or message
//! cannot end the command early or start another one.

use super::Summary;
use crate::report::FileReport;
use crate::rules::Severity;

/// Escapes a command's message: `%`, CR and LF.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value: as a message, plus `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        let title = format!("realtor ({} {})", d.rule.id, d.rule.name);
        let mut message = d.message.clone();
        if let Some(workload) = &d.workload {
            message.push_str(&format!(" (in {workload})"));
        }
        if let Some(help) = &d.help {
            message.push('\n');
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            command(d.severity),
            escape_property(&d.file.path),
            d.start.line,
            d.start.column,
            d.end.line,
            d.end.column,
            escape_property(&title),
            escape_data(&message),
        ));
    }
    let summary = Summary::of(reports);
    out.push_str(&format!(
        "::notice title=realtor::{} error(s), {} warning(s), {} info(s) in {} file(s)\n",
        summary.errors, summary.warnings, summary.infos, summary.files
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_neutralises_command_syntax() {
        assert_eq!(escape_data("100%\r\n::x"), "100%25%0D%0A::x");
        assert_eq!(escape_property("a,b:c%0A"), "a%2Cb%3Ac%250A");
    }
}
