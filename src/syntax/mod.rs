//! Syntax trees of each input format, each keeping the byte spans of what it read.
//! Parsers here know nothing of rules or output.

pub mod dockerfile;
pub(crate) mod packages;
pub(crate) mod programs;
pub(crate) mod shell;
pub mod yaml;
