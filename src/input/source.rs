//! Source files as read from disk or stdin, and the mapping from byte offsets to the
//! 1-based line and column that every diagnostic reports. A column counts characters,
//! except in a spreadsheet (an `.xlsx` workbook, read as the CSV text of a sheet), where it
//! counts cells, so that row N, column 3 is cell `C<N>` in the spreadsheet program.

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
    columns: Columns,
}

/// What a column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Columns {
    Characters,
    /// Comma-separated cells of a sheet's CSV text.
    Cells,
}

/// Whether `path` names a spreadsheet workbook, which realtor reads as CSV text.
pub fn is_workbook(path: &str) -> bool {
    path.to_ascii_lowercase().ends_with(".xlsx")
}

/// A resolved position: 1-based line, 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    /// A file; when `path` names a workbook, `text` is the CSV text of one of its sheets.
    pub fn new(path: impl Into<String>, text: &str) -> Self {
        let path = path.into();
        let columns = if is_workbook(&path) {
            Columns::Cells
        } else {
            Columns::Characters
        };
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
            path,
            text: Arc::from(text),
            line_starts: line_starts.into(),
            columns,
        }
    }

    /// The line and column of a byte offset. Offsets past the end clamp to the end,
    /// and offsets inside a multi-byte character resolve to that character.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let before = &self.text.as_bytes()[start..offset];
        let column = match self.columns {
            Columns::Characters => before.iter().filter(|&&b| (b & 0xC0) != 0x80).count(),
            Columns::Cells => cells_before(before),
        };
        Position {
            line: line + 1,
            column: column + 1,
        }
    }

    /// Where a span ends, exclusive: the position after its last character, or in a
    /// spreadsheet the column after its last cell.
    pub fn end_position(&self, span: &Span) -> Position {
        let end = self.position(span.end);
        match self.columns {
            Columns::Cells if span.end > span.start => Position {
                column: end.column + 1,
                ..end
            },
            _ => end,
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

/// A file read besides the one being checked: an RVTools tab beside vInfo, a chart's
/// templates and values, the output of `helm template`. Spans into it are offset by `base`,
/// which lies past the end of the checked file and of every earlier attachment, so that
/// one span space covers all the files a check read.
#[derive(Debug)]
pub struct Attachment {
    pub base: usize,
    pub file: Arc<SourceFile>,
    /// The sheet, when the attachment is another sheet of the same workbook.
    pub sheet: Option<String>,
}

/// The attachment a span points into, if it is past the end of the checked file, and the
/// span within that attachment.
pub fn locate<'a>(attachments: &'a [Attachment], span: &Span) -> Option<(&'a Attachment, Span)> {
    let attachment = attachments.iter().rev().find(|a| a.base <= span.start)?;
    Some((
        attachment,
        span.start - attachment.base..span.end - attachment.base,
    ))
}

/// How many cells of a CSV line end before the text `before`: its commas outside quotes.
fn cells_before(before: &[u8]) -> usize {
    let mut quoted = false;
    let mut commas = 0;
    for &b in before {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            _ => {}
        }
    }
    commas
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

    #[test]
    fn workbook_columns_count_cells() {
        let file = SourceFile::new("inventory.XLSX", "VM,Note,CPUs\nweb,\"a, b\",4\n");
        let four = file.text.rfind('4').unwrap();
        assert_eq!(file.position(four), Position { line: 2, column: 3 });
        let note = file.text.find("a, b").unwrap();
        assert_eq!(file.position(note).column, 2);
        assert_eq!(
            file.position(note + 3).column,
            2,
            "a comma in quotes is inside the cell"
        );
        let end = file.end_position(&(four..four + 1));
        assert_eq!((end.line, end.column), (2, 4), "the end is exclusive");
    }
}
