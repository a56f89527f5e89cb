//! D031 wget-and-curl: a stage uses both `wget` and `curl`.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D031",
    name: "wget-and-curl",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL4001"],
    summary: "The stage uses both `wget` and `curl`; one download tool is enough.",
    help: "Pick one tool and use it for every download of the stage.",
    doc: include_str!("../../../rules/dockerfile/D031-wget-and-curl.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    // The `curl` and `wget` commands of each stage, in one pass over the commands.
    let stages = dockerfile.stages.len().max(1);
    let mut found = vec![(Vec::new(), Vec::new()); stages];
    for run in super::run_commands(dockerfile) {
        let span = || run.command.words[0].span.clone();
        match run.command.name() {
            Some("curl") => found[run.stage].0.push(span()),
            Some("wget") => found[run.stage].1.push(span()),
            _ => {}
        }
    }
    for (curl, wget) in found {
        let (Some(first_curl), Some(first_wget)) = (curl.first(), wget.first()) else {
            continue;
        };
        let (second, tool, other) = if first_curl.start < first_wget.start {
            (wget, "wget", "curl")
        } else {
            (curl, "curl", "wget")
        };
        for span in second {
            report.at(
                span,
                format!("`{tool}` in a stage that already uses `{other}`"),
            );
        }
    }
}
