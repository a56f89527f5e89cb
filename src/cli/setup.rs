//! `realtor init`, `realtor completions` and `realtor man`: setting realtor up.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::CommandFactory;

use super::args::Cli;
use super::print_stdout;
use crate::pipeline::config;

pub(super) fn completions(shell: clap_complete::Shell) -> Result<ExitCode, String> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "realtor", &mut script);
    print_stdout(&script)?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn man_page() -> Result<ExitCode, String> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| format!("man page: {e}"))?;
    print_stdout(&page)?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn init(force: bool) -> Result<ExitCode, String> {
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
