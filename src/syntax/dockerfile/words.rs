//! Words as BuildKit splits them: `ARG`/`ENV`/`LABEL` key-value lists, quoted words, and
//! `$NAME`/`${NAME:-default}` expansion with the values in force.

use super::*;

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
