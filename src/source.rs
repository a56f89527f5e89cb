//! Source files as read from disk or stdin, and the mapping from byte offsets to the
//! 1-based line and character column that every diagnostic reports.

use std::ops::Range;
use std::sync::Arc;

/// A byte range into a [`SourceFile`]'s text. The end is exclusive.
pub type Span = Range<usize>;

/// One input file, read once. A UTF-8 byte-order mark is dropped on read, so that
/// offsets, lines and columns match what an editor shows.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given or relative to the working directory, with `/` separators.
    pub path: String,
    pub text: Arc<str>,
    line_starts: Arc<[usize]>,
}

/// A resolved position: 1-based line, 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: &str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(i + 1),
                _ => {}
            }
        }
        SourceFile {
            path: path.into(),
            text: Arc::from(text),
            line_starts: line_starts.into(),
        }
    }

    /// The line and column of a byte offset. Offsets past the end clamp to the end,
    /// and offsets inside a multi-byte character resolve to that character.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text.as_bytes()[start..offset]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count();
        Position {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The byte offset where a 1-based line starts, if the file has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line.checked_sub(1)?).copied()
    }

    /// The text of a 1-based line without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(start) = self.line_start(line) else {
            return "";
        };
        let end = self.line_start(line + 1).unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_lines() {
        let file = SourceFile::new("f", "ab\nçé x\r\ny");
        assert_eq!(file.position(0), Position { line: 1, column: 1 });
        assert_eq!(file.position(3), Position { line: 2, column: 1 });
        let x = file.text.find('x').unwrap();
        assert_eq!(file.position(x), Position { line: 2, column: 4 });
        let y = file.text.find('y').unwrap();
        assert_eq!(file.position(y), Position { line: 3, column: 1 });
        assert_eq!(file.line_text(2), "çé x");
    }

    #[test]
    fn byte_order_mark_is_dropped_and_cr_only_breaks_lines() {
        let file = SourceFile::new("f", "\u{feff}FROM a\rRUN b");
        assert!(file.text.starts_with("FROM"));
        assert_eq!(file.position(7), Position { line: 2, column: 1 });
    }
}
