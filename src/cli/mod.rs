//! The command line: `check` (the default), `advise`, `explain` and `rules`. Exit codes: 0 clean,
//! 1 findings at or above the failure threshold, 2 usage, configuration or internal error.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

mod progress;

use crate::cli::progress::Progress;
use crate::formats::importers;
use crate::formats::inventory;
use crate::input::discover::{self, Input};
use crate::input::read;
use crate::input::source::SourceFile;
use crate::pipeline::baseline;
use crate::pipeline::check::{self, Settings};
use crate::pipeline::config::{self, Config, RuleLevel, Threshold};
use crate::render;
use crate::report::FileReport;
use crate::rules;

#[derive(Parser, Debug)]
#[command(
    name = "realtor",
    version = env!("REALTOR_LONG_VERSION"),
    about = "Lints Dockerfiles, Kubernetes manifests and VM inventories, and advises whether each workload belongs in a container or a VM."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint files and report placement findings (the default: `realtor` = `realtor check .`).
    Check(Box<CheckArgs>),
    /// Advise, per workload, whether it belongs in a container, a sandboxed container or a VM.
    Advise(AdviseArgs),
    /// Print a rule's documentation.
    Explain {
        /// A rule id, name or alias (`K001`, `privileged-container`, `DL3006`).
        rule: String,
    },
    /// Work with VM inventories.
    Inventory {
        #[command(subcommand)]
        command: InventoryCommand,
    },
    /// List every rule.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Print a shell completion script (e.g. `realtor completions bash > /etc/bash_completion.d/realtor`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on standard output.
    Man,
    /// Write a commented `.realtor.yaml` with the defaults in the working directory.
    Init {
        /// Overwrite an existing `.realtor.yaml`.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
enum InventoryCommand {
    /// Convert hypervisor and discovery-tool exports (RVTools, .vmx, libvirt XML, Hyper-V,
    /// VirtualBox, AWS Migration Hub, Azure Migrate) into one native inventory on standard
    /// output, to enrich by hand and keep in git.
    Convert {
        /// The exports to convert (files or directories); machines are written by file path.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Target::Yaml)]
        to: Target,
        #[command(flatten)]
        columns: ColumnArgs,
        /// Configuration file [default: the nearest .realtor.yaml upward].
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Yaml,
}

/// `--column`, for the commands that read inventory spreadsheets.
#[derive(Args, Debug)]
struct ColumnArgs {
    /// Which column of an inventory spreadsheet holds which field, as FIELD=HEADER
    /// (`--column name=Nom`); repeatable; over `inventory-columns` in .realtor.yaml.
    #[arg(long = "column", value_name = "FIELD=HEADER")]
    pairs: Vec<String>,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// Files or directories to check; `-` reads standard input.
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human, env = "REALTOR_FORMAT")]
    format: Format,
    /// Write the report to FILE instead of standard output, or write another format too
    /// with FORMAT=FILE (`sarif=realtor.sarif`; `-` is standard output). Repeatable.
    #[arg(long, short, value_name = "[FORMAT=]FILE")]
    output: Vec<String>,
    /// Append a Markdown summary to FILE [default with `github` output: $GITHUB_STEP_SUMMARY].
    #[arg(long, value_name = "FILE")]
    summary: Option<PathBuf>,
    /// Do not report the findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in FILE as the baseline, then exit 0.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// The lowest severity that makes the exit code 1 [default: warning].
    #[arg(long, value_enum)]
    failure_threshold: Option<Threshold>,
    /// Exit 0 even when there are findings (errors in use still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// Configuration file [default: the nearest .realtor.yaml upward].
    #[arg(long)]
    config: Option<PathBuf>,
    /// Run only these rules (ids, names, aliases, id prefixes such as `K`, or `ALL`, which
    /// includes the opt-in rules), comma-separated.
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Do not run these rules, comma-separated.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Print diagnostics only: no summary line.
    #[arg(long, short)]
    quiet: bool,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Skip named files that are not Dockerfiles, manifests or inventories, as when
    /// walking, instead of reporting them (for pre-commit and other callers passing lists).
    #[arg(long)]
    skip_unrecognized: bool,
    /// The name of the file read from standard input (decides its kind and how it is shown).
    #[arg(long)]
    stdin_filename: Option<String>,
    /// Files larger than this are reported, not read (bytes, or with a K, M or G suffix).
    #[arg(long, value_parser = read::parse_size, default_value = "16M")]
    max_file_size: u64,
    /// Threads to check files with [default: the number of cores].
    #[arg(long, short)]
    jobs: Option<usize>,
    #[command(flatten)]
    columns: ColumnArgs,
}

#[derive(Args, Debug)]
struct AdviseArgs {
    /// Files or directories to advise on.
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = AdviceFormat::Human)]
    format: AdviceFormat,
    /// Write the advice to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Configuration file [default: the nearest .realtor.yaml upward].
    #[arg(long)]
    config: Option<PathBuf>,
    /// Threads to read files with [default: the number of cores].
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Files larger than this are reported, not read (bytes, or with a K, M or G suffix).
    #[arg(long, value_parser = read::parse_size, default_value = "16M")]
    max_file_size: u64,
    #[command(flatten)]
    columns: ColumnArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
