//! Fixes: each fixable rule turns its `fixtures/fixes/ID/before.*` into `after.*` and is
//! silent there; rules without a fix offer none; every rule's doc says which it is; the
//! command line applies safe fixes, shows them as a diff, and keeps unsafe ones for
//! `--unsafe-fixes`; and fixing the whole corpus leaves files that parse and nothing more
//! to fix.

mod common;

use std::path::Path;

use common::realtor;
use realtor::input::discover::{self, Hint};
use realtor::input::source::SourceFile;
use realtor::pipeline::{Settings, check, fix};
use realtor::rules::{self, RuleMeta, Safety};

/// Settings that run `rule` alone (with realtor's own rules).
fn only(rule: &'static RuleMeta) -> Settings {
    Settings {
        selected: Some(vec![rule]),
        ..Settings::default()
    }
}

fn fixture(dir: &Path, stem: &str) -> (String, String) {
    let entry = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(stem))
        .unwrap_or_else(|| panic!("{}: no {stem}.*", dir.display()));
    let name = entry.file_name().unwrap().to_str().unwrap().to_string();
    (name, std::fs::read_to_string(&entry).unwrap())
}

#[test]
fn every_fix_turns_its_before_into_its_after_and_silences_its_rule() {
    let fixable: Vec<_> = rules::all().filter(|r| r.extra.fix.is_some()).collect();
    assert!(fixable.len() >= 14);
    for rule in fixable {
        let dir = Path::new("fixtures/fixes").join(rule.id);
        let (name, before) = fixture(&dir, "before");
        let (_, after) = fixture(&dir, "after");
        let hint = discover::hint_for(&name).unwrap_or(Hint::Unknown);
        let settings = only(rule);
        let fixed = fix::fix_file(&name, &before, hint, &settings, Safety::Unsafe)
            .unwrap_or_else(|| panic!("{}: no fix applied to {name}", rule.id));
        assert_eq!(
            fixed.after, after,
            "{}: the fixed file differs from after",
            rule.id
        );
        let report = check::check(
            SourceFile::new(name.as_str(), &after),
            hint,
            true,
            &settings,
        );
        let left: Vec<_> = report.diagnostics.iter().map(|d| d.rule.id).collect();
        assert!(left.is_empty(), "{}: after still has {left:?}", rule.id);
        if rule.extra.fix == Some(Safety::Unsafe) {
            assert!(
                fix::fix_file(&name, &before, hint, &settings, Safety::Safe).is_none(),
                "{}: an unsafe fix applied without --unsafe-fixes",
                rule.id
            );
        }
    }
    let dirs = std::fs::read_dir("fixtures/fixes").unwrap().count();
    let declared = rules::all().filter(|r| r.extra.fix.is_some()).count();
    assert_eq!(
        dirs, declared,
        "a fixture directory per fixable rule, and no other"
    );
}

#[test]
fn findings_offer_only_the_fixes_their_rule_declares() {
    for rule in rules::all() {
        let dir = Path::new("fixtures/rules").join(rule.id);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            if !name.starts_with("bad") || name.ends_with(".expected") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let hint = discover::hint_for(&name).unwrap_or(Hint::Unknown);
            let report = check::check(
                SourceFile::new(name.as_str(), &text),
                hint,
                true,
                &only(rule),
            );
            for diagnostic in report.diagnostics.iter().filter(|d| d.rule.id == rule.id) {
                if let Some(fix) = &diagnostic.fix {
                    let declared = rule.extra.fix.unwrap_or_else(|| {
                        panic!("{}: a fix from a rule that declares none", rule.id)
                    });
                    assert!(fix.safety <= declared, "{}: {:?} fix", rule.id, fix.safety);
                }
            }
        }
    }
}

#[test]
fn every_rule_doc_says_whether_it_has_a_fix_and_of_which_kind() {
    for rule in rules::all() {
        let section = rule
            .doc
            .split("\n## Fix\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{}: no `## Fix` section", rule.id));
        let first = section.split(['.', ' ', ',']).next().unwrap_or_default();
        let expected = match rule.extra.fix {
            None => "None:",
            Some(Safety::Safe) => "Safe",
            Some(Safety::Unsafe) => "Unsafe",
        };
        assert!(
            first == expected || first.trim_end_matches(':') == expected.trim_end_matches(':'),
            "{}: the Fix section starts with `{first}`, not `{expected}`",
            rule.id
        );
    }
}

