//! A small shell word splitter for `RUN` scripts (shell form and here-document bodies).
//! It splits a script into simple commands at `&&`, `||`, `;`, `|`, `&`, newlines and
//! parentheses, removes quotes and escapes from each word, and keeps each word's byte span
//! in the file. Assignments before a command, redirections and their targets, shell
//! keywords and comments are left out of a command's words. It is not a shell parser:
//! command substitutions stay inside the word that holds them.

use crate::input::source::Span;

/// One word of a command, unquoted, with the span of the word as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub span: Span,
}

/// What joins a command to the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    And,
    Or,
    Pipe,
    /// `;`, `&`, a newline or a parenthesis.
    Sequence,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimpleCommand {
    /// `NAME=value` words before the command name.
    pub assignments: Vec<Word>,
    /// The command name and its arguments.
    pub words: Vec<Word>,
    /// The operator after this command and its span, if another command follows.
    pub next: Option<(Operator, Span)>,
}

impl SimpleCommand {
    /// The command name without its directory (`/usr/bin/apt-get` is `apt-get`).
    pub fn name(&self) -> Option<&str> {
        self.words
            .first()
            .map(|w| w.text.rsplit('/').next().unwrap_or(&w.text))
    }

    pub fn args(&self) -> &[Word] {
        self.words.get(1..).unwrap_or(&[])
    }
}

/// How line ends inside the script are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// A Dockerfile instruction: `escape` + newline joins lines, and blank or comment lines
    /// after a joined line are dropped, as BuildKit does before the shell runs.
    Dockerfile { escape: char },
    /// A script as the shell reads it (a here-document body).
    Script,
}

const KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}",
];

/// Split `source[span]` into simple commands; spans index `source`.
pub fn split(source: &str, span: Span, lines: Lines) -> Vec<SimpleCommand> {
    let mut splitter = Splitter {
        text: &source[span.clone()],
        base: span.start,
        pos: 0,
        lines,
        commands: Vec::new(),
        current: SimpleCommand {
            assignments: Vec::new(),
            words: Vec::new(),
            next: None,
        },
        word: String::new(),
        word_start: None,
        word_end: 0,
        redirect: false,
        heredocs: Vec::new(),
        cases: 0,
        in_pattern: false,
    };
    splitter.run();
    splitter.commands
}

struct Splitter<'t> {
    text: &'t str,
    base: usize,
    pos: usize,
    lines: Lines,
    commands: Vec<SimpleCommand>,
    current: SimpleCommand,
    word: String,
    word_start: Option<usize>,
    word_end: usize,
    /// The next word is the target of a redirection.
    redirect: bool,
    /// Here-document delimiters (and whether tabs are stripped) waiting for a newline.
    heredocs: Vec<(String, bool)>,
    /// Open `case ... esac` statements.
    cases: usize,
    /// Between `in` or `;;` and the `)` that ends a `case` pattern.
    in_pattern: bool,
}

