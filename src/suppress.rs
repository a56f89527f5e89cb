//! Suppressions: `# realtor ignore=...` pragmas in Dockerfiles (hadolint's
//! `# hadolint ignore=...` too, through rule aliases) and above YAML keys, the
//! `realtor.dev/ignore` annotation (and kube-linter's `ignore-check.kube-linter.io/*`),
//! and an inventory machine's `ignore:` list. A suppression that matches nothing is
//! itself reported.

use crate::diagnostic::Finding;
use crate::rules::{self, RuleMeta};
use crate::source::{SourceFile, Span};
use crate::syntax::dockerfile::Dockerfile;
use crate::syntax::yaml::{Document, Entry, Node};

#[derive(Debug)]
pub struct Suppression {
    /// Rule ids, names or aliases as written.
    pub rules: Vec<String>,
    /// The bytes whose findings it silences.
    pub scope: Span,
    /// Where it is written.
    pub span: Span,
    /// Whether each rule of `rules` silenced a finding.
    used: Vec<bool>,
}

impl Suppression {
    pub fn new(rules: Vec<String>, scope: Span, span: Span) -> Self {
        let used = vec![false; rules.len()];
        Suppression {
            rules,
            scope,
            span,
            used,
        }
    }

    /// Whether it silences `finding`, marking the rule that matched as used.
    fn silences(&mut self, finding: &Finding) -> bool {
        if !self.scope.contains(&finding.span.start) {
            return false;
        }
        let matched = self.rules.iter().position(|r| finding.rule.is_named(r));
        if let Some(index) = matched {
            self.used[index] = true;
        }
        matched.is_some()
    }
}

/// A parsed pragma comment: `global` or not, and the rules it names.
fn pragma(comment: &str) -> Option<(bool, Vec<String>)> {
    let body = comment.trim_start().strip_prefix('#')?.trim_start();
    let body = body
        .strip_prefix("realtor")
        .or_else(|| body.strip_prefix("hadolint"))?;
    let body = body.trim_start();
    let (global, body) = match body.strip_prefix("global") {
        Some(rest) => (true, rest.trim_start()),
        None => (false, body),
    };
    let list = body.strip_prefix("ignore=")?;
    let list = list.split(['#', ' ', '\t']).next().unwrap_or("");
    let rules: Vec<String> = list
        .split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(String::from)
        .collect();
    (!rules.is_empty()).then_some((global, rules))
}

/// Pragmas of a Dockerfile: each applies to the instruction that follows it, or to the
/// whole file when `global`.
pub fn dockerfile(dockerfile: &Dockerfile<'_>) -> Vec<Suppression> {
    let file = dockerfile.file;
    let mut suppressions = Vec::new();
    for &(line, text) in &dockerfile.comments {
        let Some((global, rules)) = pragma(text) else {
            continue;
        };
        let Some(start) = file.line_start(line) else {
            continue;
        };
        let span = start..start + file.line_text(line).len();
        let scope = if global {
            0..file.text.len()
        } else {
            let next = dockerfile.starts.iter().position(|&s| s > start);
            match next {
                Some(i) => {
                    dockerfile.starts[i]
                        ..dockerfile
                            .starts
                            .get(i + 1)
                            .copied()
                            .unwrap_or(file.text.len())
                }
                None => continue,
            }
        };
        suppressions.push(Suppression::new(rules, scope, span));
    }
    suppressions
}

/// `# realtor ignore=...` comments in YAML, each applying to the key on the next line
/// that holds content, and to everything under it.
pub fn yaml_comments(file: &SourceFile, documents: &[Document]) -> Vec<Suppression> {
    let mut suppressions = Vec::new();
    for line in 1..=file.line_count() {
        let text = file.line_text(line);
        let Some((_, rules)) = pragma(text) else {
            continue;
        };
        let Some(start) = file.line_start(line) else {
            continue;
        };
        let span = start + (text.len() - text.trim_start().len())..start + text.len();
        let next_content = (line + 1..=file.line_count()).find(|&l| {
            let t = file.line_text(l).trim();
            !t.is_empty() && !t.starts_with('#')
        });
        let Some(next) = next_content.and_then(|l| file.line_start(l)) else {
            continue;
        };
        let first_key = documents
            .iter()
            .find_map(|d| entry_starting_on_line(&d.root, next, file));
        if let Some(entry) = first_key {
            suppressions.push(Suppression::new(
                rules,
                entry.key.span.start..entry.value.span.end,
                span,
            ));
        }
    }
    suppressions
}

