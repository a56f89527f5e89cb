//! The Dockerfile front end: `parse-dockerfile` does the parsing; this module adds what
//! linting needs around it: instructions before a parse failure, stages with their
//! names, parser directives, comment lines (for pragmas) and `ARG` default resolution.

use std::collections::HashMap;

pub use parse_dockerfile::{Command, Flag, Instruction, UnescapedString};

use crate::source::{SourceFile, Span};

#[derive(Debug)]
pub struct Dockerfile<'a> {
    pub file: &'a SourceFile,
    pub instructions: Vec<Instruction<'a>>,
    /// Byte offset where each instruction starts (its keyword), parallel to `instructions`.
    pub starts: Vec<usize>,
    pub stages: Vec<Stage>,
    /// Lines (1-based) that are comments outside here-documents, with their text.
    pub comments: Vec<(usize, &'a str)>,
    pub escape: char,
    pub error: Option<ParseError>,
}

/// One build stage: its `FROM` instruction and the instructions that follow it.
#[derive(Debug)]
pub struct Stage {
    /// Index of the `FROM` in [`Dockerfile::instructions`].
    pub from: usize,
    /// Indexes of the instructions of the stage, `FROM` included.
    pub range: std::ops::Range<usize>,
    pub name: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ParseError {
    pub span: Span,
    pub message: String,
}

pub fn parse(file: &SourceFile) -> Dockerfile<'_> {
    let text: &str = &file.text;
    let mut instructions = Vec::new();
    let mut error = None;
    match parse_dockerfile::parse_iter(text) {
        Ok(iter) => {
            for item in iter {
                match item {
                    Ok(instruction) => instructions.push(instruction),
                    Err(e) => {
                        error = Some(parse_error(file, &e));
                        break;
                    }
                }
            }
        }
        Err(e) => error = Some(parse_error(file, &e)),
    }
    let starts: Vec<usize> = instructions
        .iter()
        .map(keyword_span)
        .map(|s| s.start)
        .collect();
    let stages = stages(&instructions);
    let comments = comment_lines(file, &instructions);
    Dockerfile {
        file,
        escape: escape_directive(text),
        instructions,
        starts,
        stages,
        comments,
        error,
    }
}

impl<'a> Dockerfile<'a> {
    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    pub fn stage_instructions(&self, stage: &Stage) -> &[Instruction<'a>] {
        &self.instructions[stage.range.clone()]
    }

    /// The index of the instruction that contains a byte offset.
    pub fn instruction_at(&self, offset: usize) -> Option<usize> {
        self.starts.partition_point(|&s| s <= offset).checked_sub(1)
    }

    /// Where an offset is, independent of line numbers: the stage (its name, or its
    /// number when unnamed; `global` before the first `FROM`) and the instruction by
    /// keyword and occurrence in that stage, e.g. `stage build > RUN[2]`.
    pub fn logical_location(&self, offset: usize) -> Option<String> {
        let index = self.instruction_at(offset)?;
        let keyword =
            |i: usize| self.file.text[keyword_span(&self.instructions[i])].to_ascii_uppercase();
        let (label, first) = match self.stages.iter().position(|s| s.range.contains(&index)) {
            Some(n) => {
                let stage = &self.stages[n];
                (
                    stage.name.clone().unwrap_or_else(|| n.to_string()),
                    stage.range.start,
                )
            }
            None => ("global".to_string(), 0),
        };
        let word = keyword(index);
        let occurrence = (first..=index).filter(|&i| keyword(i) == word).count();
        Some(format!("stage {label} > {word}[{occurrence}]"))
    }

    /// `ARG` defaults declared before the first `FROM`, as BuildKit uses them in `FROM`.
    pub fn global_arg_defaults(&self) -> HashMap<String, String> {
        let mut defaults = HashMap::new();
        for instruction in &self.instructions {
            match instruction {
                Instruction::Arg(arg) => {
                    for (name, value) in arg_pairs(&arg.arguments.value) {
                        if let Some(value) = value {
                            defaults.insert(name.to_string(), value.to_string());
                        }
                    }
                }
                Instruction::From(_) => break,
                _ => {}
            }
        }
        defaults
    }

    /// The image a stage starts from with `${ARG}` references replaced by their global
    /// defaults, or `None` when a reference has no default.
    pub fn resolved_image(&self, stage: &Stage) -> Option<String> {
        let Instruction::From(from) = &self.instructions[stage.from] else {
            return None;
        };
        expand_args(&from.image.value, &self.global_arg_defaults())
    }

    /// The stage named or numbered by a `--from` value or image name, if it is one.
    pub fn stage_named(&self, name: &str) -> Option<usize> {
        self.stages
            .iter()
            .position(|s| {
                s.name
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
            })
            .or_else(|| {
                name.parse::<usize>()
                    .ok()
                    .filter(|&i| i < self.stages.len())
            })
    }
}

