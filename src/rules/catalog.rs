//! What the registry tells tools outside realtor about a rule: where its documentation
//! lives in the repository, the documentation without its front matter, the section that
//! says what it checks, its tags, and for security rules a CVSS-like severity (the scale
//! GitHub code scanning ranks security alerts by).

use super::{AppliesTo, RuleMeta};

/// The repository the rule documents live in (`Cargo.toml`'s `repository`).
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The family directory under `rules/` that holds a rule's documentation.
fn family(rule: &RuleMeta) -> &'static str {
    match rule.applies_to {
        AppliesTo::Dockerfile => "dockerfile",
        AppliesTo::Kubernetes => "kubernetes",
        AppliesTo::Inventory => "inventory",
        AppliesTo::Compose => "compose",
        AppliesTo::Workload => "placement",
        AppliesTo::Any => "realtor",
    }
}

/// The documentation's path in the repository, e.g. `rules/kubernetes/K001-privileged-container.md`.
pub fn doc_path(rule: &RuleMeta) -> String {
    format!("rules/{}/{}-{}.md", family(rule), rule.id, rule.name)
}

/// The documentation's web address on the default branch.
pub fn doc_url(rule: &RuleMeta) -> String {
    format!("{REPOSITORY}/blob/main/{}", doc_path(rule))
}

/// The documentation's Markdown without the YAML front matter.
pub fn doc_body(rule: &RuleMeta) -> &'static str {
    rule.doc
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(rule.doc, |(_, body)| body)
        .trim_start()
}

/// The text of the `## What it checks` section, or the summary when there is none.
pub fn what_it_checks(rule: &RuleMeta) -> &'static str {
    let body = doc_body(rule);
    body.split_once("## What it checks\n")
        .map(|(_, rest)| rest.split("\n## ").next().unwrap_or(rest).trim())
        .filter(|text| !text.is_empty())
        .unwrap_or(rule.summary)
}

pub fn security_severity(rule: &RuleMeta) -> Option<&'static str> {
    rule.extra.security_severity
}

/// Tags for filtering in code-scanning UIs: the family, `security` for security rules.
pub fn tags(rule: &RuleMeta) -> Vec<&'static str> {
    let mut tags = vec![family(rule)];
    if security_severity(rule).is_some() {
        tags.push("security");
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    #[test]
    fn every_rule_doc_exists_at_its_path_with_its_sections() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for rule in rules::all() {
            let on_disk = std::fs::read_to_string(root.join(doc_path(rule)))
                .unwrap_or_else(|e| panic!("{}: {e}", doc_path(rule)));
            assert_eq!(on_disk, rule.doc, "{}", rule.id);
            assert!(doc_body(rule).starts_with(&format!("# {} {}", rule.id, rule.name)));
            assert_ne!(what_it_checks(rule), rule.summary, "{}", rule.id);
            assert!(!what_it_checks(rule).contains("## "), "{}", rule.id);
        }
    }

    #[test]
    fn security_severities_lie_in_range() {
        for rule in rules::all() {
            let Some(severity) = rule.extra.security_severity else {
                continue;
            };
            let value: f32 = severity.parse().expect("a number");
            assert!((0.1..=10.0).contains(&value), "{}: {severity}", rule.id);
        }
        let k001 = rules::find("K001").unwrap();
        assert_eq!(tags(k001), ["kubernetes", "security"]);
        assert_eq!(tags(rules::find("R001").unwrap()), ["realtor"]);
    }
}
