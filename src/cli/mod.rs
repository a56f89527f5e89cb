//! The command line: `check` (the default), `advise`, `explain`, `rules`, `inventory
//! convert`, `init`, `completions` and `man`, one module each; the arguments in `args`.
//! Exit codes: 0 clean, 1 findings at or above the failure threshold, 2 usage,
//! configuration or internal error.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

mod advise;
mod args;
mod check;
mod inventory;
mod lsp;
mod progress;
mod rules;
mod setup;

use crate::formats::importers;
use crate::input::discover::Input;
use crate::pipeline::config::{self, Config, RuleLevel};
use crate::pipeline::{Render, Settings};
use crate::report::FileReport;
use args::{ColumnArgs, Command, InventoryCommand, RenderArgs};
use progress::Progress;

pub use args::Cli;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => check::check_command(args::default_check()),
        Some(Command::Check(args)) => check::check_command(*args),
        Some(Command::Advise(args)) => advise::advise_command(args),
        Some(Command::Explain { rule }) => rules::explain(&rule),
        Some(Command::Rules { format }) => rules::list_rules(format),
        Some(Command::Inventory {
            command:
                InventoryCommand::Convert {
                    files,
                    to,
                    columns,
                    config,
                },
        }) => load_config(config.as_deref())
            .and_then(|config| column_mapping(&config, &columns.pairs))
            .and_then(|columns| inventory::convert(&files, to, &columns)),
        Some(Command::Completions { shell }) => setup::completions(shell),
        Some(Command::Man) => setup::man_page(),
        Some(Command::Lsp) => lsp::lsp_command(),
        Some(Command::Init { force }) => setup::init(force),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("realtor: error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Write `bytes` to standard output.
fn print_stdout(bytes: &[u8]) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(stdout_error)
}

/// What a failed write to standard output means. A reader that closed the pipe
/// (`realtor explain D001 | head -1`) ends realtor quietly, as it ends other Unix tools.
fn stdout_error(error: std::io::Error) -> String {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    format!("standard output: {error}")
}

/// The spreadsheet column mapping: `.realtor.yaml`'s, with `--column`'s over it.
fn column_mapping(config: &Config, pairs: &[String]) -> Result<importers::Columns, String> {
    let given = importers::Columns::parse(pairs.iter().map(String::as_str))
        .map_err(|e| format!("--column {e}"))?;
    Ok(config.columns.clone().merged(&given))
}

/// The configuration named with `--config`, else the nearest `.realtor.yaml` upward.
fn load_config(named: Option<&std::path::Path>) -> Result<Config, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("working directory: {e}"))?;
    match named
        .map(std::path::Path::to_path_buf)
        .or_else(|| config::find(&cwd))
    {
        Some(path) => config::load(&path).map_err(|e| e.to_string()),
        None => Ok(Config::default()),
    }
}

fn settings(
    select: &[String],
    ignore: &[String],
    (columns, render): (&ColumnArgs, &RenderArgs),
    config: &Config,
) -> Result<Settings, String> {
    let mut settings = Settings {
        columns: column_mapping(config, &columns.pairs)?,
        render: Render {
            off: render.no_render || config.no_render,
            helm_values: config
                .helm_values
                .iter()
                .chain(&render.helm_values)
                .cloned()
                .collect(),
            helm_set: config
                .helm_set
                .iter()
                .chain(&render.helm_set)
                .cloned()
                .collect(),
        },
        ..Settings::default()
    };
    settings.options.trusted_registries = config.trusted_registries.clone();
    for (rule, level) in &config.rules {
        settings.levels.insert(rule.id, *level);
    }
    for name in ignore {
        for rule in rules_named(name)? {
            settings.levels.insert(rule.id, RuleLevel::Off);
        }
    }
    if !select.is_empty() {
        let mut selected = Vec::new();
        for name in select {
            selected.extend(rules_named(name)?);
        }
        settings.selected = Some(selected);
    }
    Ok(settings)
}

/// The rules a selector names: an id, name or alias, an id prefix (`K`, `P1`) or `ALL`.
fn rules_named(selector: &str) -> Result<Vec<&'static crate::rules::RuleMeta>, String> {
    if selector.eq_ignore_ascii_case("ALL") {
        return Ok(crate::rules::all().collect());
    }
    if let Some(rule) = crate::rules::find(selector) {
        return Ok(vec![rule]);
    }
    let prefix: Vec<_> = crate::rules::all()
        .filter(|r| r.id.starts_with(selector))
        .collect();
    if prefix.is_empty() {
        Err(format!(
            "`{selector}` names no rule of realtor (see `realtor rules`)"
        ))
    } else {
        Ok(prefix)
    }
}

/// Every input checked, with the progress line on standard error when asked for.
fn run_all(
    inputs: Vec<Input>,
    settings: &Settings,
    jobs: Option<usize>,
    max_file_size: u64,
    show_progress: bool,
) -> Result<Vec<FileReport>, String> {
    let progress = Progress::start(inputs.len(), show_progress);
    let reports = crate::pipeline::run_all::run_all(inputs, settings, jobs, max_file_size, &|| {
        progress.tick()
    });
    progress.finish();
    reports
}
