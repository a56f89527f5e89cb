//! The Dockerfile front end: `parse-dockerfile` does the parsing; this module adds what
//! linting needs around it: instructions before a parse failure, stages with their
//! names, parser directives, comment lines (for pragmas), `ARG` default resolution and
//! the shell commands of each `RUN` (split by `crate::syntax::shell`).

use std::collections::HashMap;

pub use parse_dockerfile::{Command, Flag, Instruction, Source, UnescapedString};
pub use prepare::prepare;
pub use words::{arg_pairs, expand_args, key_values, words};

use crate::input::source::{SourceFile, Span};
use crate::syntax::shell::{self, Lines, SimpleCommand};

#[derive(Debug)]
pub struct Dockerfile<'a> {
    pub file: &'a SourceFile,
    pub instructions: Vec<Instruction<'a>>,
    /// Byte offset where each instruction starts (its keyword), parallel to `instructions`.
    pub starts: Vec<usize>,
    pub stages: Vec<Stage>,
    /// The shell commands of each instruction, parallel to `instructions`: those of a
    /// shell-form `RUN` (also under `ONBUILD`) and of its here-document script. Empty for
    /// other instructions and where the stage's `SHELL` is not a POSIX shell.
    pub scripts: Vec<Vec<SimpleCommand>>,
    /// Keyword spans of instructions before the first `FROM` other than `ARG`, which
    /// BuildKit rejects; [`prepare`] leaves them out so the rest of the file is read.
    pub misplaced: Vec<Span>,
    /// Lines (1-based) that are comments outside here-documents, with their text.
    pub comments: Vec<(usize, &'a str)>,
    pub escape: char,
    pub error: Option<ParseError>,
    /// The first stage of each name, by lower-cased name, so that finding a stage takes
    /// constant time however many stages there are.
    stage_by_name: HashMap<String, usize>,
    /// The global `ARG` defaults (before the first `FROM`).
    global_args: HashMap<String, String>,
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

/// The text `parse-dockerfile` reads (see [`prepare`]) and what was blanked in it.
#[derive(Debug)]
pub struct Prepared<'f> {
    pub text: std::borrow::Cow<'f, str>,
    /// Keyword spans of instructions other than `ARG` before the first `FROM`.
    pub misplaced: Vec<Span>,
}

/// Parse a file as written. What [`prepare`] blanks makes this fail; [`parse_prepared`]
/// reads it.
pub fn parse(file: &SourceFile) -> Dockerfile<'_> {
    parse_text(file, &file.text, Vec::new())
}

/// Parse the text of `file` after [`prepare`] (same length, so every span indexes
/// `file.text`).
pub fn parse_prepared<'a>(file: &'a SourceFile, prepared: &'a Prepared<'_>) -> Dockerfile<'a> {
    parse_text(file, &prepared.text, prepared.misplaced.clone())
}

fn parse_text<'a>(file: &'a SourceFile, text: &'a str, misplaced: Vec<Span>) -> Dockerfile<'a> {
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
    if let Some((index, invalid)) = missing_value(&instructions) {
        instructions.truncate(index);
        error = Some(invalid);
    }
    let starts: Vec<usize> = instructions
        .iter()
        .map(keyword_span)
        .map(|s| s.start)
        .collect();
    let stages = stages(&instructions);
    let comments = comment_lines(file, &instructions);
    let escape = escape_directive(text);
    let scripts = scripts(&file.text, &instructions, escape);
    let mut stage_by_name = HashMap::new();
    for (index, stage) in stages.iter().enumerate() {
        if let Some(name) = &stage.name {
            stage_by_name
                .entry(name.to_ascii_lowercase())
                .or_insert(index);
        }
    }
    let global_args = global_arg_defaults(&instructions);
    Dockerfile {
        file,
        escape,
        stage_by_name,
        global_args,
        scripts,
        misplaced,
        instructions,
        starts,
        stages,
        comments,
        error,
    }
}