enum AdviceFormat {
    #[default]
    Human,
    Json,
    Markdown,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Format {
    #[default]
    Human,
    /// One line per finding: `file:line:col: ID name message`.
    Concise,
    Json,
    /// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions annotations (workflow commands) and a closing notice with totals.
    Github,
    /// JUnit XML: one test case per file, one failure per finding.
    Junit,
    /// Checkstyle XML (Jenkins warnings-ng).
    Checkstyle,
    /// GitLab Code Quality JSON.
    Gitlab,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ListFormat {
    Table,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Color {
    #[default]
    Auto,
    Always,
    Never,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => check_command(default_check()),
        Some(Command::Check(args)) => check_command(*args),
        Some(Command::Advise(args)) => advise_command(args),
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Rules { format }) => list_rules(format),
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
            .and_then(|columns| convert(&files, to, &columns)),
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Man) => man_page(),
        Some(Command::Init { force }) => init(force),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("realtor: error: {message}");
            ExitCode::from(2)
        }
    }
}

/// `realtor` alone: `check` with every option at its default.
fn default_check() -> CheckArgs {
    match Cli::parse_from(["realtor", "check"]).command {
        Some(Command::Check(args)) => *args,
        _ => unreachable!("`realtor check` parses as the check command"),
    }
}

fn completions(shell: clap_complete::Shell) -> Result<ExitCode, String> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "realtor", &mut script);
    print_stdout(&script)?;
    Ok(ExitCode::SUCCESS)
}

fn man_page() -> Result<ExitCode, String> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| format!("man page: {e}"))?;
    print_stdout(&page)?;
    Ok(ExitCode::SUCCESS)
}

fn init(force: bool) -> Result<ExitCode, String> {
    let path = PathBuf::from(config::FILE_NAME);
    if path.exists() && !force {
        return Err(format!(
            "{} exists already (use --force to overwrite it)",
            path.display()
        ));
    }
    std::fs::write(&path, config::TEMPLATE).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("realtor: wrote {}", path.display());
    Ok(ExitCode::SUCCESS)
}

