//! CSV tables with the byte span of every cell. The `csv` crate reads the records; this
//! module finds where each field sits in the record's raw text, so that a fact read from a
//! cell can point at that cell. Headers are matched by normalised alias: lower-case with
//! everything but letters and digits removed (`Memory MiB` = `memorymib`).

use crate::input::source::Span;

use super::Import;

/// A CSV file read into rows of cells with spans.
#[derive(Debug)]
pub struct Table {
    /// The normalised header names, in column order.
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug)]
pub struct Row {
    /// The whole record, without its line break.
    pub span: Span,
    pub cells: Vec<Cell>,
}

#[derive(Debug)]
pub struct Cell {
    pub text: String,
    pub span: Span,
}

/// The normalised form of a header: lower-case letters and digits only.
pub fn normalise(header: &str) -> String {
    let name: String = header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    // RVTools' CSV export prefixes the vInfo columns with the tab (`vInfoVMName`).
    match name.strip_prefix("vinfo") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => name,
    }
}

/// Where the table starts: past the `#TYPE System.Management.Automation.PSCustomObject`
/// line that Windows PowerShell 5.1's `Export-Csv` writes first.
fn table_start(text: &str) -> usize {
    let text_start = text.strip_prefix('\u{feff}').map_or(0, |_| 3);
    if text[text_start..].starts_with("#TYPE ") {
        text[text_start..]
            .find('\n')
            .map_or(text.len(), |end| text_start + end + 1)
    } else {
        0
    }
}

/// The normalised names of a CSV text's first record, if it has more than one field.
pub fn header_names(text: &str) -> Option<Vec<String>> {
    let labels = header_labels(text)?;
    Some(labels.iter().map(|label| normalise(label)).collect())
}

/// The header of a CSV text as written (trimmed), if it has more than one field.
pub fn header_labels(text: &str) -> Option<Vec<String>> {
    let text = &text[table_start(text)..];
    let mut reader = reader(text);
    let record = reader.records().next()?.ok()?;
    (record.len() > 1).then(|| record.iter().map(|h| h.trim().to_string()).collect())
}

/// `;` when the header has more of them than commas (locales that write decimal commas).
pub fn delimiter(text: &str) -> u8 {
    let first = text[table_start(text)..].lines().next().unwrap_or("");
    if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    }
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    let delimiter = delimiter(text);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

/// Reads `text` as a table, keeping every row.
pub fn read(text: &str, import: &mut Import) -> Option<Table> {
    let mut rows = Vec::new();
    let mut table = each_row(text, import, &mut |_, row, _| rows.push(row))?;
    table.rows = rows;
    Some(table)
}

/// Reads `text` row by row, handing each to `each` with the table's headers (its `rows`
/// stay empty), so that memory does not grow with the file. A record whose field count
/// differs from the header's is a problem at that record and is left out; blank records
/// are skipped. `None` when there is no header.
pub fn each_row(
    text: &str,
    import: &mut Import,
    each: &mut dyn FnMut(&Table, Row, &mut Import),
) -> Option<Table> {
    let delimiter = delimiter(text);
    let base = table_start(text);
    let mut reader = reader(&text[base..]);
    let mut records = reader.records();
    let header = records.next()?.ok()?;
    let table = Table {
        headers: header.iter().map(normalise).collect(),
        rows: Vec::new(),
    };
    let headers = &table.headers;
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let at = error
                    .position()
                    .map_or(text.len(), |p| base + p.byte() as usize);
                import.problem(at..at, format!("CSV: {error}"));
                continue;
            }
        };
        let mut start = base + record.position().map_or(0, |p| p.byte() as usize);
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let end = record_end(text, start);
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        if record.len() != headers.len() {
            import.problem(
                start..end,
                format!(
                    "row has {} fields, the header has {}",
                    record.len(),
                    headers.len()
                ),
            );
            continue;
        }
        let spans = field_spans(&text[start..end], delimiter);
        let cells = record
            .iter()
            .zip(spans)
            .map(|(value, span)| Cell {
                text: value.trim().to_string(),
                span: start + span.start..start + span.end,
            })
            .collect();
        let row = Row {
            span: start..end,
            cells,
        };
        each(&table, row, import);
    }
    Some(table)
}

