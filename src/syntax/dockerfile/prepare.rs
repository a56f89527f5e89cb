//! The length-preserving pre-pass before `parse-dockerfile`: blanks over the here-documents
//! it cannot read and the instructions before the first `FROM`, so every span stays true.

use super::*;

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
