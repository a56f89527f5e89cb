//! Smoke test over the shared corpus of real public files: every file is read, no panic,
//! and every failure is a positioned parse diagnostic. Skips when the corpus is absent.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

#[test]
fn the_shared_corpus_is_read_without_a_crash() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("skipped: {} is not here", corpus.display());
        return;
    }
    let output = Command::cargo_bin("realtor")
        .unwrap()
        .args(["check", "--format", "json", "--exit-zero"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let files = json["files"].as_array().unwrap();
    assert!(files.len() > 1000, "only {} files read", files.len());
    for file in files.iter().filter(|f| f["status"] == "error") {
        let path = &file["path"];
        let positioned = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| &d["file"] == path && d["rule"] == "R001" && d["line"].as_u64() > Some(0));
        assert!(positioned, "{path} failed without a positioned diagnostic");
    }
}

/// Every document of the Kubernetes corpus, checked through the library: decoded with a
/// built-in schema, read generically (custom resources, kinds realtor does not type),
/// skipped as a template or overlay with one notice, or reported at its position. The
/// pipeline's own error and notice counts must equal the ones counted here, and no
/// Kubernetes finding sits at 1:1 unless it covers a token written there.
#[test]
fn every_kubernetes_document_of_the_corpus_is_accounted_for() {
    use realtor::formats::kubernetes::{self, Schema};
    use realtor::input::discover::Hint;
    use realtor::input::source::SourceFile;
    use realtor::pipeline::{Settings, check};
    use realtor::syntax::yaml;

    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/k8s");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        eprintln!("skipped: {} is not here", corpus.display());
        return;
    };
    let mut paths: Vec<_> = entries.map(|e| e.expect("entry").path()).collect();
    paths.sort();
    let settings = Settings::default();
    #[derive(Debug, Default)]
    struct Tally {
        files: usize,
        documents: usize,
        built_in: usize,
        pod_spec_only: usize,
        generic: usize,
        not_objects: usize,
        decode_errors: usize,
        syntax_errors: usize,
        skipped: usize,
    }
    let mut tally = Tally::default();
    let mut problems = Vec::new();
    let (mut reported_errors, mut reported_notices) = (0, 0);
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).expect("corpus files are UTF-8");
        tally.files += 1;
        let report = std::panic::catch_unwind(|| {
            check::check(
                SourceFile::new(name.as_str(), &text),
                Hint::Yaml,
                true,
                &settings,
            )
        });
        let Ok(report) = report else {
            problems.push(format!("{name}: panicked"));
            continue;
        };
        let at = |rule: &str, line: usize, column: usize| {
            report
                .diagnostics
                .iter()
                .any(|d| d.rule.id == rule && d.start.line == line && d.start.column == column)
        };
        let count = |rule: &str| {
            report
                .diagnostics
                .iter()
                .filter(|d| d.rule.id == rule)
                .count()
        };
        for d in &report.diagnostics {
            let at_start = d.start.line == 1 && d.start.column == 1;
            let one_token = d.span.start < d.span.end
                && d.end.line == 1
                && !text[d.span.clone()].contains(char::is_whitespace);
            if d.rule.id.starts_with('K') && at_start && !one_token {
                problems.push(format!("{name}: {} at 1:1", d.rule.id));
            }
        }
        reported_errors += count("R001");
        reported_notices += count("R003");
        // Kustomize patches are skipped one by one: the rest of their file is checked.
        let whole_file_skipped = report
            .diagnostics
            .iter()
            .any(|d| d.rule.id == "R003" && !d.message.contains("kustomize patch"));
        if count("R003") > 0 {
            tally.skipped += 1;
        }
        if whole_file_skipped {
            if count("R003") != 1 || report.diagnostics.len() != 1 {
                problems.push(format!(
                    "{name}: a skipped file must have exactly one notice"
                ));
            }
            continue;
        }
        let file = SourceFile::new(name.as_str(), &text);
        let parsed = yaml::parse(&file);
        for document in &parsed.documents {
            let objects = kubernetes::objects(document, &file.text);
            if objects.is_empty() {
                tally.documents += 1;
                tally.not_objects += 1;
                let root = &document.root;
                let first = root.get("kind").or_else(|| root.get("apiVersion"));
                let first = first.or_else(|| root.entries().first());
                let span = first.map_or(root.span.clone(), |e| e.key.span.clone());
                let position = file.position(span.start);
                if !at("R001", position.line, position.column) {
                    problems.push(format!(
                        "{name}: stray document not reported at {position:?}"
                    ));
                }
                continue;
            }
            for object in objects {
                tally.documents += 1;
                match (&object.decode_error, object.schema) {
                    (Some(error), _) => {
                        tally.decode_errors += 1;
                        let found = object.node.lookup(&error.path.segments());
                        let span = found.map_or(object.node.span.clone(), |f| f.node.span.clone());
                        let position = file.position(span.start);
                        if !at("R001", position.line, position.column) {
                            problems
                                .push(format!("{name}: decode error not reported at {position:?}"));
                        }
                    }
                    (None, Schema::BuiltIn) => tally.built_in += 1,
                    (None, Schema::PodSpec) => tally.pod_spec_only += 1,
                    (None, Schema::Generic) => tally.generic += 1,
                }
            }
        }
        if let Some(error) = &parsed.error {
            tally.syntax_errors += 1;
            let position = file.position(error.span.start);
            if position.line == 0 || !at("R001", position.line, position.column) {
                problems.push(format!("{name}: syntax error not reported at {position:?}"));
            }
        }
    }
    eprintln!("{tally:#?}");
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(tally.files, paths.len());
    assert_eq!(
        tally.built_in
            + tally.pod_spec_only
            + tally.generic
            + tally.not_objects
            + tally.decode_errors,
        tally.documents
    );
    assert_eq!(
        reported_errors,
        tally.decode_errors + tally.syntax_errors + tally.not_objects
    );
    assert_eq!(reported_notices, tally.skipped);
    assert!(tally.built_in > 0 && tally.generic > 0, "{tally:?}");
}