/// A copy of a fixture of `fixtures/fixes` in a temporary directory.
fn copy_of(id: &str) -> (tempfile::TempDir, String) {
    let (name, text) = fixture(&Path::new("fixtures/fixes").join(id), "before");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(&name), text).unwrap();
    (dir, name)
}

#[test]
fn fix_writes_safe_fixes_and_reports_what_is_left() {
    let (dir, name) = copy_of("D023");
    let output = realtor()
        .current_dir(dir.path())
        .args([
            "check",
            "--fix",
            "--format",
            "concise",
            "--select",
            "D023,D019",
            &name,
        ])
        .output()
        .unwrap();
    let after = std::fs::read_to_string(dir.path().join(&name)).unwrap();
    assert!(
        after.contains("apt-get -q install -y --no-install-recommends"),
        "{after}"
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "nothing left at or above warning"
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("applied 1 fix(es) in 1 file(s)"));
}

#[test]
fn unsafe_fixes_wait_for_their_flag_and_diff_changes_nothing() {
    let (dir, name) = copy_of("D019");
    let before = std::fs::read_to_string(dir.path().join(&name)).unwrap();
    let run = |args: &[&str]| {
        realtor()
            .current_dir(dir.path())
            .args(["check", "--select", "D019"])
            .args(args)
            .arg(&name)
            .output()
            .unwrap()
    };
    let safe_only = run(&["--fix", "--format", "concise"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(&name)).unwrap(),
        before
    );
    assert!(String::from_utf8_lossy(&safe_only.stdout).contains("D019"));
    let diff = run(&["--diff", "--unsafe-fixes"]);
    assert_eq!(diff.status.code(), Some(1), "a diff to apply");
    let text = String::from_utf8_lossy(&diff.stdout);
    assert!(
        text.starts_with(&format!("--- a/{name}\n+++ b/{name}\n")),
        "{text}"
    );
    assert!(
        text.contains("+ && apt-get install --no-install-recommends -y curl \\"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(&name)).unwrap(),
        before,
        "--diff writes nothing"
    );
    let clean = run(&["--diff"]);
    assert_eq!(clean.status.code(), Some(0), "no safe fix to show");
    assert!(clean.stdout.is_empty());
}

#[test]
fn json_and_sarif_carry_the_fix() {
    let (dir, name) = copy_of("K026");
    let (_, json) = common::check_json(dir.path(), &["--select", "K026", &name]);
    let fix = &json["diagnostics"][0]["fix"];
    assert_eq!(fix["safety"], "safe");
    let edit = &fix["edits"][0];
    assert_eq!(
        (
            &edit["line"],
            &edit["column"],
            &edit["end_line"],
            &edit["end_column"]
        ),
        (&9.into(), &24.into(), &9.into(), &38.into())
    );
    assert_eq!(edit["text"], "Always");
    let output = realtor()
        .current_dir(dir.path())
        .args(["check", "--format", "sarif", "--select", "K026", &name])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let replacement =
        &sarif["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "Always");
    assert_eq!(replacement["deletedRegion"]["startColumn"], 24);
}

#[test]
fn fixing_the_corpus_leaves_files_that_parse_and_nothing_more_to_fix() {
    let corpus = Path::new("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("skipped: {} not found", corpus.display());
        return;
    }
    let settings = Settings::default();
    let (mut files, mut fixed_files, mut applied) = (0, 0, 0);
    for entry in ignore::WalkBuilder::new(corpus)
        .build()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(hint) = discover::hint_for(&name) else {
            continue;
        };
        if hint == Hint::Export || !path.is_file() {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        files += 1;
        let shown = path.to_string_lossy().to_string();
        let Some(fixed) = fix::fix_file(&shown, &text, hint, &settings, Safety::Unsafe) else {
            continue;
        };
        fixed_files += 1;
        applied += fixed.applied;
        let parse_errors = |text: &str| {
            check::check(SourceFile::new(shown.as_str(), text), hint, true, &settings)
                .diagnostics
                .iter()
                .filter(|d| d.rule.id == "R001")
                .count()
        };
        assert!(
            parse_errors(&fixed.after) <= parse_errors(&text),
            "{shown}: fixing broke the file"
        );
        let again = fix::fix_file(&shown, &fixed.after, hint, &settings, Safety::Unsafe);
        assert!(
            again.is_none(),
            "{shown}: fixing again changes it: {again:?}"
        );
    }
    eprintln!("corpus: {files} files, {fixed_files} fixed, {applied} fixes");
    assert!(
        files > 1000 && fixed_files > 100,
        "{files} files, {fixed_files} fixed"
    );
}