fn explain(name: &str) -> Result<ExitCode, String> {
    let rule = rules::find(name)
        .ok_or_else(|| format!("`{name}` is no rule of realtor (see `realtor rules`)"))?;
    let body = rule.doc.splitn(3, "---\n").nth(2).unwrap_or(rule.doc);
    let aliases = if rule.aliases.is_empty() {
        String::new()
    } else {
        format!(", aliases: {}", rule.aliases.join(", "))
    };
    let head = format!(
        "{} {} ({}, {}{aliases})\n",
        rule.id,
        rule.name,
        rule.severity,
        rule.applies_to.as_str()
    );
    print_stdout((head + body).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn list_rules(format: ListFormat) -> Result<ExitCode, String> {
    let text = match format {
        ListFormat::Json => {
            let list: Vec<_> = rules::all()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id, "name": r.name, "severity": r.severity,
                        "default": !rules::is_opt_in(r),
                        "applies_to": r.applies_to.as_str(), "aliases": r.aliases,
                        "summary": r.summary, "help": r.help,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&list).expect("rules serialise") + "\n"
        }
        ListFormat::Table => {
            let mut table = format!(
                "{:<5} {:<32} {:<8} {:<7} {:<11} {:<30}\n",
                "ID", "NAME", "SEVERITY", "DEFAULT", "APPLIES TO", "ALIASES"
            );
            for r in rules::all() {
                table.push_str(&format!(
                    "{:<5} {:<32} {:<8} {:<7} {:<11} {:<30}\n",
                    r.id,
                    r.name,
                    r.severity.as_str(),
                    if rules::is_opt_in(r) { "off" } else { "on" },
                    r.applies_to.as_str(),
                    r.aliases.join(",")
                ));
            }
            table
        }
    };
    print_stdout(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
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

/// `inventory convert`: every machine of every export, as one native inventory. Rows that
/// cannot be read are reported on standard error with their position; the rest is written.
/// The inventory is written only once every file has been read: a failure leaves standard
/// output empty. Each machine's tree is dropped once written as YAML, so memory holds the
/// YAML text and one machine's tree at a time.
fn convert(
    files: &[PathBuf],
    to: Target,
    columns: &importers::Columns,
) -> Result<ExitCode, String> {
    let Target::Yaml = to;
    let inputs = discover::discover(files, None, &globset::GlobSet::empty())?;
    let mut out = format!(
        "apiVersion: {}\nkind: {}\n",
        inventory::API_VERSION,
        inventory::KIND
    );
    let mut written = 0;
    let mut problems = 0;
    for input in &inputs {
        let text = read::read(input, read::DEFAULT_MAX_FILE_SIZE)
            .map_err(|e| format!("{}: {}", input.display, e.reason))?;
        let file = SourceFile::new(input.display.clone(), &text);
        let format = importers::detect_with(&file.text, columns).ok_or_else(|| {
            match importers::spreadsheet::unmapped(&file.text, columns) {
                Some(why) => format!("{}: a CSV table realtor cannot map: {why}", file.path),
                None => format!("{}: not a VM inventory export realtor reads", file.path),
            }
        })?;
        let mut failure = None;
        let mut write_machine = |node: crate::syntax::yaml::Node| {
            if failure.is_some() {
                return;
            }
            let yaml = serde_yaml::from_value::<inventory::Machine>(node.to_value())
                .and_then(|machine| serde_yaml::to_string(&[machine]));
            match yaml {
                Ok(yaml) => {
                    if written == 0 {
                        out.push_str("machines:\n");
                    }
                    out.push_str(&yaml);
                    written += 1;
                }
                Err(error) => failure = Some(error.to_string()),
            }
        };
        let imported = importers::stream(format, &file, columns, &mut write_machine);
        if let Some(error) = failure {
            return Err(format!("{}: {error}", file.path));
        }
        for (span, message) in &imported.problems {
            let (path, at) = match importers::locate(&imported.attachments, span) {
                Some((attachment, span)) => {
                    (&attachment.file.path, attachment.file.position(span.start))
                }
                None => (&file.path, file.position(span.start)),
            };
            eprintln!(
                "{path}:{}:{}: {}: {message}",
                at.line,
                at.column,
                format.label()
            );
            problems += 1;
        }
        for (what, count) in imported.skipped.iter().filter(|(_, n)| *n > 0) {
            eprintln!("{}: skipped {count} {what} row(s)", file.path);
        }
    }
    if written == 0 {
        out.push_str("machines: []\n");
    }
    print_stdout(out.as_bytes())?;
    if problems > 0 {
        eprintln!("realtor: {problems} row(s) or element(s) could not be read and were left out");
    }
    Ok(ExitCode::SUCCESS)
}

fn check_command(args: CheckArgs) -> Result<ExitCode, String> {
    let config = load_config(args.config.as_deref())?;
    let settings = settings(&args.select, &args.ignore, &args.columns, &config)?;
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
    let mut reports = run(
        inputs,
        &settings,
        args.jobs,
        args.max_file_size,
        !args.quiet,
    )?;
    check::check_set(&mut reports, &settings);
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

fn advise_command(args: AdviseArgs) -> Result<ExitCode, String> {
    let config = load_config(args.config.as_deref())?;
    let settings = settings(&[], &[], &args.columns, &config)?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let ignored = discover::ignore_set(&config.ignore_paths)?;
    let inputs = discover::discover(&paths, None, &ignored)?;
    let reports = run(inputs, &settings, args.jobs, args.max_file_size, true)?;
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
    let text = match args.format {
        AdviceFormat::Human => render::advice::human(&advice),
        AdviceFormat::Json => render::advice::json(&advice),
        AdviceFormat::Markdown => render::advice::markdown(&advice),
    };
    match &args.output {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?,
        None => {
            print_stdout(text.as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
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

fn settings(
    select: &[String],
    ignore: &[String],
    columns: &ColumnArgs,
    config: &Config,
) -> Result<Settings, String> {
    let mut settings = Settings {
        columns: column_mapping(config, &columns.pairs)?,
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
fn rules_named(selector: &str) -> Result<Vec<&'static rules::RuleMeta>, String> {
    if selector.eq_ignore_ascii_case("ALL") {
        return Ok(rules::all().collect());
    }
    if let Some(rule) = rules::find(selector) {
        return Ok(vec![rule]);
    }
    let prefix: Vec<_> = rules::all()
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

fn use_color(choice: Color, to_file: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            !to_file && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
        }
    }
}

fn run(
    inputs: Vec<Input>,
    settings: &Settings,
    jobs: Option<usize>,
    max_file_size: u64,
    show_progress: bool,
) -> Result<Vec<FileReport>, String> {
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = jobs {
        pool = pool.num_threads(jobs.max(1));
    }
    let pool = pool.build().map_err(|e| format!("thread pool: {e}"))?;
    let progress = Progress::start(inputs.len(), show_progress);
    let reports: Vec<FileReport> = pool.install(|| {
        inputs
            .into_par_iter()
            .filter_map(|input| {
                let text = match &input.error {
                    Some(error) => Err(read::Unreadable::whole_file(error)),
                    None => read::read(&input, max_file_size),
                };
                let report = match text {
                    Ok(text) => check::check(
                        SourceFile::new(input.display.clone(), &text),
                        input.hint,
                        input.explicit,
                        settings,
                    ),
                    Err(unreadable) => check::unreadable(input.display.clone(), unreadable),
                };
                progress.tick();
                let keep = input.explicit
                    || report.kind != crate::report::FileKind::Other
                    || report.status == crate::report::Status::Error;
                keep.then_some(report)
            })
            .collect()
    });
    progress.finish();
    Ok(reports)
}
