//! `realtor check`: lint, write the reports in every format asked for, exit by threshold.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::args::{CheckArgs, Color, Format};
use super::{load_config, run_all, settings, stdout_error};
use crate::input::discover;
use crate::pipeline::baseline;
use crate::pipeline::check_set::check_set;
use crate::pipeline::config::Threshold;
use crate::pipeline::fix;
use crate::pipeline::run_all::report_once;
use crate::render;
use crate::rules::Safety;

pub(super) fn check_command(args: CheckArgs) -> Result<ExitCode, String> {
    let config = load_config(args.config.as_deref())?;
    let settings = settings(
        &args.select,
        &args.ignore,
        (&args.columns, &args.render),
        &config,
    )?;
    let threshold = args
        .failure_threshold
        .or(config.failure_threshold)
        .unwrap_or(Threshold::Warning);
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let ignored = discover::ignore_set(&config.ignore_paths)?;
    let mut inputs = discover::discover(&paths, args.stdin_filename.as_deref(), &ignored)?;
    if args.skip_unrecognized {
        for input in &mut inputs {
            input.explicit = false;
        }
    }
    if args.fix || args.diff {
        let allowed = if args.unsafe_fixes {
            Safety::Unsafe
        } else {
            Safety::Safe
        };
        let fixed = fix_inputs(&inputs, &settings, allowed, args.max_file_size)?;
        if args.diff {
            let diffs: String = fixed.iter().map(|(_, f)| fix::unified_diff(f)).collect();
            print_diff(&diffs)?;
            return Ok(if fixed.is_empty() || args.exit_zero {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
        for (path, file) in &fixed {
            match path {
                Some(path) => std::fs::write(path, &file.after)
                    .map_err(|e| format!("{}: {e}", path.display()))?,
                None => eprintln!("realtor: standard input is not fixed in place; see --diff"),
            }
        }
        let count: usize = fixed.iter().map(|(_, f)| f.applied).sum();
        if !args.quiet {
            eprintln!(
                "realtor: applied {count} fix(es) in {} file(s)",
                fixed.len()
            );
        }
    }
    let mut reports = run_all(
        inputs,
        &settings,
        args.jobs,
        args.max_file_size,
        !args.quiet,
    )?;
    check_set(&mut reports, &settings);
    report_once(&mut reports);
    if let Some(path) = &args.write_baseline {
        std::fs::write(path, baseline::render(&reports))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let count: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
        eprintln!("realtor: recorded {count} finding(s) in {}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(path) = &args.baseline {
        baseline::apply(&mut baseline::load(path)?, &mut reports);
    }

    let outputs = outputs(args.format, &args.output)?;
    let summary = args.summary.clone().or_else(|| {
        let github = outputs.iter().any(|(format, _)| *format == Format::Github);
        github
            .then(|| std::env::var_os("GITHUB_STEP_SUMMARY"))
            .flatten()
            .filter(|path| !path.is_empty())
            .map(PathBuf::from)
    });
    if let Some(path) = summary {
        let advice = crate::advise::advise(&reports);
        append(&path, &render::summary::render(&reports, &advice))?;
    }
    for (format, destination) in outputs {
        let color = use_color(args.color, destination.is_some());
        let write = |out: &mut dyn Write| -> std::io::Result<()> {
            let text = match format {
                Format::Json => return render::json::write(&reports, out),
                Format::Sarif => return render::sarif::write(&reports, out),
                Format::Human => return render::human::write(&reports, color, !args.quiet, out),
                Format::Concise => render::concise::render(&reports),
                Format::Github => render::github::render(&reports),
                Format::Junit => render::junit::render(&reports),
                Format::Checkstyle => render::checkstyle::render(&reports),
                Format::Gitlab => render::gitlab::render(&reports),
            };
            out.write_all(text.as_bytes())
        };
        match destination {
            Some(path) => {
                let written = std::fs::File::create(&path).and_then(|file| {
                    let mut out = std::io::BufWriter::new(file);
                    write(&mut out)?;
                    out.flush()
                });
                written.map_err(|e| format!("{}: {e}", path.display()))?
            }
            None => {
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                write(&mut out)
                    .and_then(|()| out.flush())
                    .map_err(stdout_error)?;
            }
        }
    }
    let failed = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| threshold.fails(d.severity));
    Ok(if failed && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn append(path: &std::path::Path, text: &str) -> Result<(), String> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Where each report goes (`None` is standard output). `--format` goes to standard output
/// unless a plain `--output FILE` names its file; `FORMAT=FILE` adds a report.
fn outputs(main: Format, specs: &[String]) -> Result<Vec<(Format, Option<PathBuf>)>, String> {
    let mut outputs = Vec::new();
    let mut main_written = false;
    for spec in specs {
        let (format, path) = match spec.split_once('=') {
            Some((name, path)) if Format::from_str(name, true).is_ok() => {
                (Format::from_str(name, true)?, path)
            }
            _ => {
                main_written = true;
                (main, spec.as_str())
            }
        };
        if path.is_empty() {
            return Err(format!("--output {spec}: no file named"));
        }
        let destination = (path != "-").then(|| PathBuf::from(path));
        outputs.push((format, destination));
    }
    if !main_written {
        outputs.insert(0, (main, None));
    }
    let to_stdout = outputs.iter().filter(|(_, d)| d.is_none()).count();
    if to_stdout > 1 {
        return Err("only one report can go to standard output".into());
    }
    Ok(outputs)
}

fn use_color(choice: Color, to_file: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            !to_file && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
        }
    }
}

/// Each input fixed in memory: the files a fix changed, in input order, with where to
/// write them (`None` for standard input, which can be shown as a diff only).
fn fix_inputs(
    inputs: &[discover::Input],
    settings: &crate::pipeline::Settings,
    allowed: Safety,
    max_file_size: u64,
) -> Result<Vec<(Option<PathBuf>, fix::Fixed)>, String> {
    use rayon::prelude::*;
    inputs
        .par_iter()
        .filter(|input| input.error.is_none())
        .map(|input| {
            let text = match crate::input::read::read(input, max_file_size) {
                Ok(text) => text,
                Err(_) => return Ok(None),
            };
            let fixed = fix::fix_file(&input.display, &text, input.hint, settings, allowed);
            Ok(fixed.map(|fixed| (input.path.clone(), fixed)))
        })
        .collect::<Result<Vec<_>, String>>()
        .map(|all| all.into_iter().flatten().collect())
}

fn print_diff(diffs: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    out.write_all(diffs.as_bytes())
        .and_then(|()| out.flush())
        .map_err(stdout_error)
}
