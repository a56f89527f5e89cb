//! The `junit` format: JUnit XML as CI systems read it (Jenkins, GitLab, Azure). One
//! testsuite, one testcase per file checked, one `<failure>` per diagnostic (type = rule
//! id, message = the finding, body = `file:line:col: ID name: message`).

use super::xml::{self, DECLARATION};
use crate::report::FileReport;

pub fn render(reports: &[FileReport]) -> String {
    let tests = reports.len();
    let failures = reports.iter().filter(|r| !r.diagnostics.is_empty()).count();
    let mut out = String::from(DECLARATION);
    out.push_str(&format!(
        "<testsuites name=\"realtor\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n"
    ));
    out.push_str(&format!(
        "  <testsuite name=\"realtor\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n"
    ));
    for report in reports {
        let path = xml::escape(&report.file.path);
        out.push_str(&format!(
            "    <testcase name=\"{path}\" classname=\"realtor\" file=\"{path}\""
        ));
        if report.diagnostics.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        for d in &report.diagnostics {
            out.push_str(&format!(
                "      <failure type=\"{}\" message=\"{}\">{}:{}:{}: {} {} ({}): {}</failure>\n",
                d.rule.id,
                xml::escape(&d.message),
                xml::escape(&d.file.path),
                d.start.line,
                d.start.column,
                d.rule.id,
                d.rule.name,
                d.severity,
                xml::escape(&d.message),
            ));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
