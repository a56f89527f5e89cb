//! The Dockerfile front end: `parse-dockerfile` does the parsing; this module adds what
//! linting needs around it: instructions before a parse failure, stages with their
//! names, parser directives, comment lines (for pragmas), `ARG` default resolution and
//! the shell commands of each `RUN` (split by [`crate::syntax::shell`]).

use std::collections::HashMap;

pub use parse_dockerfile::{Command, Flag, Instruction, UnescapedString};

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

/// The text to give `parse-dockerfile`: the file's, with spaces over what it cannot read:
/// the bodies and terminators of the `RUN` here-documents it does not read (any after
/// the first, and all of them when the arguments do not start with `<<`, as in
/// `RUN cat <<EOF > /etc/x`), and instructions other than `ARG` before the first `FROM`
/// (when there is one). Lengths and line ends are kept, so spans stay true.
pub fn prepare(file: &SourceFile) -> Prepared<'_> {
    let text: &str = &file.text;
    let escape = escape_directive(text);
    let mut blanks: Vec<Span> = Vec::new();
    let mut before_from: Vec<(Span, Span)> = Vec::new();
    let mut seen_from = false;
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line))
        })
        .collect();
    let continues = |line: &str| line.trim_end().ends_with(escape);
    let mut index = 0;
    while index < lines.len() {
        let (first_start, first) = lines[index];
        let mut logical = String::from(first);
        let mut open = continues(first);
        index += 1;
        while open && index < lines.len() {
            let line = lines[index].1;
            index += 1;
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            logical.push_str(line);
            open = continues(line);
        }
        let indent = first.len() - first.trim_start().len();
        let keyword = first.split_whitespace().next().unwrap_or("");
        if !seen_from && !keyword.is_empty() && !keyword.starts_with('#') {
            if keyword.eq_ignore_ascii_case("FROM") {
                seen_from = true;
            } else if !keyword.eq_ignore_ascii_case("ARG") {
                let keyword_start = first_start + indent;
                let end = lines.get(index).map_or(text.len(), |(start, _)| *start);
                before_from.push((
                    keyword_start..keyword_start + keyword.len(),
                    first_start..end,
                ));
            }
        }
        let Some(arguments) = heredoc_instruction(&logical) else {
            continue;
        };
        let crate_reads_first = arguments.is_run_at_start;
        for (position, (delimiter, strip_tabs)) in arguments.markers.iter().enumerate() {
            let blank = arguments.is_run && !(position == 0 && crate_reads_first);
            while index < lines.len() {
                let (start, line) = lines[index];
                index += 1;
                let content = line.trim_end_matches(['\n', '\r']);
                let content = if *strip_tabs {
                    content.trim_start_matches('\t')
                } else {
                    content
                };
                if blank {
                    blanks.push(start..start + line.trim_end_matches(['\n', '\r']).len());
                }
                if content == delimiter {
                    break;
                }
            }
        }
    }
    let mut misplaced = Vec::new();
    if seen_from {
        for (keyword, lines) in before_from {
            misplaced.push(keyword);
            blanks.push(lines);
        }
    }
    if blanks.is_empty() {
        return Prepared {
            text: std::borrow::Cow::Borrowed(text),
            misplaced,
        };
    }
    let mut bytes = text.as_bytes().to_vec();
    for span in blanks {
        for byte in &mut bytes[span] {
            if *byte != b'\n' && *byte != b'\r' {
                *byte = b' ';
            }
        }
    }
    Prepared {
        text: std::borrow::Cow::Owned(String::from_utf8(bytes).expect("whole lines blanked")),
        misplaced,
    }
}

/// The here-document markers of a `RUN`, `COPY` or `ADD` (also behind `ONBUILD`).
struct HeredocInstruction {
    is_run: bool,
    /// The arguments after the flags start with `<<`, the one form `parse-dockerfile` reads.
    is_run_at_start: bool,
    markers: Vec<(String, bool)>,
}

