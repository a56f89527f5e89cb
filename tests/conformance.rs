//! BuildKit parser conformance: for each valid test file of BuildKit's own parser tests
//! (`../shared/conformance/buildkit-parser/testfiles/<case>`), our instructions, rendered
//! in BuildKit's dump format (lowercased keyword, flags, arguments as BuildKit splits
//! them), equal its `result`; each negative case is a parse error. Arguments are read
//! from the spans our front end gives, so a wrong span shows here. Skips when the data
//! is absent; skipped cases are named with the reason.

use std::path::{Path, PathBuf};

use realtor::input::source::SourceFile;
use realtor::syntax::dockerfile::{
    self, Command, Dockerfile, Flag, Instruction, UnescapedString, key_values, words,
};

/// Cases our front end does not match, and why.
const SKIPPED: &[(&str, &str)] = &[
    (
        "flags",
        "flags on CMD (`CMD --doit [\"a\"]`), which BuildKit's parser accepts and its build rejects; parse-dockerfile reads them as the shell form",
    ),
    (
        "health",
        "a bare `HEALTHCHECK` is a parse error here (parse-dockerfile wants CMD or NONE); BuildKit accepts it when parsing and rejects it when building",
    ),
    (
        "jeztah-invalid-json-json-inside-string",
        "no FROM: parse-dockerfile reports `expected FROM` (BuildKit's build fails the same way)",
    ),
    (
        "jeztah-invalid-json-json-inside-string-double",
        "no FROM: parse-dockerfile reports `expected FROM` (BuildKit's build fails the same way)",
    ),
    (
        "jeztah-invalid-json-single-quotes",
        "no FROM: parse-dockerfile reports `expected FROM` (BuildKit's build fails the same way)",
    ),
    (
        "jeztah-invalid-json-unterminated-bracket",
        "no FROM: parse-dockerfile reports `expected FROM` (BuildKit's build fails the same way)",
    ),
    (
        "jeztah-invalid-json-unterminated-string",
        "no FROM: parse-dockerfile reports `expected FROM` (BuildKit's build fails the same way)",
    ),
    (
        "json",
        "no FROM: parse-dockerfile reports `expected FROM` (BuildKit's build fails the same way)",
    ),
    (
        "trailing-backslash",
        "parse-dockerfile reads an escaped backslash at the end of a line (`a\\\\`) as a line continuation, so the next instruction joins this one; BuildKit does not",
    ),
];

fn data_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance/buildkit-parser");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is not here", dir.display());
        None
    }
}

/// Go's `strconv.Quote`.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text of a span as BuildKit sees it: continuation lines joined, and blank and
/// comment lines inside the continuation dropped.
fn logical(parsed: &Dockerfile<'_>, span: std::ops::Range<usize>) -> String {
    let raw = &parsed.file.text[span];
    let escape = parsed.escape;
    let mut out = String::new();
    let mut continued = false;
    for line in raw.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if continued && (body.trim().is_empty() || body.trim_start().starts_with('#')) {
            continue;
        }
        let trimmed = body.trim_end();
        match trimmed.strip_suffix(escape) {
            Some(joined) if line.ends_with('\n') || line.len() < raw.len() => {
                out.push_str(joined);
                continued = true;
            }
            Some(joined) => out.push_str(joined),
            None => {
                out.push_str(body);
                continued = false;
            }
        }
    }
    out.trim().to_string()
}

fn flags(parsed: &Dockerfile<'_>, options: &[Flag<'_>]) -> Vec<String> {
    options
        .iter()
        .map(|flag| parsed.file.text[flag.span()].to_string())
        .filter(|flag| flag != "--")
        .collect()
}

fn values(strings: &[UnescapedString<'_>]) -> Vec<String> {
    strings.iter().map(|s| s.value.to_string()).collect()
}

fn command(parsed: &Dockerfile<'_>, command: &Command<'_>) -> Vec<String> {
    match command {
        Command::Exec(exec) => values(&exec.value),
        Command::Shell(shell) => vec![logical(parsed, shell.span.clone())],
        _ => Vec::new(),
    }
}

/// Split like BuildKit's `parseMaybeJSONToList`: a JSON array gives its values, other
/// text its whitespace-separated words as written.
fn paths(parsed: &Dockerfile<'_>, strings: &[&UnescapedString<'_>]) -> Vec<String> {
    let json = strings
        .first()
        .is_some_and(|s| parsed.file.text[..s.span.start].trim_end().ends_with('['));
    strings
        .iter()
        .map(|s| {
            if json {
                s.value.to_string()
            } else {
                logical(parsed, s.span.clone())
            }
        })
        .collect()
}

