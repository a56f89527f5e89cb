//! D061 invalid-label-key: a `LABEL` key outside the label key format.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::{Instruction, key_values};

pub static META: RuleMeta = RuleMeta {
    id: "D061",
    name: "invalid-label-key",
    severity: Severity::Info,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3048"],
    summary: "A `LABEL` key does not follow the label key format (lowercase letters, digits, `.` and `-`, in a reverse-DNS namespace).",
    help: "Use keys like `org.opencontainers.image.source`.",
    doc: include_str!("../../../rules/dockerfile/D061-invalid-label-key.md"),
    extra: Extra {
        opt_in: true,
        ..Extra::NONE
    },
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for instruction in &dockerfile.instructions {
        let Instruction::Label(label) = instruction else {
            continue;
        };
        let raw = dockerfile.source(label.arguments.span.clone());
        for (key, _, _) in key_values(raw, dockerfile.escape) {
            let name = key.trim_matches('"');
            if !is_valid_key(name) {
                let start = label.arguments.span.start
                    + (key.as_ptr() as usize - raw.as_ptr() as usize);
                report.at(
                    start..start + key.len(),
                    format!("`{name}` is not a valid label key"),
                );
            }
        }
    }
}

/// Docker's label key format: lowercase alphanumerics separated by single `.` or `-`,
/// and not in the namespaces Docker reserves.
fn is_valid_key(key: &str) -> bool {
    let reserved = ["com.docker.", "io.docker.", "org.dockerproject."]
        .iter()
        .any(|ns| key.starts_with(ns));
    let bytes = key.as_bytes();
    let well_formed = !key.is_empty()
        && bytes[0].is_ascii_alphanumeric()
        && bytes[bytes.len() - 1].is_ascii_alphanumeric()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && !key.contains("..")
        && !key.contains("--");
    well_formed && !reserved
}