fn heredoc_instruction(logical: &str) -> Option<HeredocInstruction> {
    let mut rest = logical.trim_start();
    if rest
        .get(..8)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case("onbuild "))
    {
        rest = rest[8..].trim_start();
    }
    let keyword_end = rest.find(char::is_whitespace)?;
    let keyword = rest[..keyword_end].to_ascii_uppercase();
    if !["RUN", "COPY", "ADD"].contains(&keyword.as_str()) {
        return None;
    }
    let mut arguments = rest[keyword_end..].trim_start();
    while arguments.starts_with("--") {
        let end = arguments
            .find(char::is_whitespace)
            .unwrap_or(arguments.len());
        arguments = arguments[end..].trim_start();
    }
    let markers = heredoc_markers(arguments);
    if markers.is_empty() {
        return None;
    }
    Some(HeredocInstruction {
        is_run: keyword == "RUN",
        is_run_at_start: arguments.starts_with("<<"),
        markers,
    })
}

/// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` outside quotes: the delimiter and whether
/// leading tabs are stripped.
fn heredoc_markers(arguments: &str) -> Vec<(String, bool)> {
    let mut markers = Vec::new();
    let bytes = arguments.as_bytes();
    let mut quote = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'\'' || b == b'"' => quote = Some(b),
            None if bytes[i..].starts_with(b"<<") && !bytes[i..].starts_with(b"<<<") => {
                let mut rest = &arguments[i + 2..];
                let strip_tabs = rest.starts_with('-');
                if strip_tabs {
                    rest = &rest[1..];
                }
                let word: String = rest
                    .chars()
                    .take_while(|c| !c.is_whitespace() && !";&|<>()".contains(*c))
                    .collect();
                let delimiter = word.replace(['\'', '"', '\\'], "");
                if !delimiter.is_empty() {
                    markers.push((delimiter, strip_tabs));
                }
                i += 2 + usize::from(strip_tabs) + word.len();
                continue;
            }
            None => {}
        }
        i += 1;
    }
    markers
}

/// `NAME=value` pairs of an `ARG` or `ENV` (`ENV name value` legacy form included), with
/// the quotes around a value removed.
pub fn arg_pairs(arguments: &str) -> Vec<(&str, Option<&str>)> {
    key_values(arguments, '\\')
        .into_iter()
        .map(|(name, value, _)| (name, value.map(unquote)))
        .collect()
}

/// The key-value list of `ENV`, `LABEL` or `ARG` split as BuildKit splits it: the legacy
/// `KEY value words` form gives one pair without `=` (the `bool`); otherwise each word
/// is `KEY=value` (or a bare `KEY`, value `None`). Values keep their quotes and escapes.
pub fn key_values(arguments: &str, escape: char) -> Vec<(&str, Option<&str>, bool)> {
    let arguments = arguments.trim();
    let all = words(arguments, escape);
    match all.as_slice() {
        [] => Vec::new(),
        [first, _, ..] if !first.contains('=') => {
            let (name, rest) = arguments
                .split_once([' ', '\t', '\r', '\n'])
                .unwrap_or((arguments, ""));
            vec![(name, Some(rest.trim_start()), false)]
        }
        _ => all
            .into_iter()
            .map(|word| match word.split_once('=') {
                Some((name, value)) => (name, Some(value), true),
                None => (word, None, false),
            })
            .collect(),
    }
}

/// Whitespace-separated words as BuildKit's `parseWords` reads them: quotes group words
/// and stay in them, `escape` keeps the next character in the word. In text as written,
/// `escape` before a line end (a continuation) separates words outside quotes.
pub fn words(text: &str, escape: char) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = None;
    let mut quote = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let continuation = c == escape && matches!(chars.peek(), Some((_, '\n' | '\r')));
        if continuation && quote.is_none() {
            if let Some(begin) = start.take() {
                words.push(&text[begin..i]);
            }
            continue;
        }
        match (start, quote) {
            (None, _) if c.is_whitespace() => continue,
            (Some(begin), None) if c.is_whitespace() => {
                words.push(&text[begin..i]);
                start = None;
                continue;
            }
            _ => {}
        }
        start.get_or_insert(i);
        match quote {
            None if c == '\'' || c == '"' => quote = Some(c),
            Some(q) if c == q => quote = None,
            _ => {}
        }
        if c == escape && quote != Some('\'') {
            chars.next();
        }
    }
    if let Some(begin) = start {
        let word = &text[begin..];
        words.push(word.strip_suffix(escape).unwrap_or(word));
    }
    words
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
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
        // `:-` takes the default when the variable is unset or empty.
        let value = values.get(name).map(String::as_str);
        let value = value.filter(|v| !(v.is_empty() && default.is_some()));
        match value.or(default) {
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
}
