//! The `concise` format: one line per finding, `file:line:col: ID name message`, as ruff's
//! concise output and hadolint's terminal output print them, for reading a long run at a
//! glance and for tools that parse `file:line:col:` (editors' quickfix lists).

use crate::report::FileReport;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        out.push_str(&format!(
            "{}:{}:{}: {} {} {}\n",
            d.file.path, d.start.line, d.start.column, d.rule.id, d.rule.name, d.message
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::input::discover::Hint;
    use crate::input::source::SourceFile;
    use crate::pipeline::{Settings, check};

    #[test]
    fn one_line_per_finding_with_its_position() {
        let report = check::check(
            SourceFile::new("app/Dockerfile", "FROM alpine\nMAINTAINER me\n"),
            Hint::Dockerfile,
            true,
            &Settings::default(),
        );
        let text = super::render(&[report]);
        assert!(
            text.lines()
                .any(|l| l == "app/Dockerfile:2:1: D005 maintainer `MAINTAINER` is deprecated"),
            "{text}"
        );
        assert!(
            text.lines().all(|l| l.starts_with("app/Dockerfile:")),
            "{text}"
        );
    }
}
