//! Finding and reading files: which paths to check and what their names say they are
//! ([`discover`]), reading each once with its size limit and encodings (`read`), the
//! source text with its line index that every span points into ([`source`]), and
//! spreadsheet workbooks as CSV text (`workbook`).

pub mod discover;
pub(crate) mod read;
pub mod source;
pub(crate) mod workbook;
