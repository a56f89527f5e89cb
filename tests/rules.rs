//! Every rule's documentation and fixtures, checked against its behaviour: the doc's
//! front matter equals the registry, its Bad example fires and its Good example does
//! not, and each fixture fires at exactly the positions its `.expected` file lists.

use std::path::Path;

use realtor::input::discover::{self, Hint};
use realtor::input::source::SourceFile;
use realtor::pipeline::{Settings, check};
use realtor::report::FileReport;
use realtor::rules::{self, RuleMeta};

/// The options a rule's fixtures and doc examples run with: those of
/// `fixtures/rules/<ID>/.realtor.yaml` when the rule needs configuration.
fn options(rule: &'static RuleMeta) -> rules::Options {
    let path = Path::new("fixtures/rules")
        .join(rule.id)
        .join(".realtor.yaml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return rules::Options::default();
    };
    let config =
        realtor::pipeline::config::parse(&SourceFile::new(path.display().to_string(), &text))
            .unwrap_or_else(|e| panic!("{e}"));
    rules::Options {
        trusted_registries: config.trusted_registries,
    }
}

/// The report of `rule` alone (with realtor's own rules) on a file.
fn report(rule: &'static RuleMeta, name: &str, text: &str) -> FileReport {
    let settings = Settings {
        selected: Some(vec![rule]),
        options: options(rule),
        ..Settings::default()
    };
    let hint = discover::hint_for(name).unwrap_or(Hint::Unknown);
    let mut reports = vec![check::check(
        SourceFile::new(name, text),
        hint,
        true,
        &settings,
    )];
    realtor::pipeline::check_set::check_set(&mut reports, &settings);
    reports.pop().expect("one report")
}

/// Findings of `rule` alone on a file, as `LINE:COL-ENDLINE:ENDCOL`.
fn positions(rule: &'static RuleMeta, name: &str, text: &str) -> Vec<String> {
    report(rule, name, text)
        .diagnostics
        .iter()
        .filter(|d| d.rule.id == rule.id)
        .map(|d| {
            format!(
                "{}:{}-{}:{}",
                d.start.line, d.start.column, d.end.line, d.end.column
            )
        })
        .collect()
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: String,
    name: String,
    severity: String,
    #[serde(rename = "applies-to")]
    applies_to: String,
    aliases: Vec<String>,
    /// `off` for the rules that run only when chosen.
    #[serde(default)]
    default: Option<String>,
}

/// The fenced blocks under a `## heading`: (language, body).
fn examples<'a>(doc: &'a str, heading: &str) -> Vec<(&'a str, &'a str)> {
    let Some(start) = doc.find(&format!("\n## {heading}\n")) else {
        return Vec::new();
    };
    let section = &doc[start + heading.len() + 5..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut blocks = Vec::new();
    let mut rest = section;
    while let Some(open) = rest.find("```") {
        let after = &rest[open + 3..];
        let Some(newline) = after.find('\n') else {
            break;
        };
        let language = after[..newline].trim();
        let body = &after[newline + 1..];
        let Some(close) = body.find("\n```") else {
            break;
        };
        blocks.push((language, &body[..close + 1]));
        rest = &body[close + 4..];
    }
    blocks
}

fn example_file_name(language: &str) -> &'static str {
    match language {
        "dockerfile" => "Dockerfile",
        "yaml" => "example.yaml",
        other => panic!("unknown example language `{other}`"),
    }
}

#[test]
fn every_rule_doc_matches_the_registry_and_its_examples_behave() {
    for rule in rules::all() {
        let doc = rule.doc;
        assert!(
            doc.starts_with("---\n"),
            "{}: doc has no front matter",
            rule.id
        );
        let end = doc[4..]
            .find("\n---\n")
            .unwrap_or_else(|| panic!("{}: unterminated front matter", rule.id));
        let front: FrontMatter = serde_yaml::from_str(&doc[4..4 + end])
            .unwrap_or_else(|e| panic!("{}: bad front matter: {e}", rule.id));
        assert_eq!(front.id, rule.id);
        assert_eq!(front.name, rule.name, "{}", rule.id);
        assert_eq!(front.severity, rule.severity.as_str(), "{}", rule.id);
        assert_eq!(front.applies_to, rule.applies_to.as_str(), "{}", rule.id);
        assert_eq!(front.aliases, rule.aliases, "{}", rule.id);
        let opt_in = realtor::rules::is_opt_in(rule);
        assert_eq!(
            front.default.as_deref(),
            opt_in.then_some("off"),
            "{}: `default: off` in the front matter when, and only when, the rule is opt-in",
            rule.id
        );
        assert!(
            doc.contains(&format!("# {} {}\n", rule.id, rule.name)),
            "{}: title",
            rule.id
        );
        for section in ["What it checks", "Why"] {
            assert!(
                doc.contains(&format!("\n## {section}\n")),
                "{}: no `{section}` section",
                rule.id
            );
        }
        let bad = examples(doc, "Bad");
        let good = examples(doc, "Good");
        assert_eq!(
            (bad.len(), good.len()),
            (1, 1),
            "{}: needs one Bad and one Good example",
            rule.id
        );
        let (language, body) = bad[0];
        assert!(
            !positions(rule, example_file_name(language), body).is_empty(),
            "{}: the Bad example does not fire",
            rule.id
        );
        let (language, body) = good[0];
        let found = positions(rule, example_file_name(language), body);
        assert!(
            found.is_empty(),
            "{}: the Good example fires at {found:?}",
            rule.id
        );
    }
}

