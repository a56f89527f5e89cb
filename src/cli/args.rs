//! The command line's arguments, as clap reads them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::input::read;
use crate::pipeline::config::Threshold;

#[derive(Parser, Debug)]
#[command(
    name = "realtor",
    version = env!("REALTOR_LONG_VERSION"),
    about = "Lints Dockerfiles, Kubernetes manifests, Helm charts, kustomize overlays, Compose files and VM inventories, and advises whether each workload belongs in a container or a VM."
)]
pub struct Cli {
    #[command(subcommand)]
    pub(super) command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub(super) enum Command {
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
    /// Run the language server on standard input and output, for editors: findings as you
    /// type, quick fixes, and rule documentation on hover.
    Lsp,
    /// Write a commented `.realtor.yaml` with the defaults in the working directory.
    Init {
        /// Overwrite an existing `.realtor.yaml`.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
pub(super) enum InventoryCommand {
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
pub(super) enum Target {
    Yaml,
}

/// `--column`, for the commands that read inventory spreadsheets.
#[derive(Args, Debug)]
pub(super) struct ColumnArgs {
    /// Which column of an inventory spreadsheet holds which field, as FIELD=HEADER
    /// (`--column name=Nom`); repeatable; over `inventory-columns` in .realtor.yaml.
    #[arg(long = "column", value_name = "FIELD=HEADER")]
    pub(super) pairs: Vec<String>,
}

/// How Helm charts and kustomize overlays are rendered, for the commands that check them.
#[derive(Args, Debug)]
pub(super) struct RenderArgs {
    /// A values file for `helm template` (`--values`); repeatable, a later one wins; after
    /// `helm-values` in .realtor.yaml.
    #[arg(long, value_name = "FILE")]
    pub(super) helm_values: Vec<PathBuf>,
    /// A value for `helm template` (`--set KEY=VALUE`); repeatable.
    #[arg(long, value_name = "KEY=VALUE")]
    pub(super) helm_set: Vec<String>,
    /// Do not run `helm template` or `kustomize build`: report charts and overlays as not
    /// checked.
    #[arg(long)]
    pub(super) no_render: bool,
}

#[derive(Args, Debug)]
pub(super) struct CheckArgs {
    /// Files or directories to check; `-` reads standard input.
    pub(super) paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human, env = "REALTOR_FORMAT")]
    pub(super) format: Format,
    /// Write the report to FILE instead of standard output, or write another format too
    /// with FORMAT=FILE (`sarif=realtor.sarif`; `-` is standard output). Repeatable.
    #[arg(long, short, value_name = "[FORMAT=]FILE")]
    pub(super) output: Vec<String>,
    /// Append a Markdown summary to FILE [default with `github` output: $GITHUB_STEP_SUMMARY].
    #[arg(long, value_name = "FILE")]
    pub(super) summary: Option<PathBuf>,
    /// Do not report the findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub(super) baseline: Option<PathBuf>,
    /// Record the current findings in FILE as the baseline, then exit 0.
    #[arg(long, value_name = "FILE")]
    pub(super) write_baseline: Option<PathBuf>,
    /// The lowest severity that makes the exit code 1 [default: warning].
    #[arg(long, value_enum)]
    pub(super) failure_threshold: Option<Threshold>,
    /// Exit 0 even when there are findings (errors in use still exit 2).
    #[arg(long)]
    pub(super) exit_zero: bool,
    /// Apply the safe fixes in place, then report what is left.
    #[arg(long)]
    pub(super) fix: bool,
    /// Print the fixes as a unified diff and change nothing (exit 1 when there are some).
    #[arg(long, conflicts_with = "fix")]
    pub(super) diff: bool,
    /// With `--fix` or `--diff`, also the fixes that may change behaviour.
    #[arg(long)]
    pub(super) unsafe_fixes: bool,
    /// Configuration file [default: the nearest .realtor.yaml upward].
    #[arg(long)]
    pub(super) config: Option<PathBuf>,
    /// Run only these rules (ids, names, aliases, id prefixes such as `K`, or `ALL`, which
    /// includes the opt-in rules), comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub(super) select: Vec<String>,
    /// Do not run these rules, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub(super) ignore: Vec<String>,
    /// Print diagnostics only: no summary line.
    #[arg(long, short)]
    pub(super) quiet: bool,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub(super) color: Color,
    /// Skip named files that are not Dockerfiles, manifests or inventories, as when
    /// walking, instead of reporting them (for pre-commit and other callers passing lists).
    #[arg(long)]
    pub(super) skip_unrecognized: bool,
    /// The name of the file read from standard input (decides its kind and how it is shown).
    #[arg(long)]
    pub(super) stdin_filename: Option<String>,
    /// Files larger than this are reported, not read (bytes, or with a K, M or G suffix).
    #[arg(long, value_parser = read::parse_size, default_value = "16M")]
    pub(super) max_file_size: u64,
    /// Threads to check files with [default: the number of cores].
    #[arg(long, short)]
    pub(super) jobs: Option<usize>,
    #[command(flatten)]
    pub(super) columns: ColumnArgs,
    #[command(flatten)]
    pub(super) render: RenderArgs,
}

#[derive(Args, Debug)]
pub(super) struct AdviseArgs {
    /// Files or directories to advise on.
    pub(super) paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = AdviceFormat::Human)]
    pub(super) format: AdviceFormat,
    /// Write the advice to this file instead of standard output.
    #[arg(long, short)]
    pub(super) output: Option<PathBuf>,
    /// Configuration file [default: the nearest .realtor.yaml upward].
    #[arg(long)]
    pub(super) config: Option<PathBuf>,
    /// Threads to read files with [default: the number of cores].
    #[arg(long, short)]
    pub(super) jobs: Option<usize>,
    /// Files larger than this are reported, not read (bytes, or with a K, M or G suffix).
    #[arg(long, value_parser = read::parse_size, default_value = "16M")]
    pub(super) max_file_size: u64,
    #[command(flatten)]
    pub(super) columns: ColumnArgs,
    #[command(flatten)]
    pub(super) render: RenderArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum AdviceFormat {
    #[default]
    Human,
    Json,
    Markdown,
    /// One row per workload, for spreadsheets.
    Csv,
    /// One self-contained page with charts, a table of every workload and a page per
    /// workload, to hand on (`-o report.html`).
    Html,
    /// A workbook with Workloads, Findings and Summary sheets (`-o report.xlsx`).
    Xlsx,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Format {
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
pub(super) enum ListFormat {
    Table,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Color {
    #[default]
    Auto,
    Always,
    Never,
}

/// `realtor` alone: `check` with every option at its default.
pub(super) fn default_check() -> CheckArgs {
    match Cli::parse_from(["realtor", "check"]).command {
        Some(Command::Check(args)) => *args,
        _ => unreachable!("`realtor check` parses as the check command"),
    }
}