fn render(parsed: &Dockerfile<'_>, instruction: &Instruction<'_>) -> String {
    let keyword = parsed.file.text[dockerfile::keyword_span(instruction)].to_ascii_lowercase();
    let (options, arguments): (Vec<String>, Vec<String>) = match instruction {
        Instruction::From(from) => {
            let mut args = vec![logical(parsed, from.image.span.clone())];
            if let Some((as_, name)) = &from.as_ {
                args.push(parsed.file.text[as_.span.clone()].to_string());
                args.push(name.value.to_string());
            }
            (flags(parsed, &from.options), args)
        }
        Instruction::Arg(arg) => {
            let text = logical(parsed, arg.arguments.span.clone());
            let args = words(&text, parsed.escape)
                .into_iter()
                .map(String::from)
                .collect();
            (Vec::new(), args)
        }
        Instruction::Env(_) | Instruction::Label(_) => {
            let span = match instruction {
                Instruction::Env(env) => env.arguments.span.clone(),
                Instruction::Label(label) => label.arguments.span.clone(),
                _ => unreachable!("matched above"),
            };
            let text = logical(parsed, span);
            let args = key_values(&text, parsed.escape)
                .into_iter()
                .flat_map(|(name, value, equals)| {
                    [
                        name.to_string(),
                        value.unwrap_or("").to_string(),
                        if equals { "=" } else { "" }.to_string(),
                    ]
                })
                .collect();
            (Vec::new(), args)
        }
        Instruction::Run(run) => (flags(parsed, &run.options), command(parsed, &run.arguments)),
        Instruction::Cmd(cmd) => (Vec::new(), command(parsed, &cmd.arguments)),
        Instruction::Entrypoint(e) => (Vec::new(), command(parsed, &e.arguments)),
        Instruction::Shell(shell) => (Vec::new(), values(&shell.arguments)),
        Instruction::Copy(copy) => {
            let mut all: Vec<&UnescapedString<'_>> = copy
                .src
                .iter()
                .filter_map(|s| match s {
                    parse_dockerfile::Source::Path(p) => Some(p),
                    _ => None,
                })
                .collect();
            all.push(&copy.dest);
            (flags(parsed, &copy.options), paths(parsed, &all))
        }
        Instruction::Add(add) => {
            let mut all: Vec<&UnescapedString<'_>> = add
                .src
                .iter()
                .filter_map(|s| match s {
                    parse_dockerfile::Source::Path(p) => Some(p),
                    _ => None,
                })
                .collect();
            all.push(&add.dest);
            (flags(parsed, &add.options), paths(parsed, &all))
        }
        Instruction::Expose(expose) => (Vec::new(), values(&expose.arguments)),
        Instruction::Volume(volume) => match &volume.arguments {
            parse_dockerfile::JsonOrStringArray::Json(json) => (Vec::new(), values(&json.value)),
            parse_dockerfile::JsonOrStringArray::String(strings) => (Vec::new(), values(strings)),
        },
        Instruction::User(i) => (Vec::new(), vec![logical(parsed, i.arguments.span.clone())]),
        Instruction::Workdir(i) => (Vec::new(), vec![logical(parsed, i.arguments.span.clone())]),
        Instruction::Stopsignal(i) => (Vec::new(), vec![logical(parsed, i.arguments.span.clone())]),
        Instruction::Maintainer(i) => (Vec::new(), vec![logical(parsed, i.name.span.clone())]),
        Instruction::Healthcheck(health) => {
            let args = match &health.arguments {
                parse_dockerfile::HealthcheckArguments::Cmd { arguments, .. } => {
                    let mut args = vec!["CMD".to_string()];
                    args.extend(command(parsed, arguments));
                    args
                }
                _ => vec!["NONE".to_string()],
            };
            (flags(parsed, &health.options), args)
        }
        Instruction::Onbuild(onbuild) => {
            return format!("(onbuild {})", render(parsed, &onbuild.instruction));
        }
        _ => (Vec::new(), Vec::new()),
    };
    let mut out = format!("({keyword}");
    if !options.is_empty() {
        let quoted: Vec<String> = options.iter().map(|o| quote(o)).collect();
        out.push_str(&format!(" [{}]", quoted.join(" ")));
    }
    for argument in arguments {
        out.push(' ');
        out.push_str(&quote(&argument));
    }
    out.push(')');
    out
}

fn cases(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut cases: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    cases.sort();
    cases
}

#[test]
fn valid_buildkit_test_files_split_as_buildkit_splits_them() {
    let Some(dir) = data_dir() else {
        return;
    };
    let mut failures = Vec::new();
    let mut passed = 0;
    for (name, path) in cases(&dir.join("testfiles")) {
        if let Some((_, why)) = SKIPPED.iter().find(|(case, _)| *case == name) {
            eprintln!("skipped {name}: {why}");
            continue;
        }
        let text = std::fs::read_to_string(path.join("Dockerfile")).unwrap();
        let expected = std::fs::read_to_string(path.join("result")).unwrap();
        let file = SourceFile::new("Dockerfile", &text);
        let prepared = dockerfile::prepare(&file);
        let parsed = dockerfile::parse_prepared(&file, &prepared);
        let mut ours: Vec<String> = parsed
            .instructions
            .iter()
            .map(|i| render(&parsed, i))
            .collect();
        if let Some(error) = &parsed.error {
            ours.push(format!("error: {}", error.message));
        }
        let theirs: Vec<&str> = expected.lines().collect();
        if ours == theirs {
            passed += 1;
        } else {
            let first = ours
                .iter()
                .zip(&theirs)
                .find(|(a, b)| a != *b)
                .map(|(a, b)| format!("ours:   {a}\n  theirs: {b}"))
                .unwrap_or_else(|| {
                    format!("{} instructions, BuildKit {}", ours.len(), theirs.len())
                });
            failures.push(format!("{name}:\n  {first}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{passed} passed, {} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn negative_buildkit_test_files_are_errors() {
    let Some(dir) = data_dir() else {
        return;
    };
    for (name, path) in cases(&dir.join("testfiles-negative")) {
        let text = std::fs::read_to_string(path.join("Dockerfile")).unwrap();
        let file = SourceFile::new("Dockerfile", &text);
        assert!(
            dockerfile::parse(&file).error.is_some(),
            "{name} parsed without an error"
        );
    }
}
