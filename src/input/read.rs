//! Reading one input, once: regular files only, within a size limit, as UTF-8. What cannot
//! be read becomes a reason with the position it applies to, never a panic or a hang
//! (FIFOs and devices are not opened).

use std::io::Read;

use crate::input::discover::Input;

/// The default `--max-file-size`: larger files are reported, not read.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Why an input could not be checked, and where: `text` is what could be read (for showing
/// the position), `offset` the byte the reason applies to.
#[derive(Debug)]
pub struct Unreadable {
    pub reason: String,
    pub text: String,
    pub offset: usize,
}

impl Unreadable {
    pub fn whole_file(reason: impl Into<String>) -> Self {
        Unreadable {
            reason: reason.into(),
            text: String::new(),
            offset: 0,
        }
    }
}

/// A file another file names (a Compose `extends: file:`, a `build:` Dockerfile, a
/// kustomize resource, a chart's template or values), read as [`read`] reads inputs: a
/// regular file within the default size limit, as UTF-8; `None` otherwise. A name in a
/// checked file can point anywhere (`/dev/zero`, a FIFO), and must never hang the run.
pub fn read_named(path: &std::path::Path) -> Option<String> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > DEFAULT_MAX_FILE_SIZE {
        return None;
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(DEFAULT_MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .ok()?;
    String::from_utf8(bytes).ok()
}

pub fn read(input: &Input, max_size: u64) -> Result<String, Unreadable> {
    let too_large = |size: u64| {
        Unreadable::whole_file(format!(
            "the file is {size} bytes, over the limit of {max_size} bytes (raise it with --max-file-size)"
        ))
    };
    let mut bytes = Vec::new();
    match &input.path {
        Some(path) => {
            let metadata = std::fs::metadata(path)
                .map_err(|e| Unreadable::whole_file(format!("cannot read: {e}")))?;
            if !metadata.is_file() {
                return Err(Unreadable::whole_file(
                    "not a regular file (a FIFO, device or socket): skipped",
                ));
            }
            if metadata.len() > max_size {
                return Err(too_large(metadata.len()));
            }
            let file = std::fs::File::open(path)
                .map_err(|e| Unreadable::whole_file(format!("cannot read: {e}")))?;
            file.take(max_size + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Unreadable::whole_file(format!("cannot read: {e}")))?;
        }
        None => {
            std::io::stdin()
                .take(max_size + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Unreadable::whole_file(format!("cannot read standard input: {e}")))?;
        }
    }
    if bytes.len() as u64 > max_size {
        return Err(too_large(bytes.len() as u64));
    }
    if crate::input::source::is_workbook(&input.display) {
        return super::workbook::workbook_text(&bytes).map_err(Unreadable::whole_file);
    }
    decode_utf8(bytes)
}

fn decode_utf8(bytes: Vec<u8>) -> Result<String, Unreadable> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Unreadable::whole_file(
            "the file is UTF-16; realtor reads UTF-8 (save it as UTF-8)",
        ));
    }
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        Unreadable {
            reason: format!(
                "the file is not valid UTF-8: invalid byte 0x{:02X} here",
                error.as_bytes()[offset]
            ),
            text: String::from_utf8_lossy(error.as_bytes()).into_owned(),
            offset,
        }
    })
}

/// `16M`, `512K`, `1G` or plain bytes.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => text.split_at(i),
        None => (text, ""),
    };
    let multiplier = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1024,
        "M" | "MB" | "MIB" => 1024 * 1024,
        "G" | "GB" | "GIB" => 1024 * 1024 * 1024,
        _ => {
            return Err(format!(
                "`{text}` is not a size (use bytes or a K, M or G suffix)"
            ));
        }
    };
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size"))?;
    Ok(number.saturating_mul(multiplier))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_suffixes() {
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("16M"), Ok(16 * 1024 * 1024));
        assert_eq!(parse_size("1g"), Ok(1024 * 1024 * 1024));
        assert!(parse_size("lots").is_err());
    }

    #[test]
    fn a_file_deleted_after_discovery_is_a_reason_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Dockerfile");
        std::fs::write(&path, "FROM alpine\n").unwrap();
        let input = Input {
            path: Some(path.clone()),
            display: "Dockerfile".into(),
            hint: crate::input::discover::Hint::Dockerfile,
            explicit: false,
            error: None,
        };
        assert!(read(&input, DEFAULT_MAX_FILE_SIZE).is_ok());
        std::fs::remove_file(&path).unwrap();
        let error = read(&input, DEFAULT_MAX_FILE_SIZE).unwrap_err();
        assert!(
            error.reason.starts_with("cannot read: "),
            "{}",
            error.reason
        );
    }

    #[test]
    fn invalid_utf8_is_placed_at_its_byte() {
        let error = decode_utf8(b"ok\nbad \xff here".to_vec()).unwrap_err();
        assert_eq!(error.offset, 7);
        assert!(error.reason.contains("0xFF"), "{}", error.reason);
    }
}
