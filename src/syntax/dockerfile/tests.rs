//! Tests of dockerfile.

use super::*;

#[test]
fn instructions_before_a_failure_are_kept() {
    let file = SourceFile::new("Dockerfile", "FROM alpine\nRUN echo\nFOO bar\nRUN x\n");
    let parsed = parse(&file);
    assert_eq!(parsed.instructions.len(), 2);
    let error = parsed.error.expect("unknown instruction is an error");
    assert_eq!(file.position(error.span.start).line, 3);
    assert!(
        error.message.contains("unknown instruction"),
        "{}",
        error.message
    );
}

#[test]
fn stages_and_arg_defaults_resolve_from_images() {
    let text = "ARG V=22.04\nFROM ubuntu:${V} AS build\nRUN x\nFROM build\nUSER app\n";
    let file = SourceFile::new("Dockerfile", text);
    let parsed = parse(&file);
    assert_eq!(parsed.stages.len(), 2);
    assert_eq!(parsed.stages[0].name.as_deref(), Some("build"));
    assert_eq!(parsed.stages[1].range, 3..5);
    assert_eq!(
        parsed.resolved_image(&parsed.stages[0]).as_deref(),
        Some("ubuntu:22.04")
    );
    assert_eq!(parsed.stage_named("BUILD"), Some(0));
}

#[test]
fn run_scripts_cover_shell_form_and_heredocs_only_under_a_posix_shell() {
    let text = "FROM a\nRUN <<EOF\napt-get update\nsudo x\nEOF\nRUN [\"ls\"]\nRUN <<EOF python3\nimport os\nEOF\n\
                    SHELL [\"pwsh\", \"-c\"]\nRUN Get-Item x\nFROM b\nONBUILD RUN cd /x\n";
    let file = SourceFile::new("Dockerfile", text);
    let parsed = parse(&file);
    assert!(parsed.error.is_none(), "{:?}", parsed.error);
    let names: Vec<Vec<&str>> = parsed
        .scripts
        .iter()
        .map(|s| s.iter().filter_map(|c| c.name()).collect())
        .collect();
    assert_eq!(
        names,
        [
            vec![],
            vec!["apt-get", "sudo"],
            vec![],
            vec!["python3"],
            vec![],
            vec![],
            vec![],
            vec!["cd"]
        ]
    );
    let sudo = &parsed.scripts[1][1].words[0];
    assert_eq!(&text[sudo.span.clone()], "sudo");
    assert_eq!(file.position(sudo.span.start).line, 4);
}

#[test]
fn env_without_a_value_is_an_error_and_directives_end_at_a_comment() {
    let file = SourceFile::new(
        "Dockerfile",
        "FROM a\nENV A=1 \\\n    B=2\nENV PATH\nRUN x\n",
    );
    let parsed = parse(&file);
    assert_eq!(parsed.instructions.len(), 2);
    let error = parsed.error.expect("ENV PATH has no value");
    assert_eq!(file.position(error.span.start).line, 4);
    assert_eq!(escape_directive("# escape=`\nFROM a\n"), '`');
    assert_eq!(escape_directive("# a comment\n# escape=`\nFROM a\n"), '\\');
}

#[test]
fn heredocs_the_parser_cannot_read_are_blanked_with_spans_kept() {
    let text = "FROM a\nRUN cat <<EOF > /x && cat <<-'E2' > /y\nlisten 80\nEOF\n\tz\n\tE2\n\
                    RUN <<A sh && <<B cat > /b\necho a\nA\nb\nB\nCOPY <<C /c\nRUN no\nC\nRUN echo after\n";
    let file = SourceFile::new("Dockerfile", text);
    assert!(parse(&file).error.is_some());
    let prepared = prepare(&file);
    assert_eq!(prepared.text.len(), text.len());
    let parsed = parse_prepared(&file, &prepared);
    assert!(parsed.error.is_none(), "{:?}", parsed.error);
    let keywords: Vec<&str> = parsed
        .instructions
        .iter()
        .map(|i| &text[keyword_span(i)])
        .collect();
    assert_eq!(keywords, ["FROM", "RUN", "RUN", "COPY", "RUN"]);
    let names: Vec<&str> = parsed.scripts[2].iter().filter_map(|c| c.name()).collect();
    assert_eq!(names, ["sh", "cat", "echo"]);
    assert_eq!(file.position(parsed.starts[4]).line, 15);
}

#[test]
fn instructions_before_the_first_from_are_set_aside() {
    let text =
        "# syntax=docker/dockerfile:1\nARG V=1\nLABEL a=b \\\n  c=d\nFROM alpine:$V\nRUN x\n";
    let file = SourceFile::new("Dockerfile", text);
    let prepared = prepare(&file);
    let parsed = parse_prepared(&file, &prepared);
    assert!(parsed.error.is_none(), "{:?}", parsed.error);
    assert_eq!(parsed.instructions.len(), 3);
    assert_eq!(parsed.misplaced.len(), 1);
    assert_eq!(&text[parsed.misplaced[0].clone()], "LABEL");
    let unicode = SourceFile::new("Dockerfile", "FROM a\nRUN écho «x» <<É\nÉ\nONBUILDé\n");
    let _ = parse_prepared(&unicode, &prepare(&unicode));
    let no_from = SourceFile::new("Dockerfile", "LABEL a=b\n");
    assert!(prepare(&no_from).misplaced.is_empty());
}

#[test]
fn key_values_split_as_buildkit_does() {
    assert_eq!(
        key_values(r#"name="value value1" b=c\ d e"#, '\\'),
        [
            ("name", Some("\"value value1\""), true),
            ("b", Some("c\\ d"), true),
            ("e", None, false)
        ]
    );
    assert_eq!(
        key_values("maintainer Erik <e@x>", '\\'),
        [("maintainer", Some("Erik <e@x>"), false)]
    );
    assert_eq!(
        words("abc=\"123 456\" def", '\\'),
        ["abc=\"123 456\"", "def"]
    );
    assert_eq!(words("'a\\'b''", '\\'), ["'a\\'b''"]);
    assert_eq!(words("a=1 \\\n  b=2", '\\'), ["a=1", "b=2"]);
}

#[test]
fn arg_pairs_read_both_forms() {
    assert_eq!(
        arg_pairs("A=1 B=\"2\""),
        vec![("A", Some("1")), ("B", Some("2"))]
    );
    assert_eq!(arg_pairs("PATH /usr/bin"), vec![("PATH", Some("/usr/bin"))]);
    assert_eq!(arg_pairs("VERSION"), vec![("VERSION", None)]);
}

#[test]
fn expand_args_needs_every_reference() {
    let values = HashMap::from([("A".to_string(), "x".to_string())]);
    assert_eq!(
        expand_args("img:$A-${B:-y}", &values).as_deref(),
        Some("img:x-y")
    );
    assert_eq!(expand_args("img:${C}", &values), None);
}