#[test]
fn every_rule_has_a_doc_file_at_its_id_and_name() {
    for rule in rules::all() {
        let family = match rule.id.as_bytes()[0] {
            b'D' => "dockerfile",
            b'K' => "kubernetes",
            b'V' => "inventory",
            b'C' => "compose",
            b'P' => "placement",
            _ => "realtor",
        };
        let path = format!("rules/{family}/{}-{}.md", rule.id, rule.name);
        let on_disk = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(on_disk, rule.doc, "{path} is not the embedded doc");
    }
}

#[test]
fn ids_and_names_are_unique() {
    let all: Vec<_> = rules::all().collect();
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            assert_ne!(a.id, b.id);
            assert_ne!(a.name, b.name, "{} and {} share a name", a.id, b.id);
            assert!(
                !b.is_named(a.name) && !a.is_named(b.name),
                "{} and {} are confused",
                a.id,
                b.id
            );
        }
    }
}

#[test]
fn fixtures_fire_at_their_expected_positions_and_good_twins_stay_silent() {
    for rule in rules::all() {
        let dir = Path::new("fixtures/rules").join(rule.id);
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let mut bad_files = 0;
        let mut good_files = 0;
        for entry in entries {
            let path = entry.expect("fixture entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("fixture name")
                .to_string();
            if name.ends_with(".expected") || name == ".realtor.yaml" {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("fixture text");
            let found = positions(rule, &name, &text);
            if name.starts_with("bad") {
                bad_files += 1;
                let stem = name.split('.').next().expect("stem");
                let expected_path = dir.join(format!("{stem}.expected"));
                let expected = std::fs::read_to_string(&expected_path)
                    .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
                let expected: Vec<String> = expected
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect();
                assert_eq!(
                    found,
                    expected,
                    "{}: positions in {}",
                    rule.id,
                    path.display()
                );
            } else if name.starts_with("good") {
                good_files += 1;
                assert!(
                    found.is_empty(),
                    "{}: {} fires at {found:?}",
                    rule.id,
                    path.display()
                );
            }
        }
        assert!(
            bad_files >= 1 && good_files >= 1,
            "{}: needs a bad and a good fixture",
            rule.id
        );
    }
}

#[test]
fn readme_rule_table_is_current() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let begin = "<!-- rules:begin -->\n";
    let end = "<!-- rules:end -->";
    let start = readme
        .find(begin)
        .expect("README has the rules:begin marker")
        + begin.len();
    let stop = readme.find(end).expect("README has the rules:end marker");
    let expected = realtor::rules::markdown_table();
    if std::env::var_os("REALTOR_BLESS").is_some() {
        let updated = format!("{}{}{}", &readme[..start], expected, &readme[stop..]);
        std::fs::write("README.md", updated).expect("write README.md");
        return;
    }
    assert_eq!(
        &readme[start..stop],
        expected,
        "README rule table is stale: run `REALTOR_BLESS=1 cargo test --test rules readme`"
    );
}

/// kube-linter puts every finding on line 1; realtor must not. Every Kubernetes finding
/// (and every parse error) of every fixture, with all rules on, points at a key or value:
/// a finding at 1:1 is accepted only when it covers a token written there, never an empty
/// span or a whole document.
#[test]
fn no_kubernetes_finding_of_the_fixtures_sits_at_the_start_of_the_file() {
    let settings = Settings::default();
    let mut checked = 0;
    for rule in rules::all() {
        let dir = Path::new("fixtures/rules").join(rule.id);
        for entry in std::fs::read_dir(&dir).expect("fixture dir") {
            let path = entry.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let fixture = name.starts_with("bad") || name.starts_with("good");
            if !fixture || !name.ends_with(".yaml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("fixture");
            let mut reports = vec![check::check(
                SourceFile::new(name.as_str(), &text),
                Hint::Yaml,
                true,
                &settings,
            )];
            realtor::pipeline::check_set::check_set(&mut reports, &settings);
            for d in &reports[0].diagnostics {
                if !(d.rule.id.starts_with('K') || d.rule.id == "R001") {
                    continue;
                }
                checked += 1;
                let at_start = d.start.line == 1 && d.start.column == 1;
                let one_token = d.span.start < d.span.end
                    && d.end.line == 1
                    && !text[d.span.clone()].contains(char::is_whitespace);
                assert!(
                    !at_start || one_token,
                    "{}: {} at 1:1 covers `{}`",
                    path.display(),
                    d.rule.id,
                    &text[d.span.clone()]
                );
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} Kubernetes findings in the fixtures"
    );
}

/// The human output of every rule's bad fixtures, one snapshot each under
/// `tests/snapshots/rules/`, so that a changed message, label or help shows in review
/// (`cargo insta review`, or `INSTA_UPDATE=always cargo test --test rules` to accept).
#[test]
fn bad_fixtures_render_as_their_snapshots_show() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/rules");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for rule in rules::all() {
            let dir = Path::new("fixtures/rules").join(rule.id);
            let mut names: Vec<String> = std::fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .map(|entry| {
                    entry
                        .expect("entry")
                        .file_name()
                        .into_string()
                        .expect("UTF-8")
                })
                .filter(|name| name.starts_with("bad") && !name.ends_with(".expected"))
                .collect();
            names.sort();
            for name in names {
                let text = std::fs::read_to_string(dir.join(&name)).expect("fixture text");
                let mut out = Vec::new();
                realtor::render::human::write(
                    &[report(rule, &name, &text)],
                    false,
                    false,
                    &mut out,
                )
                .expect("rendered");
                let human = String::from_utf8(out).expect("UTF-8");
                insta::assert_snapshot!(format!("{}__{name}", rule.id), human);
            }
        }
    });
}
