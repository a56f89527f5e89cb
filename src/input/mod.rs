//! Finding and reading files: which paths to check and what their names say they are
//! ([`discover`]), reading each once with its size limit and encodings ([`read`]), and the
//! source text with its line index that every span points into ([`source`]).

pub mod discover;
pub mod read;
pub mod source;
