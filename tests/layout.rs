//! The folders of `src/` follow the flow of data, and imports only run down it: each
//! top-level module uses only the modules before it in [`FLOW`] (ARCHITECTURE.md). A `use`
//! that runs back up the flow, or a new top-level module, fails here.

use std::path::Path;

/// The top-level modules in the order data flows through them.
const FLOW: &[&str] = &[
    "input", "syntax", "formats", "model", "rules", "report", "pipeline", "advise", "render", "cli",
];

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a file's code (its tests left out) names through `crate::`.
fn uses(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        found.push(rest[..end].to_string());
    }
    for (at, _) in code.match_indices("use crate::{") {
        let list = &code[at + "use crate::{".len()..];
        let list = &list[..list.find('}').unwrap_or(list.len())];
        found.extend(
            list.split(',')
                .filter_map(|item| item.trim().split("::").next())
                .map(str::to_string),
        );
    }
    found
}

#[test]
fn imports_run_down_the_flow_of_data() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut backwards = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).expect("under src");
        let top = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .expect("a name")
            .trim_end_matches(".rs");
        if matches!(top, "lib" | "main") {
            continue;
        }
        let rank = FLOW
            .iter()
            .position(|m| *m == top)
            .unwrap_or_else(|| panic!("{top} is a top-level module missing from FLOW"));
        let text = std::fs::read_to_string(&file).expect("source text");
        for used in uses(&text) {
            let used_rank = FLOW.iter().position(|m| *m == used);
            if used_rank.is_some_and(|r| r > rank) {
                backwards.push(format!("{} uses crate::{used}", relative.display()));
            }
        }
    }
    backwards.sort();
    backwards.dedup();
    assert!(
        backwards.is_empty(),
        "imports up the flow:\n{}",
        backwards.join("\n")
    );
}

#[test]
fn rule_metadata_is_a_leaf() {
    let meta =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules/meta.rs"))
            .expect("src/rules/meta.rs");
    assert!(
        uses(&meta).is_empty(),
        "rules::meta imports {:?}",
        uses(&meta)
    );
}
