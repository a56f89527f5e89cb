//! D022 pip-cache: `pip install` without `--no-cache-dir`.

use super::packages;
use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Safety};
use crate::syntax::dockerfile::{Instruction, arg_pairs};

pub static META: RuleMeta = RuleMeta {
    id: "D022",
    name: "pip-cache",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3042"],
    summary: "`pip install` without `--no-cache-dir` keeps pip's download cache in the image.",
    help: "Use `pip install --no-cache-dir`, or set `ENV PIP_NO_CACHE_DIR=1`.",
    doc: include_str!("../../../rules/dockerfile/D022-pip-cache.md"),
    extra: Extra {
        fix: Some(Safety::Safe),
        ..Extra::NONE
    },
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    let configured: Vec<bool> = dockerfile
        .stages
        .iter()
        .map(|stage| {
            dockerfile
                .stage_instructions(stage)
                .iter()
                .any(|i| match i {
                    Instruction::Env(env) => sets_no_cache(&env.arguments.value),
                    Instruction::Arg(arg) => sets_no_cache(&arg.arguments.value),
                    _ => false,
                })
        })
        .collect();
    packages::report_missing_cleanup(
        dockerfile,
        &packages::PIP,
        &|run: &super::RunCommand<'_>, install: &packages::Install<'_>| {
            configured.get(run.stage).copied().unwrap_or(false)
                || install.has_option(&[], &["--no-cache-dir"])
                || install
                    .command
                    .assignments
                    .iter()
                    .any(|a| a.text.starts_with("PIP_NO_CACHE_DIR="))
        },
        ("`pip install` without `--no-cache-dir`", Some(("--no-cache-dir", Safety::Safe))),
        report,
    );
}

/// An `ENV` or `ARG` that sets `PIP_NO_CACHE_DIR`.
fn sets_no_cache(arguments: &str) -> bool {
    arg_pairs(arguments)
        .iter()
        .any(|(name, value)| *name == "PIP_NO_CACHE_DIR" && value.is_some())
}