/// The span of an instruction's keyword (`RUN`, `FROM`, ...).
pub fn keyword_span(instruction: &Instruction<'_>) -> Span {
    match instruction {
        Instruction::Add(i) => i.add.span.clone(),
        Instruction::Arg(i) => i.arg.span.clone(),
        Instruction::Cmd(i) => i.cmd.span.clone(),
        Instruction::Copy(i) => i.copy.span.clone(),
        Instruction::Entrypoint(i) => i.entrypoint.span.clone(),
        Instruction::Env(i) => i.env.span.clone(),
        Instruction::Expose(i) => i.expose.span.clone(),
        Instruction::From(i) => i.from.span.clone(),
        Instruction::Healthcheck(i) => i.healthcheck.span.clone(),
        Instruction::Label(i) => i.label.span.clone(),
        Instruction::Maintainer(i) => i.maintainer.span.clone(),
        Instruction::Onbuild(i) => i.onbuild.span.clone(),
        Instruction::Run(i) => i.run.span.clone(),
        Instruction::Shell(i) => i.shell.span.clone(),
        Instruction::Stopsignal(i) => i.stopsignal.span.clone(),
        Instruction::User(i) => i.user.span.clone(),
        Instruction::Volume(i) => i.volume.span.clone(),
        Instruction::Workdir(i) => i.workdir.span.clone(),
        _ => 0..0,
    }
}

/// The span of a command's arguments, whichever form it was written in.
pub fn command_span(command: &Command<'_>) -> Span {
    match command {
        Command::Exec(exec) => exec.span.clone(),
        Command::Shell(shell) => shell.span.clone(),
        _ => 0..0,
    }
}

/// A command as one line: the shell form as written, the exec form's words joined.
pub fn command_text(command: &Command<'_>) -> String {
    match command {
        Command::Exec(exec) => exec
            .value
            .iter()
            .map(|s| s.value.as_ref())
            .collect::<Vec<_>>()
            .join(" "),
        Command::Shell(shell) => shell.value.to_string(),
        _ => String::new(),
    }
}

/// `NAME=value` pairs of an `ARG` or `ENV` (`ENV name value` legacy form included).
pub fn arg_pairs(arguments: &str) -> Vec<(&str, Option<&str>)> {
    let arguments = arguments.trim();
    if !arguments.contains('=') {
        return match arguments.split_once(char::is_whitespace) {
            Some((name, value)) => vec![(name, Some(value.trim()))],
            None => vec![(arguments, None)],
        };
    }
    arguments
        .split_whitespace()
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (name, Some(value.trim_matches(['"', '\'']))),
            None => (pair, None),
        })
        .collect()
}

/// Replace `$NAME`, `${NAME}` and `${NAME:-default}` using `values`.
pub fn expand_args(text: &str, values: &HashMap<String, String>) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        let after = &rest[dollar + 1..];
        let (reference, consumed) = if let Some(braced) = after.strip_prefix('{') {
            let close = braced.find('}')?;
            (&braced[..close], close + 2)
        } else {
            let len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (&after[..len], len)
        };
        let (name, default) = match reference.split_once(":-") {
            Some((name, default)) => (name, Some(default)),
            None => (reference, None),
        };
        match values.get(name).map(String::as_str).or(default) {
            Some(value) => out.push_str(value),
            None => return None,
        }
        rest = &after[consumed..];
    }
    out.push_str(rest);
    Some(out)
}

fn parse_error(file: &SourceFile, error: &parse_dockerfile::Error) -> ParseError {
    let offset = file
        .line_start(error.line())
        .map(|start| {
            let mut offset = (start + error.column().saturating_sub(1)).min(file.text.len());
            while !file.text.is_char_boundary(offset) {
                offset -= 1;
            }
            offset
        })
        .unwrap_or(0);
    ParseError {
        span: offset..offset,
        message: format!("{error:#}"),
    }
}

fn stages(instructions: &[Instruction<'_>]) -> Vec<Stage> {
    let mut stages: Vec<Stage> = Vec::new();
    for (index, instruction) in instructions.iter().enumerate() {
        if let Instruction::From(from) = instruction {
            if let Some(last) = stages.last_mut() {
                last.range.end = index;
            }
            stages.push(Stage {
                from: index,
                range: index..instructions.len(),
                name: from.as_.as_ref().map(|(_, name)| name.value.to_string()),
            });
        }
    }
    stages
}

fn comment_lines<'a>(
    file: &'a SourceFile,
    instructions: &[Instruction<'_>],
) -> Vec<(usize, &'a str)> {
    let heredocs: Vec<Span> = instructions
        .iter()
        .filter_map(|i| match i {
            Instruction::Run(run) => Some(run.here_docs.iter().map(|h| h.span.clone())),
            _ => None,
        })
        .flatten()
        .collect();
    (1..=file.line_count())
        .filter_map(|line| {
            let text = file.line_text(line).trim_start();
            let start = file.line_start(line)?;
            let in_heredoc = heredocs.iter().any(|h| h.contains(&start));
            (text.starts_with('#') && !in_heredoc).then_some((line, text))
        })
        .collect()
}

fn escape_directive(text: &str) -> char {
    for line in text.lines() {
        let Some(directive) = line.trim().strip_prefix('#') else {
            break;
        };
        if let Some((key, value)) = directive.split_once('=')
            && key.trim().eq_ignore_ascii_case("escape")
        {
            return if value.trim() == "`" { '`' } else { '\\' };
        }
    }
    '\\'
}

#[cfg(test)]
mod tests {
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
}
