//! Renderers: turn the run's [`FileReport`]s into one output format. They know nothing of
//! the inputs' syntax; everything they show comes from diagnostics and positions.

pub(crate) mod advice;
pub(crate) mod checkstyle;
pub(crate) mod concise;
pub(crate) mod fingerprint;
pub(crate) mod github;
pub(crate) mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub(crate) mod junit;
pub mod sarif;
pub(crate) mod summary;
pub mod xlsx;
mod xml;

use crate::report::FileReport;
use crate::rules::Severity;

/// Counts of diagnostics by severity across a run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for diagnostic in reports.iter().flat_map(|r| &r.diagnostics) {
            match diagnostic.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }
}
