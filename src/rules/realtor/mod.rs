//! Findings realtor makes itself while reading files: parse errors, unused suppressions,
//! skipped templates. They have no check of their own; the pipeline reports them.

family! {
    Pipeline parse_error,
    Pipeline unused_suppression,
    Pipeline template_skipped,
}
