//! Every real Dockerfile of the shared corpus parses with no error. Skips when the
//! corpus is absent.

use std::path::Path;

use realtor::input::source::SourceFile;
use realtor::syntax::dockerfile;

#[test]
fn every_corpus_dockerfile_parses() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dockerfiles");
    if !dir.is_dir() {
        eprintln!("skipped: {} is not here", dir.display());
        return;
    }
    let mut failures = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        count += 1;
        let file = SourceFile::new(path.display().to_string(), &text);
        let prepared = dockerfile::prepare(&file);
        let parsed = dockerfile::parse_prepared(&file, &prepared);
        if let Some(error) = parsed.error {
            let at = file.position(error.span.start);
            failures.push(format!(
                "{}:{}:{}: {}",
                path.file_name().unwrap().to_string_lossy(),
                at.line,
                at.column,
                error.message
            ));
        }
    }
    assert!(count >= 496, "only {count} files read");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
