//! Fixes: the edits rules offer, applied to a file's text. Edits replace byte ranges and
//! leave every other byte as it was (comments, key order, indentation, quoting, line
//! endings). A file is fixed in rounds, re-checked after each, until no fix applies (at
//! most [`MAX_ROUNDS`]). A round that would leave the file with a parse error it did not
//! have is dropped, and the file keeps its last good text; so is a round after which a
//! rule whose fixes it applied reports as much as before (its fix did not do what it says),
//! and that rule's fixes are not offered again.

use crate::input::discover::Hint;
use crate::input::source::SourceFile;
use crate::pipeline::Settings;
use crate::pipeline::check::check;
use crate::report::FileReport;
use crate::rules::{Fix, Safety, realtor};

/// How many rounds of fixing a file gets: a fix may uncover another (adding `-y` makes
/// the line longer, not different), so a few rounds settle every file realtor fixes.
pub const MAX_ROUNDS: usize = 8;

/// A file's text before and after fixing, and how many fixes were applied.
#[derive(Debug)]
pub struct Fixed {
    pub path: String,
    pub before: String,
    pub after: String,
    pub applied: usize,
}

/// The fixes of a report's findings in its own file that `allowed` permits.
pub fn fixes(report: &FileReport, allowed: Safety) -> Vec<&Fix> {
    fixes_by_rule(report, allowed, &[])
        .into_iter()
        .map(|(_, fix)| fix)
        .collect()
}

/// The fixes of a report's findings in its own file that `allowed` permits, with their
/// rule, leaving out the rules in `excluded`.
fn fixes_by_rule<'r>(
    report: &'r FileReport,
    allowed: Safety,
    excluded: &[&str],
) -> Vec<(&'static str, &'r Fix)> {
    report
        .diagnostics
        .iter()
        .filter(|d| std::sync::Arc::ptr_eq(&d.file, &report.file))
        .filter(|d| !excluded.contains(&d.rule.id))
        .filter_map(|d| Some((d.rule.id, d.fix.as_ref()?)))
        .filter(|(_, fix)| fix.safety <= allowed)
        .collect()
}

/// How many findings `rule` has in a report.
fn count(report: &FileReport, rule: &str) -> usize {
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule.id == rule)
        .count()
}

/// `text` with `fixes` applied in order of position; a fix whose edits overlap an
/// earlier one's is left for the next round. Returns the text and how many applied.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let (text, chosen) = apply_chosen(text, fixes);
    (text, chosen.len())
}

/// [`apply`], returning the indexes in `fixes` of the fixes applied.
fn apply_chosen(text: &str, fixes: &[&Fix]) -> (String, Vec<usize>) {
    let mut chosen: Vec<&Fix> = Vec::new();
    let mut indexes = Vec::new();
    let mut sorted: Vec<(usize, &Fix)> = fixes.iter().copied().enumerate().collect();
    sorted.sort_by_key(|(_, fix)| fix.edits.iter().map(|e| e.span.start).min());
    for (index, fix) in sorted {
        if chosen.contains(&fix) {
            continue;
        }
        let overlaps = chosen.iter().flat_map(|c| &c.edits).any(|taken| {
            fix.edits.iter().any(|edit| {
                edit.span.start < taken.span.end.max(taken.span.start + 1)
                    && taken.span.start < edit.span.end.max(edit.span.start + 1)
            })
        });
        let inside = fix.edits.iter().all(|e| {
            e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        if !overlaps && inside {
            chosen.push(fix);
            indexes.push(index);
        }
    }
    let mut edits: Vec<_> = chosen.iter().flat_map(|fix| &fix.edits).collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.text);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    (out, indexes)
}

/// Fixes `text` (the file `path`, of kind `hint`) with the fixes `allowed`, round after
/// round; `None` when nothing applies.
pub fn fix_file(
    path: &str,
    text: &str,
    hint: Hint,
    settings: &Settings,
    allowed: Safety,
) -> Option<Fixed> {
    let parse_errors = |report: &FileReport| count(report, realtor::parse_error::META.id);
    let mut current = text.to_string();
    let mut report = check(SourceFile::new(path, &current), hint, true, settings);
    let broken_before = parse_errors(&report);
    let mut applied = 0;
    let mut excluded: Vec<&str> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let offered = fixes_by_rule(&report, allowed, &excluded);
        let fixes: Vec<&Fix> = offered.iter().map(|(_, fix)| *fix).collect();
        let (next, chosen) = apply_chosen(&current, &fixes);
        if chosen.is_empty() || next == current {
            break;
        }
        let rechecked = check(SourceFile::new(path, &next), hint, true, settings);
        if parse_errors(&rechecked) > broken_before {
            break;
        }
        let mut rules: Vec<&str> = chosen.iter().map(|&i| offered[i].0).collect();
        rules.sort_unstable();
        rules.dedup();
        let ineffective: Vec<&str> = rules
            .into_iter()
            .filter(|rule| count(&rechecked, rule) >= count(&report, rule))
            .collect();
        if !ineffective.is_empty() {
            excluded.extend(ineffective);
            continue;
        }
        current = next;
        report = rechecked;
        applied += chosen.len();
    }
    (applied > 0).then(|| Fixed {
        path: path.to_string(),
        before: text.to_string(),
        after: current,
        applied,
    })
}

/// A unified diff of a fixed file, with its path on both sides, as `git diff` shows one.
pub fn unified_diff(fixed: &Fixed) -> String {
    similar::TextDiff::from_lines(&fixed.before, &fixed.after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{}", fixed.path), &format!("b/{}", fixed.path))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Edit;

    fn fix(start: usize, end: usize, text: &str) -> Fix {
        Fix {
            safety: Safety::Safe,
            description: String::new(),
            edits: vec![Edit {
                span: start..end,
                text: text.into(),
            }],
        }
    }

    #[test]
    fn edits_apply_in_order_and_overlapping_ones_wait() {
        let text = "apt-get install curl\n";
        let (a, b, c) = (fix(15, 15, " -y"), fix(0, 7, "APT"), fix(3, 10, "x"));
        let (out, count) = apply(text, &[&a, &b, &c]);
        assert_eq!(out, "APT install -y curl\n");
        assert_eq!(count, 2, "the third overlaps the second");
        let twice = fix(15, 15, " -y");
        assert_eq!(
            apply(text, &[&a, &twice]).1,
            1,
            "the same fix twice applies once"
        );
    }
}
