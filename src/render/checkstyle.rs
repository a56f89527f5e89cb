//! The `checkstyle` format: Checkstyle 4.3 XML as Jenkins' warnings-ng and other report
//! readers take it. One `<file>` per file with findings (an import's findings in a file it read besides the given one, such as an RVTools tab, go under that file), one `<error>` per diagnostic
//! (`source` is `realtor.<ID>`).

use super::xml::{self, DECLARATION};
use crate::report::FileReport;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::from(DECLARATION);
    out.push_str("<checkstyle version=\"4.3\">\n");
    for report in reports {
        for group in report
            .diagnostics
            .chunk_by(|a, b| a.file.path == b.file.path)
        {
            out.push_str(&format!(
                "  <file name=\"{}\">\n",
                xml::escape(&group[0].file.path)
            ));
            for d in group {
                out.push_str(&format!(
                    "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"realtor.{}\"/>\n",
                    d.start.line,
                    d.start.column,
                    d.severity,
                    xml::escape(&format!("{} ({})", d.message, d.rule.name)),
                    d.rule.id,
                ));
            }
            out.push_str("  </file>\n");
        }
    }
    out.push_str("</checkstyle>\n");
    out
}
