//! The `gitlab` format: GitLab Code Quality (a Code Climate issue list) with a stable
//! fingerprint per finding, so merge requests show what is new and what was fixed.

use serde::Serialize;

use super::fingerprint;
use crate::report::FileReport;
use crate::rules::Severity;

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: &'static str,
    description: String,
    categories: [&'static str; 1],
    severity: &'static str,
    fingerprint: String,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

pub fn render(reports: &[FileReport]) -> String {
    let issues: Vec<Issue> = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .zip(fingerprint::fingerprints(reports))
        .map(|(d, fingerprint)| Issue {
            kind: "issue",
            check_name: d.rule.id,
            description: format!("{} {}: {}", d.rule.id, d.rule.name, d.message),
            categories: [
                if crate::rules::catalog::security_severity(d.rule).is_some() {
                    "Security"
                } else {
                    "Bug Risk"
                },
            ],
            severity: severity(d.severity),
            fingerprint,
            location: Location {
                path: d.file.path.trim_start_matches("./"),
                lines: Lines {
                    begin: d.start.line,
                    end: d.end.line,
                },
            },
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).expect("issues serialise");
    text.push('\n');
    text
}
