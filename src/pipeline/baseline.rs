//! Baselines: the findings a project has accepted for now, recorded by rule, file and
//! logical location (a Kubernetes object and key path, a Dockerfile stage and
//! instruction) rather than by line, so reformatting or moving code does not bring them
//! back. A finding without a logical location is matched by its message. Each recorded
//! entry silences as many findings as it counts, so a second copy of a problem shows.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::report::Diagnostic;
use crate::report::FileReport;

const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    file: String,
    location: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    count: usize,
}

fn one() -> usize {
    1
}

fn is_one(count: &usize) -> bool {
    *count == 1
}

type Key = (String, String, String);

fn key(d: &Diagnostic) -> Key {
    let location = d
        .logical
        .clone()
        .unwrap_or_else(|| format!("message: {}", d.message));
    let file = d.file.path.trim_start_matches("./").to_string();
    (d.rule.id.to_string(), file, location)
}

/// The accepted findings, with how many of each are still to be matched.
#[derive(Debug, Default)]
pub struct Baseline {
    remaining: BTreeMap<Key, usize>,
}

pub fn load(path: &Path) -> Result<Baseline, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("baseline {}: {e}", path.display()))?;
    let file: File =
        serde_json::from_str(&text).map_err(|e| format!("baseline {}: {e}", path.display()))?;
    if file.version != VERSION {
        return Err(format!(
            "baseline {}: version {} is not supported (realtor writes version {VERSION})",
            path.display(),
            file.version
        ));
    }
    let mut remaining = BTreeMap::new();
    for entry in file.findings {
        *remaining
            .entry((entry.rule, entry.file, entry.location))
            .or_default() += entry.count;
    }
    Ok(Baseline { remaining })
}

/// The baseline file for the findings of `reports`, sorted so it diffs well.
pub fn render(reports: &[FileReport]) -> String {
    let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        *counts.entry(key(d)).or_default() += 1;
    }
    let findings = counts
        .into_iter()
        .map(|((rule, file, location), count)| Entry {
            rule,
            file,
            location,
            count,
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&File {
        version: VERSION,
        findings,
    })
    .expect("baseline serialises");
    text.push('\n');
    text
}

/// Drops the diagnostics the baseline accepts; returns how many were dropped.
pub fn apply(baseline: &mut Baseline, reports: &mut [FileReport]) -> usize {
    let mut dropped = 0;
    for report in reports {
        report
            .diagnostics
            .retain(|d| match baseline.remaining.get_mut(&key(d)) {
                Some(left) if *left > 0 => {
                    *left -= 1;
                    dropped += 1;
                    false
                }
                _ => true,
            });
    }
    dropped
}
