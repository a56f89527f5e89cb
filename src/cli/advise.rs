//! `realtor advise`: a verdict per workload, as a table, JSON, Markdown, CSV, an HTML report
//! or a workbook.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use super::args::{AdviceFormat, AdviseArgs};
use super::{load_config, print_stdout, run_all, settings};
use crate::input::discover;
use crate::render;

pub(super) fn advise_command(args: AdviseArgs) -> Result<ExitCode, String> {
    let config = load_config(args.config.as_deref())?;
    let settings = settings(&[], &[], (&args.columns, &args.render), &config)?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let ignored = discover::ignore_set(&config.ignore_paths)?;
    let inputs = discover::discover(&paths, None, &ignored)?;
    let reports = run_all(inputs, &settings, args.jobs, args.max_file_size, true)?;
    for report in reports
        .iter()
        .filter(|r| r.status == crate::report::Status::Error)
    {
        eprintln!(
            "realtor: warning: {} could not be read or parsed; its workloads are not advised (see `realtor check`)",
            report.file.path
        );
    }
    let advice = crate::advise::advise(&reports);
    let bytes = match args.format {
        AdviceFormat::Human => render::advice::human(&advice).into_bytes(),
        AdviceFormat::Json => render::advice::json(&advice).into_bytes(),
        AdviceFormat::Markdown => render::advice::markdown(&advice).into_bytes(),
        AdviceFormat::Csv => render::advice::csv(&advice).into_bytes(),
        AdviceFormat::Html => render::html::html(&advice).into_bytes(),
        AdviceFormat::Xlsx => render::xlsx::xlsx(&advice)?,
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        None if args.format == AdviceFormat::Xlsx && std::io::stdout().is_terminal() => {
            return Err(
                "--format xlsx writes a workbook: give it a file with -o report.xlsx".into(),
            );
        }
        None => print_stdout(&bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}
