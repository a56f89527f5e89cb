//! Findings realtor makes itself while reading files: parse errors, unused suppressions,
//! skipped templates. They have no check of their own; the pipeline reports them.

pub mod parse_error;
pub mod template_skipped;
pub mod unused_suppression;