fn entry_starting_on_line<'a>(
    node: &'a Node,
    line_start: usize,
    file: &SourceFile,
) -> Option<&'a Entry> {
    let line = file.position(line_start).line;
    if !node.span.contains(&line_start) && file.position(node.span.start).line != line {
        return None;
    }
    for entry in node.entries() {
        if file.position(entry.key.span.start).line == line {
            return Some(entry);
        }
        if let Some(found) = entry_starting_on_line(&entry.value, line_start, file) {
            return Some(found);
        }
    }
    node.items()
        .iter()
        .find_map(|item| entry_starting_on_line(item, line_start, file))
}

/// `realtor.dev/ignore: "K001,privileged-container"` and
/// `ignore-check.kube-linter.io/<check>` annotations, scoped to their object.
pub fn annotations(object: &Node) -> Vec<Suppression> {
    let Some(annotations) = object
        .get("metadata")
        .and_then(|m| m.value.get("annotations"))
    else {
        return Vec::new();
    };
    let mut suppressions = Vec::new();
    for entry in annotations.value.entries() {
        let (Some(key), Some(value)) = (entry.key.as_str(), entry.value.as_str()) else {
            continue;
        };
        let rules: Vec<String> = if key == "realtor.dev/ignore" {
            value
                .split(',')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(String::from)
                .collect()
        } else if let Some(check) = key.strip_prefix("ignore-check.kube-linter.io/") {
            vec![check.to_string()]
        } else {
            continue;
        };
        suppressions.push(Suppression::new(
            rules,
            object.span.clone(),
            entry.key.span.start..entry.value.span.end,
        ));
    }
    suppressions
}

/// An inventory machine's `ignore: [V001, ...]`, scoped to that machine.
pub fn machine(machine: &Node) -> Vec<Suppression> {
    let Some(ignore) = machine.get("ignore") else {
        return Vec::new();
    };
    ignore
        .value
        .items()
        .iter()
        .filter_map(|item| {
            let rule = item.as_str()?;
            Some(Suppression::new(
                vec![rule.to_string()],
                machine.span.clone(),
                item.span.clone(),
            ))
        })
        .collect()
}

/// Drop suppressed findings, then report the suppressions that silenced nothing among
/// the rules that ran (`enabled`).
pub fn apply(
    findings: &mut Vec<Finding>,
    suppressions: &mut [Suppression],
    enabled: &dyn Fn(&RuleMeta) -> bool,
) {
    findings.retain(|finding| {
        let mut suppressed = false;
        for suppression in suppressions.iter_mut() {
            suppressed |= suppression.silences(finding);
        }
        !suppressed
    });
    for suppression in suppressions.iter() {
        let unused = suppression
            .rules
            .iter()
            .zip(&suppression.used)
            .filter(|(_, used)| !**used);
        for (name, _) in unused {
            let message = match rules::find(name) {
                Some(rule) if !enabled(rule) => continue,
                Some(rule) => format!(
                    "suppression of {} ({}) matches no finding",
                    rule.id, rule.name
                ),
                None => format!("suppression names `{name}`, which is no rule of realtor"),
            };
            findings.push(Finding::new(
                &rules::realtor::unused_suppression::META,
                suppression.span.clone(),
                message,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::pragma;

    #[test]
    fn pragmas_read_both_tools_and_allow_trailing_comments() {
        assert_eq!(
            pragma("# realtor ignore=D001,P101"),
            Some((false, vec!["D001".into(), "P101".into()]))
        );
        assert_eq!(
            pragma("# hadolint global ignore=DL3008 # reason"),
            Some((true, vec!["DL3008".into()]))
        );
        assert_eq!(pragma("# just a comment"), None);
        assert_eq!(pragma("# realtor ignore="), None);
    }
}
