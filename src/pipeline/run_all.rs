//! Every file of a run, checked in parallel on a thread pool of its own: each read once and
//! checked end to end. Files named on the command line are always reported; files found by
//! walking only when realtor reads their kind or could not read them.

use std::collections::HashSet;

use rayon::prelude::*;

use super::Settings;
use super::check::{self, check};
use crate::input::discover::Input;
use crate::input::read;
use crate::input::source::SourceFile;
use crate::report::{FileKind, FileReport, Status};

/// The reports of `inputs`, in their order; `on_file` is called once per file checked.
pub fn run_all(
    inputs: Vec<Input>,
    settings: &Settings,
    jobs: Option<usize>,
    max_file_size: u64,
    on_file: &(dyn Fn() + Sync),
) -> Result<Vec<FileReport>, String> {
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = jobs {
        pool = pool.num_threads(jobs.max(1));
    }
    let pool = pool.build().map_err(|e| format!("thread pool: {e}"))?;
    let reports: Vec<FileReport> = pool.install(|| {
        inputs
            .into_par_iter()
            .filter_map(|input| {
                let text = match &input.error {
                    Some(error) => Err(read::Unreadable::whole_file(error)),
                    None => read::read(&input, max_file_size),
                };
                let report = match text {
                    Ok(text) => check(
                        SourceFile::new(input.display.clone(), &text),
                        input.hint,
                        input.explicit,
                        settings,
                    ),
                    Err(unreadable) => check::unreadable(input.display.clone(), unreadable),
                };
                on_file();
                let keep = input.explicit
                    || report.kind != FileKind::Other
                    || report.status == Status::Error;
                keep.then_some(report)
            })
            .collect()
    });
    Ok(reports)
}

/// Each problem once: a base checked on its own and again in every overlay that renders
/// it, or a chart's values file behind two templates, report the same rule with the same
/// message at the same place; the first report keeps it.
pub fn report_once(reports: &mut [FileReport]) {
    let mut seen = HashSet::new();
    for report in reports {
        report.diagnostics.retain(|d| {
            seen.insert((
                d.rule.id,
                d.file.path.clone(),
                d.start,
                d.end,
                d.message.clone(),
            ))
        });
    }
}
