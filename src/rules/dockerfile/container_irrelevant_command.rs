//! D047 container-irrelevant-command: a `RUN` command that makes no sense at build time in a container.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D047",
    name: "container-irrelevant-command",
    severity: Severity::Info,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3001"],
    summary: "A `RUN` command (`ssh`, `vim`, `service`, `shutdown`, `ps`, `top`, `free`, `kill`, `mount`) makes no sense while building a container image.",
    help: "Remove it; configure services through the entrypoint and debug with `docker exec`.",
    doc: include_str!("../../../rules/dockerfile/D047-container-irrelevant-command.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for run in super::run_commands(dockerfile) {
        if let Some(name) = run.command.name()
            && IRRELEVANT.contains(&name)
        {
            report.at(
                run.command.words[0].span.clone(),
                format!("`{name}` makes no sense while building an image"),
            );
        }
    }
}

const IRRELEVANT: &[&str] = &[
    "free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim",
];
