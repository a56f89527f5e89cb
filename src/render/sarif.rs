//! The `sarif` format: SARIF 2.1.0 as GitHub code scanning reads it. One run whose
//! `tool.driver.rules` is the whole registry (so alerts link to documentation even for
//! rules that found nothing) and one result per diagnostic with a single location, a
//! repo-relative URI and a stable `primaryLocationLineHash`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::fingerprint;
use crate::report::FileReport;
use crate::rules::Severity;
use crate::rules::{self, RuleMeta, catalog};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// SARIF caps `shortDescription` and `fullDescription` at 1024 characters for GitHub.
const MAX_DESCRIPTION: usize = 1024;

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    help_uri: String,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
    #[serde(rename = "security-severity", skip_serializing_if = "Option::is_none")]
    security_severity: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

/// A `fix`: what it does, and its replacements in the result's file.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: [ArtifactChange; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

/// `relatedLocations`: an id unique in its result, and the place with what it is.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => {
            let kept: String = text[..cut].chars().take(max - 1).collect();
            format!("{kept}…")
        }
        None => text.to_string(),
    }
}

fn rule(meta: &'static RuleMeta) -> Rule {
    let url = catalog::doc_url(meta);
    let body = catalog::doc_body(meta);
    Rule {
        id: meta.id,
        name: meta.name,
        short_description: Text {
            text: truncate(meta.summary, MAX_DESCRIPTION),
        },
        full_description: Text {
            text: truncate(catalog::what_it_checks(meta), MAX_DESCRIPTION),
        },
        help: Help {
            text: format!("{}\n\n{body}\nDocumentation: {url}\n", meta.help),
            markdown: format!("{}\n\n{body}\n[Documentation]({url})\n", meta.help),
        },
        help_uri: url,
        default_configuration: Configuration {
            level: level(meta.severity),
        },
        properties: RuleProperties {
            tags: catalog::tags(meta),
            security_severity: catalog::security_severity(meta),
        },
    }
}

/// A path (with `/` separators) as a relative URI reference: no leading `./`, and every byte
/// outside the unreserved set and `/` percent-encoded. Absolute paths become `file:` URIs.
pub fn uri(path: &str) -> String {
    let path = path.trim_start_matches("./");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for &byte in path.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Writes the SARIF log, streamed to `out` rather than built in memory.
pub fn write(reports: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let registry: Vec<&'static RuleMeta> = rules::all().collect();
    let fingerprints = fingerprint::fingerprints(reports);
    let results = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .zip(fingerprints)
        .map(|(d, fingerprint)| {
            let text = match &d.workload {
                Some(workload) => format!("{} (in {workload})", d.message),
                None => d.message.clone(),
            };
            SarifResult {
                rule_id: d.rule.id,
                rule_index: registry
                    .iter()
                    .position(|r| r.id == d.rule.id)
                    .expect("diagnostics come from registered rules"),
                level: level(d.severity),
                message: Text { text },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: uri(&d.file.path),
                        },
                        region: Region {
                            start_line: d.start.line,
                            start_column: d.start.column,
                            end_line: d.end.line,
                            end_column: d.end.column,
                        },
                    },
                }],
                related_locations: d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(id, r)| RelatedLocation {
                        id,
                        physical_location: PhysicalLocation {
                            artifact_location: ArtifactLocation {
                                uri: uri(&r.file.path),
                            },
                            region: Region {
                                start_line: r.start.line,
                                start_column: r.start.column,
                                end_line: r.end.line,
                                end_column: r.end.column,
                            },
                        },
                        message: Text {
                            text: r.message.clone(),
                        },
                    })
                    .collect(),
                fixes: d
                    .fix
                    .iter()
                    .map(|fix| SarifFix {
                        description: Text {
                            text: format!("{} ({})", fix.description, fix.safety.as_str()),
                        },
                        artifact_changes: [ArtifactChange {
                            artifact_location: ArtifactLocation {
                                uri: uri(&d.file.path),
                            },
                            replacements: fix
                                .edits
                                .iter()
                                .map(|edit| {
                                    let start = d.file.position(edit.span.start);
                                    let end = d.file.end_position(&edit.span);
                                    Replacement {
                                        deleted_region: Region {
                                            start_line: start.line,
                                            start_column: start.column,
                                            end_line: end.line,
                                            end_column: end.column,
                                        },
                                        inserted_content: Text {
                                            text: edit.text.clone(),
                                        },
                                    }
                                })
                                .collect(),
                        }],
                    })
                    .collect(),
                partial_fingerprints: BTreeMap::from([("primaryLocationLineHash", fingerprint)]),
            }
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "realtor",
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: catalog::REPOSITORY,
                    rules: registry.into_iter().map(rule).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("./k8s/app.yaml"), "k8s/app.yaml");
        assert_eq!(uri("dir/my file%\\.yaml"), "dir/my%20file%25%5C.yaml");
        assert_eq!(uri("/abs/é"), "file:///abs/%C3%A9");
    }

    #[test]
    fn descriptions_are_cut_at_characters() {
        assert_eq!(truncate("ééé", 3), "ééé");
        assert_eq!(truncate("éééé", 3), "éé…");
        assert_eq!(truncate("éééé", 3).chars().count(), 3);
    }
}