/// The end of the record starting at `start`: the first line break outside quotes.
pub fn record_end(text: &str, start: usize) -> usize {
    let mut quoted = false;
    for (i, b) in text.as_bytes()[start..].iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => return start + i,
            _ => {}
        }
    }
    text.len()
}

/// The byte range of each field of one raw record, quotes excluded.
fn field_spans(record: &str, delimiter: u8) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    let bytes = record.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            spans.push(unquote(bytes, start, i));
            start = i + 1;
        }
    }
    spans.push(unquote(bytes, start, bytes.len()));
    spans
}

fn unquote(bytes: &[u8], start: usize, end: usize) -> Span {
    if end >= start + 2 && bytes[start] == b'"' && bytes[end - 1] == b'"' {
        start + 1..end - 1
    } else {
        start..end
    }
}

impl Table {
    /// The column of the first alias present (aliases are normalised names).
    pub fn column(&self, aliases: &[&str]) -> Option<usize> {
        aliases
            .iter()
            .find_map(|alias| self.headers.iter().position(|h| h == alias))
    }
}

impl Row {
    /// Moves the row's spans by `base` bytes (into an import's span space).
    pub fn shift(&mut self, base: usize) {
        self.span = self.span.start + base..self.span.end + base;
        for cell in &mut self.cells {
            cell.span = cell.span.start + base..cell.span.end + base;
        }
    }

    /// The non-empty cell in `column`, if any.
    pub fn cell(&self, column: Option<usize>) -> Option<&Cell> {
        self.cells.get(column?).filter(|c| !c.text.is_empty())
    }

    /// The first non-empty cell under one of `aliases`, in the order given.
    pub fn get(&self, table: &Table, aliases: &[&str]) -> Option<&Cell> {
        aliases
            .iter()
            .find_map(|alias| self.cell(table.column(&[alias])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_their_spans_through_quotes_and_separators() {
        let text = "Name,\"Memory MiB\",Note\r\nweb,\"4,096\",\"a \"\"b\"\"\"\n\nshort\n";
        let mut import = Import::default();
        let table = read(text, &mut import).unwrap();
        assert_eq!(table.headers, ["name", "memorymib", "note"]);
        assert_eq!(table.rows.len(), 1);
        let row = &table.rows[0];
        assert_eq!(row.cells[1].text, "4,096");
        assert_eq!(&text[row.cells[1].span.clone()], "4,096");
        assert_eq!(row.cells[2].text, "a \"b\"");
        assert_eq!(&text[row.span.clone()], "web,\"4,096\",\"a \"\"b\"\"\"");
        assert_eq!(import.problems.len(), 1);
        assert_eq!(&text[import.problems[0].0.clone()], "short");
    }

    #[test]
    fn a_powershell_type_line_before_the_header_is_skipped() {
        let text = "#TYPE Microsoft.HyperV.PowerShell.VirtualMachine\r\n\"Name\",\"State\"\r\n\"web\",\"Running\"\r\n";
        assert_eq!(header_names(text).unwrap(), ["name", "state"]);
        let mut import = Import::default();
        let table = read(text, &mut import).unwrap();
        assert_eq!(&text[table.rows[0].cells[1].span.clone()], "Running");
    }

    #[test]
    fn semicolon_separated_files_are_read() {
        let mut import = Import::default();
        let table = read("a;b\n1;2\n", &mut import).unwrap();
        assert_eq!(table.rows[0].cells[1].text, "2");
        assert_eq!(table.column(&["x", "b"]), Some(1));
    }
}