impl Splitter<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.text[self.pos..].chars().nth(ahead)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Consume a Dockerfile line continuation at `pos`, if there is one.
    fn continuation(&mut self) -> bool {
        let Lines::Dockerfile { escape } = self.lines else {
            return false;
        };
        let rest = &self.text[self.pos..];
        let Some(after) = rest.strip_prefix(escape) else {
            return false;
        };
        let after = after.trim_start_matches([' ', '\t']);
        let after = after
            .strip_prefix("\r\n")
            .or_else(|| after.strip_prefix('\n'));
        let Some(mut after) = after else {
            return false;
        };
        loop {
            let line_end = after.find('\n').map_or(after.len(), |i| i + 1);
            let line = after[..line_end].trim();
            if line.is_empty() && line_end > 0 && after[..line_end].ends_with('\n')
                || line.starts_with('#')
            {
                after = &after[line_end..];
            } else {
                break;
            }
        }
        self.pos = self.text.len() - after.len();
        true
    }

    fn mark(&mut self, start: usize) {
        self.word_start.get_or_insert(start);
        self.word_end = self.pos;
    }

    fn run(&mut self) {
        while self.pos < self.text.len() {
            if self.continuation() {
                continue;
            }
            if self.in_pattern {
                self.case_pattern();
                continue;
            }
            let start = self.pos;
            let c = self.bump().expect("not at the end");
            match c {
                ';' if self.cases > 0 && matches!(self.peek(), Some(';' | '&')) => {
                    self.bump();
                    if self.peek() == Some('&') {
                        self.bump();
                    }
                    self.end_command(Operator::Sequence, start);
                    self.in_pattern = true;
                }
                ' ' | '\t' | '\r' => self.end_word(),
                '\n' => {
                    self.end_command(Operator::Sequence, start);
                    self.skip_heredoc_bodies();
                }
                ';' | '(' | ')' => self.end_command(Operator::Sequence, start),
                '&' if self.peek() == Some('&') => {
                    self.bump();
                    self.end_command(Operator::And, start);
                }
                '&' if self.peek() == Some('>') => {
                    self.end_word();
                    self.bump();
                    self.redirection(start, '>');
                }
                '&' => self.end_command(Operator::Sequence, start),
                '|' if self.peek() == Some('|') => {
                    self.bump();
                    self.end_command(Operator::Or, start);
                }
                '|' => {
                    if self.peek() == Some('&') {
                        self.bump();
                    }
                    self.end_command(Operator::Pipe, start);
                }
                '<' | '>' => self.redirection(start, c),
                '#' if self.word_start.is_none() => self.comment(),
                '\\' => match self.bump() {
                    Some('\n') => {}
                    Some('\r') if self.peek() == Some('\n') => {
                        self.bump();
                    }
                    Some(escaped) => {
                        self.word.push(escaped);
                        self.mark(start);
                    }
                    None => {}
                },
                '\'' => {
                    while let Some(q) = self.bump() {
                        if q == '\'' {
                            break;
                        }
                        self.word.push(q);
                    }
                    self.mark(start);
                }
                '"' => {
                    self.double_quoted();
                    self.mark(start);
                }
                '`' => {
                    self.word.push('`');
                    while let Some(q) = self.bump() {
                        self.word.push(q);
                        if q == '`' {
                            break;
                        }
                    }
                    self.mark(start);
                }
                '$' if matches!(self.peek(), Some('(' | '{')) => {
                    self.word.push('$');
                    self.balanced();
                    self.mark(start);
                }
                other => {
                    self.word.push(other);
                    self.mark(start);
                }
            }
        }
        self.end_command(Operator::Sequence, self.pos);
        if let Some(last) = self.commands.last_mut() {
            last.next = None;
        }
    }

    fn double_quoted(&mut self) {
        while self.pos < self.text.len() {
            if self.continuation() {
                continue;
            }
            match self.bump() {
                Some('"') | None => return,
                Some('\\') => match self.peek() {
                    Some('\n') => {
                        self.bump();
                    }
                    Some(e @ ('"' | '\\' | '$' | '`')) => {
                        self.bump();
                        self.word.push(e);
                    }
                    _ => self.word.push('\\'),
                },
                Some('$') if matches!(self.peek(), Some('(' | '{')) => {
                    self.word.push('$');
                    self.balanced();
                }
                Some(other) => self.word.push(other),
            }
        }
    }

    /// Skip a `case` pattern up to its `)`, or read the `esac` that closes the `case`.
    fn case_pattern(&mut self) {
        let rest = &self.text[self.pos..];
        let blank = rest.len() - rest.trim_start().len();
        self.pos += blank;
        let rest = &self.text[self.pos..];
        if rest.starts_with("esac")
            && !rest[4..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
        {
            self.pos += 4;
            self.cases -= 1;
            self.in_pattern = false;
            return;
        }
        let mut quote = None;
        while let Some(c) = self.bump() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '\\') => {
                    self.bump();
                }
                (None, ')') => break,
                _ => {}
            }
        }
        self.in_pattern = false;
    }

    /// `$(...)`, `$((...))` or `${...}` kept whole in the current word.
    fn balanced(&mut self) {
        let open = self.bump().expect("an opening bracket");
        let close = if open == '(' { ')' } else { '}' };
        self.word.push(open);
        let mut depth = 1;
        let mut quote = None;
        while self.pos < self.text.len() {
            if self.continuation() {
                continue;
            }
            let c = self.bump().expect("not at the end");
            self.word.push(c);
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '\\') => {
                    if let Some(e) = self.bump() {
                        self.word.push(e);
                    }
                }
                (None, c) if c == open => depth += 1,
                (None, c) if c == close => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// `<`, `>`, `>>`, `2>&1`, `<<EOF`, `<<<`: the operator and its target leave the words.
    fn redirection(&mut self, start: usize, first: char) {
        let fd_prefix = self.word_start.is_some()
            && !self.word.is_empty()
            && self.word.chars().all(|c| c.is_ascii_digit())
            && self.word_end == start;
        if fd_prefix {
            self.word.clear();
            self.word_start = None;
        } else {
            self.end_word();
        }
        let mut heredoc = false;
        if first == '<' && self.peek() == Some('<') && self.peek_at(1) != Some('<') {
            self.bump();
            heredoc = true;
        }
        while matches!(self.peek(), Some('<' | '>' | '&' | '|')) {
            self.bump();
        }
        if heredoc {
            let strip_tabs = self.peek() == Some('-');
            if strip_tabs {
                self.bump();
            }
            while matches!(self.peek(), Some(' ' | '\t')) {
                self.bump();
            }
            let delimiter: String = self.text[self.pos..]
                .chars()
                .take_while(|c| !c.is_whitespace() && !";&|<>()".contains(*c))
                .collect();
            self.pos += delimiter.len();
            let delimiter = delimiter.replace(['\'', '"', '\\'], "");
            if !delimiter.is_empty() {
                self.heredocs.push((delimiter, strip_tabs));
            }
            return;
        }
        self.redirect = true;
    }

    fn comment(&mut self) {
        let end = match self.lines {
            Lines::Dockerfile { .. } => self.text.len(),
            Lines::Script => self.text[self.pos..]
                .find('\n')
                .map_or(self.text.len(), |i| self.pos + i),
        };
        self.pos = end;
    }

    /// After a newline: skip the bodies of here-documents opened on the line before.
    fn skip_heredoc_bodies(&mut self) {
        for (delimiter, strip_tabs) in std::mem::take(&mut self.heredocs) {
            while self.pos < self.text.len() {
                let rest = &self.text[self.pos..];
                let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
                let line = rest[..line_end].trim_end_matches(['\n', '\r']);
                let line = if strip_tabs {
                    line.trim_start_matches('\t')
                } else {
                    line
                };
                self.pos += line_end;
                if line == delimiter {
                    break;
                }
            }
        }
    }

    fn end_word(&mut self) {
        let Some(start) = self.word_start.take() else {
            return;
        };
        let word = Word {
            text: std::mem::take(&mut self.word),
            span: self.base + start..self.base + self.word_end,
        };
        if std::mem::take(&mut self.redirect) {
            return;
        }
        if self.current.words.len() == 2
            && self.current.words[0].text == "case"
            && word.text == "in"
        {
            self.end_command(Operator::Sequence, self.pos);
            self.cases += 1;
            self.in_pattern = true;
            return;
        }
        if self.current.words.is_empty() {
            if self.cases > 0 && word.text == "esac" {
                self.cases -= 1;
                return;
            }
            if is_assignment(&word.text) {
                self.current.assignments.push(word);
                return;
            }
            if KEYWORDS.contains(&word.text.as_str()) {
                return;
            }
        }
        self.current.words.push(word);
    }

    fn end_command(&mut self, operator: Operator, start: usize) {
        self.end_word();
        self.redirect = false;
        if self.current.words.is_empty() && self.current.assignments.is_empty() {
            return;
        }
        let mut command = std::mem::replace(
            &mut self.current,
            SimpleCommand {
                assignments: Vec::new(),
                words: Vec::new(),
                next: None,
            },
        );
        command.next = Some((operator, self.base + start..self.base + self.pos));
        self.commands.push(command);
    }
}

fn is_assignment(word: &str) -> bool {
    let Some((name, _)) = word.split_once('=') else {
        return false;
    };
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `word` is one of the options: a short letter also counts inside a group
/// (`-qy` has `y`), a long option also with a value (`--yes=true`).
pub fn is_option(word: &str, short: &[char], long: &[&str]) -> bool {
    if let Some(name) = word.strip_prefix("--") {
        let name = name.split('=').next().unwrap_or(name);
        return long.iter().any(|l| l.trim_start_matches('-') == name);
    }
    word.strip_prefix('-').is_some_and(|letters| {
        !letters.is_empty()
            && letters.chars().all(|c| c.is_ascii_alphanumeric())
            && letters.chars().any(|c| short.contains(&c))
    })
}

#[cfg(test)]
mod tests;
