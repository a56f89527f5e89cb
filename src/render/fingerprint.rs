//! Stable fingerprints for code-scanning tools: a hash of what a finding is about (rule,
//! file, the trimmed text of its first line) that survives lines moving up or down, plus
//! an occurrence number so identical lines stay distinct. FNV-1a is spelled out here
//! because the standard library's hashers may change between Rust releases.

use std::collections::HashMap;

use crate::report::FileReport;

const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash = OFFSET_BASIS;
    for part in parts {
        for &byte in part.as_bytes().iter().chain(&[0u8]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

/// One fingerprint per diagnostic, in the order of `reports` and their diagnostics:
/// `<16 hex digits>:<occurrence>`, the form of GitHub's `primaryLocationLineHash`.
pub fn fingerprints(reports: &[FileReport]) -> Vec<String> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .map(|d| {
            let line: String = d.file.line_text(d.start.line).split_whitespace().collect();
            let hash = fnv1a(&[d.rule.id, &d.file.path, &line]);
            let occurrence = seen.entry(hash).or_default();
            *occurrence += 1;
            format!("{hash:016x}:{occurrence}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::discover::Hint;
    use crate::input::source::SourceFile;
    use crate::pipeline::{Settings, check};

    fn report(text: &str) -> FileReport {
        check::check(
            SourceFile::new("Dockerfile", text),
            Hint::Dockerfile,
            true,
            &Settings::default(),
        )
    }

    #[test]
    fn moving_a_line_keeps_its_fingerprint_and_repeats_are_numbered() {
        let before = fingerprints(&[report("FROM alpine\nMAINTAINER me\nMAINTAINER me\n")]);
        let after = fingerprints(&[report(
            "# moved down\n\nFROM   alpine\nMAINTAINER me\nMAINTAINER me\n",
        )]);
        assert_eq!(before, after);
        assert!(before.len() >= 3);
        let maintainer: Vec<_> = before.iter().filter(|f| f.ends_with(":2")).collect();
        assert_eq!(maintainer.len(), 1);
        assert_eq!(fnv1a(&["a"]), fnv1a(&["a"]));
        assert_ne!(fnv1a(&["ab", ""]), fnv1a(&["a", "b"]));
    }
}
