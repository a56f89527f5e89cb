//! Reading YAML that kubectl reads although a strict YAML 1.2 parser rejects it, and
//! keeping what can be kept of a stream with a broken document.
//!
//! - go-yaml (kubectl) and PyYAML accept a flow collection whose later lines are not
//!   indented past its parent key (`args: [` ... `]` with the `]` under `args`); saphyr
//!   reports "invalid indentation". [`join_flow_lines`] turns the line breaks inside flow
//!   collections into spaces (and blanks the comments there), which keeps every byte where
//!   it was, so spans and positions are those of the file.
//! - [`documents`] splits a stream at its `---` lines so that a document that cannot be
//!   read leaves the documents before and after it readable.
//!
//! Both only run after the whole text failed to parse.

use crate::input::source::Span;

/// The text with the line breaks and comments inside flow collections blanked, or `None`
/// when there is nothing to change or a flow collection is left open (at the end of the
/// text or of a document): joining it would swallow what follows.
pub fn join_flow_lines(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut changed = false;
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    // The last byte on the line that is not a space: what a `[` or a quote follows.
    let mut previous = b'\n';
    // Inside a block scalar: the indentation its content must exceed.
    let mut block: Option<usize> = None;
    let mut line_indent = 0;
    let mut i = 0;
    while i < bytes.len() {
        if (i == 0 || bytes[i - 1] == b'\n') && quote.is_none() {
            let line_end = line_end(bytes, i);
            let indent = bytes[i..line_end]
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
            let blank = bytes[i..line_end].iter().all(u8::is_ascii_whitespace);
            if let Some(parent) = block {
                if blank || indent > parent {
                    i = line_end + 1;
                    continue;
                }
                block = None;
            }
            let marker = bytes[i..].starts_with(b"---") || bytes[i..].starts_with(b"...");
            if depth == 0 {
                line_indent = indent;
                previous = b'\n';
            } else if marker {
                return None;
            }
        }
        let b = bytes[i];
        if let Some(q) = quote {
            match b {
                b'\\' if q == b'"' => i += 1,
                b'\'' if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
                _ if b == q => {
                    quote = None;
                    previous = b;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        let token_start = matches!(previous, b'\n' | b':' | b'-' | b'?' | b',' | b'[' | b'{');
        match b {
            b'\n' | b'\r' if depth > 0 => {
                out[i] = b' ';
                changed = true;
            }
            b'#' if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                let end = line_end(bytes, i);
                if depth > 0 {
                    out[i..end].fill(b' ');
                    changed = true;
                }
                i = end;
                continue;
            }
            b'"' | b'\'' if token_start => quote = Some(b),
            b'[' | b'{' if depth > 0 || token_start => depth += 1,
            b']' | b'}' if depth > 0 => depth -= 1,
            b'|' | b'>' if depth == 0 && matches!(previous, b':' | b'-') => {
                let end = line_end(bytes, i);
                let header = &text[i + 1..end];
                let header = header.split(" #").next().unwrap_or(header);
                if header
                    .trim()
                    .chars()
                    .all(|c| matches!(c, '-' | '+' | '0'..='9'))
                {
                    block = Some(line_indent);
                }
            }
            _ => {}
        }
        if !b.is_ascii_whitespace() {
            previous = b;
        }
        i += 1;
    }
    if depth > 0 || quote.is_some() || !changed {
        return None;
    }
    String::from_utf8(out).ok()
}

/// Where the line holding `at` ends (its `\n`, or the end of the text).
fn line_end(bytes: &[u8], at: usize) -> usize {
    bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| at + p)
}

/// The byte ranges of a stream's documents: split before each line that starts with `---`
/// followed by the end of the line, a space or a tab.
pub fn documents(text: &str) -> Vec<Span> {
    let mut starts = vec![0];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let rest = line.strip_prefix("---");
        let marker = rest.is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '\r', '\n']));
        if marker && offset > 0 {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts
        .iter()
        .zip(starts.iter().skip(1).chain([&text.len()]))
        .map(|(&start, &end)| start..end)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_lines_are_joined_byte_for_byte() {
        let text = "args: [\n  \"--x\", # first\n  \"--y\"\n]\nnext: 1\n";
        let joined = join_flow_lines(text).unwrap();
        assert_eq!(joined.len(), text.len());
        assert_eq!(joined, "args: [   \"--x\",           \"--y\" ]\nnext: 1\n");
    }

    #[test]
    fn brackets_in_plain_and_block_scalars_are_no_flow() {
        assert_eq!(join_flow_lines("cmd: echo [x\nnext: 1\n"), None);
        let script = "run: |\n  if [ -f x\n  then y\nnext: [a,\nb]\n";
        let joined = join_flow_lines(script).unwrap();
        assert_eq!(joined, "run: |\n  if [ -f x\n  then y\nnext: [a, b]\n");
        assert_eq!(join_flow_lines("msg: don't [stop\n"), None);
    }

    #[test]
    fn an_unclosed_flow_collection_is_left_alone() {
        assert_eq!(join_flow_lines("a: [1,\n---\nb: 2\n"), None);
        assert_eq!(join_flow_lines("a: [1, 2]\n"), None, "nothing to join");
    }

    #[test]
    fn a_stream_splits_at_its_document_markers() {
        let text = "a: 1\n---\nb: 2\n--- # c\nc: 3\n----\n";
        let ranges = documents(text);
        let parts: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(parts, ["a: 1\n", "---\nb: 2\n", "--- # c\nc: 3\n----\n"]);
    }
}
