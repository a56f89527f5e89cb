//! Suppressions: `# realtor ignore=...` pragmas in Dockerfiles (hadolint's
//! `# hadolint ignore=...` too, through rule aliases) and above YAML keys, the
//! `realtor.dev/ignore` annotation (and kube-linter's `ignore-check.kube-linter.io/*`),
//! and an inventory machine's `ignore:` list. A suppression that matches nothing is
//! itself reported.

use crate::input::source::{SourceFile, Span};
use crate::rules::Finding;
use crate::rules::{self, RuleMeta};
use crate::syntax::dockerfile::Dockerfile;
use crate::syntax::yaml::{Document, Node};

#[derive(Debug)]
pub struct Suppression {
    /// Rule ids, names or aliases as written.
    pub rules: Vec<String>,
    /// The bytes whose findings it silences.
    pub scope: Span,
    /// Where it is written.
    pub span: Span,
    /// Written in another tool's syntax (hadolint, kube-linter): it silences realtor's
    /// rules of the names it lists, but is never reported as unused, since that tool
    /// decides for itself whether it needs it.
    pub foreign: bool,
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
            foreign: false,
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

/// A parsed pragma comment: whether it is hadolint's, `global` or not, and the rules it
/// names.
fn pragma(comment: &str) -> Option<(bool, bool, Vec<String>)> {
    let body = comment.trim_start().strip_prefix('#')?.trim_start();
    let (foreign, body) = match body.strip_prefix("hadolint") {
        Some(rest) => (true, rest),
        None => (false, body.strip_prefix("realtor")?),
    };
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
    (!rules.is_empty()).then_some((foreign, global, rules))
}

/// Pragmas of a Dockerfile: each applies to the instruction that follows it, or to the
/// whole file when `global`.
pub fn dockerfile(dockerfile: &Dockerfile<'_>) -> Vec<Suppression> {
    let file = dockerfile.file;
    let mut suppressions = Vec::new();
    for &(line, text) in &dockerfile.comments {
        let Some((foreign, global, rules)) = pragma(text) else {
            continue;
        };
        let Some(start) = file.line_start(line) else {
            continue;
        };
        let line_text = file.line_text(line);
        let indent = line_text.len() - line_text.trim_start().len();
        let span = start + indent..start + line_text.len();
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
        let mut suppression = Suppression::new(rules, scope, span);
        suppression.foreign = foreign;
        suppressions.push(suppression);
    }
    suppressions
}

/// `# realtor ignore=...` comments in YAML, each applying to the key on the next line
/// that holds content, and to everything under it.
pub fn yaml_comments(file: &SourceFile, documents: &[Document]) -> Vec<Suppression> {
    let mut suppressions = Vec::new();
    for line in 1..=file.line_count() {
        let text = file.line_text(line);
        let Some((false, _, rules)) = pragma(text) else {
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
        let line = file.position(next).line;
        let scope = documents
            .iter()
            .find_map(|d| node_starting_on_line(&d.root, line, file));
        if let Some(scope) = scope {
            suppressions.push(Suppression::new(rules, scope, span));
        }
    }
    suppressions
}

/// The scope of the first key or list item written on `line`: a key's entry from the key
/// to the end of its value, or a whole list item (`- name: web` covers the container).
fn node_starting_on_line(node: &Node, line: usize, file: &SourceFile) -> Option<Span> {
    let first_line = file.position(node.span.start).line;
    let last_line = file.position(node.span.end).line;
    if line < first_line || line > last_line {
        return None;
    }
    for item in node.items() {
        if file.position(item.span.start).line == line && !item.entries().is_empty() {
            return Some(item.span.clone());
        }
        if let Some(found) = node_starting_on_line(item, line, file) {
            return Some(found);
        }
    }
    for entry in node.entries() {
        if file.position(entry.key.span.start).line == line {
            return Some(entry.key.span.start..entry.value.span.end);
        }
        if let Some(found) = node_starting_on_line(&entry.value, line, file) {
            return Some(found);
        }
    }
    None
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
        let (foreign, rules): (bool, Vec<String>) = if key == "realtor.dev/ignore" {
            let names = value.split(',').map(str::trim).filter(|r| !r.is_empty());
            (false, names.map(String::from).collect())
        } else if let Some(check) = key.strip_prefix("ignore-check.kube-linter.io/") {
            (true, vec![check.to_string()])
        } else {
            continue;
        };
        let span = entry.key.span.start..entry.value.span.end;
        let mut suppression = Suppression::new(rules, object.span.clone(), span);
        suppression.foreign = foreign;
        suppressions.push(suppression);
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

/// Whether a suppression silences `rule` at `span`, marking it used: for rules that
/// report after every file has been checked, when the suppressions are gone.
pub fn silenced(suppressions: &mut [Suppression], rule: &'static RuleMeta, span: &Span) -> bool {
    let probe = Finding::new(rule, span.clone(), "");
    let mut silenced = false;
    for suppression in suppressions.iter_mut() {
        silenced |= suppression.silences(&probe);
    }
    silenced
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
                // hadolint reads the file its own way (unresolved `ARG`s, its own shell
                // parse): whether it needs its pragma is not ours to judge.
                Some(_) if suppression.foreign => continue,
                Some(rule) if !enabled(rule) => continue,
                Some(rule) => format!(
                    "suppression of {} ({}) matches no finding",
                    rule.id, rule.name
                ),
                None if suppression.foreign => continue,
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
            Some((false, false, vec!["D001".into(), "P101".into()]))
        );
        assert_eq!(
            pragma("# hadolint global ignore=DL3008 # reason"),
            Some((true, true, vec!["DL3008".into()]))
        );
        assert_eq!(pragma("# just a comment"), None);
        assert_eq!(pragma("# realtor ignore="), None);
    }
}