impl<'a> Dockerfile<'a> {
    /// The text of a span from parse-dockerfile, widened to character boundaries: for some
    /// inputs (a continuation line followed by a comment ending in a multi-byte character)
    /// it reports a span that ends inside a character.
    pub fn source(&self, span: Span) -> &'a str {
        let text: &'a str = &self.file.text;
        let mut start = span.start.min(text.len());
        let mut end = span.end.clamp(start, text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        while !text.is_char_boundary(end) {
            end += 1;
        }
        &text[start..end]
    }

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
        let keyword = |i: usize| {
            self.source(keyword_span(&self.instructions[i]))
                .to_ascii_uppercase()
        };
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
        self.global_args.clone()
    }

    /// The image a stage starts from with `${ARG}` references replaced by their global
    /// defaults, or `None` when a reference has no default or the default is empty (the
    /// build must then pass the image).
    pub fn resolved_image(&self, stage: &Stage) -> Option<String> {
        let Instruction::From(from) = &self.instructions[stage.from] else {
            return None;
        };
        expand_args(&from.image.value, &self.global_args).filter(|i| !i.is_empty())
    }

    /// The stage named or numbered by a `--from` value or image name, if it is one.
    pub fn stage_named(&self, name: &str) -> Option<usize> {
        self.stage_by_name(name).or_else(|| {
            name.parse::<usize>()
                .ok()
                .filter(|&i| i < self.stages.len())
        })
    }

    /// The first stage with this name (`AS name`, any case), if any.
    pub fn stage_by_name(&self, name: &str) -> Option<usize> {
        self.stage_by_name.get(&name.to_ascii_lowercase()).copied()
    }
}

/// The global `ARG` defaults: those before the first `FROM`.
fn global_arg_defaults(instructions: &[Instruction<'_>]) -> HashMap<String, String> {
    let mut defaults = HashMap::new();
    for instruction in instructions {
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

fn scripts(text: &str, instructions: &[Instruction<'_>], escape: char) -> Vec<Vec<SimpleCommand>> {
    let mut posix = true;
    instructions
        .iter()
        .map(|instruction| match instruction {
            Instruction::From(_) => {
                posix = true;
                Vec::new()
            }
            Instruction::Shell(shell) => {
                posix = shell.arguments.first().is_some_and(|program| {
                    let name = program.value.rsplit(['/', '\\']).next().unwrap_or("");
                    !["pwsh", "powershell", "cmd"]
                        .iter()
                        .any(|p| name.to_ascii_lowercase().starts_with(p))
                });
                Vec::new()
            }
            Instruction::Onbuild(onbuild) if posix => match onbuild.instruction.as_ref() {
                Instruction::Run(run) => run_script(text, run, escape),
                _ => Vec::new(),
            },
            Instruction::Run(run) if posix => run_script(text, run, escape),
            _ => Vec::new(),
        })
        .collect()
}

const SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "ksh"];

/// The commands of a shell-form `RUN`; the here-document (the first command's input, as
/// the line starts with `<<`) is the script when there is no command or the first is a
/// POSIX shell (`RUN <<EOF`, `RUN <<EOF bash -e`).
fn run_script(
    text: &str,
    run: &parse_dockerfile::RunInstruction<'_>,
    escape: char,
) -> Vec<SimpleCommand> {
    let Command::Shell(line) = &run.arguments else {
        return Vec::new();
    };
    let mut commands = shell::split(text, line.span.clone(), Lines::Dockerfile { escape });
    let runs_script = commands
        .first()
        .is_none_or(|first| first.name().is_some_and(|n| SHELLS.contains(&n)));
    if runs_script {
        for here_doc in &run.here_docs {
            commands.extend(shell::split(text, here_doc.span.clone(), Lines::Script));
        }
    }
    commands
}

/// The first `ENV` or `LABEL` with a name but no value (`ENV PATH`), which BuildKit
/// rejects and `parse-dockerfile` accepts.
fn missing_value(instructions: &[Instruction<'_>]) -> Option<(usize, ParseError)> {
    instructions
        .iter()
        .enumerate()
        .find_map(|(index, instruction)| {
            let (keyword, arguments) = match instruction {
                Instruction::Env(env) => ("ENV", &env.arguments),
                Instruction::Label(label) => ("LABEL", &label.arguments),
                _ => return None,
            };
            let pairs = key_values(&arguments.value, '\\');
            let bare = pairs.iter().find(|(_, value, _)| value.is_none())?;
            Some((
                index,
                ParseError {
                    span: arguments.span.clone(),
                    message: format!(
                        "{keyword} `{}` has no value: write `{}=value`",
                        bare.0, bare.0
                    ),
                },
            ))
        })
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

/// The `# escape=` parser directive. Directives are only read in the leading run of
/// `# key=value` lines: the first other line (a plain comment included) ends them.
fn escape_directive(text: &str) -> char {
    for line in text.lines() {
        let Some((key, value)) = line
            .trim()
            .strip_prefix('#')
            .and_then(|directive| directive.split_once('='))
        else {
            break;
        };
        let key = key.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric()) {
            break;
        }
        if key.eq_ignore_ascii_case("escape") {
            return if value.trim() == "`" { '`' } else { '\\' };
        }
    }
    '\\'
}

mod prepare;
#[cfg(test)]
mod tests;
mod words;
