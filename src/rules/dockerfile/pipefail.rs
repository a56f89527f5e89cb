//! D030 pipe-without-pipefail: a pipe in `RUN` without `pipefail`.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::Instruction;
use crate::syntax::shell::Operator;

pub static META: RuleMeta = RuleMeta {
    id: "D030",
    name: "pipe-without-pipefail",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL4006"],
    summary: "A `RUN` pipes commands without `pipefail`, so a failure before the last command of the pipe does not fail the build.",
    help: "Add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before the `RUN`, or start its script with `set -o pipefail`.",
    doc: include_str!("../../../rules/dockerfile/D030-pipe-without-pipefail.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    let mut pipefail = false;
    for (instruction, script) in dockerfile.instructions.iter().zip(&dockerfile.scripts) {
        match instruction {
            Instruction::From(_) => pipefail = false,
            Instruction::Shell(shell) => {
                pipefail = shell.arguments.iter().any(|a| a.value.contains("pipefail"));
            }
            _ => {}
        }
        if pipefail {
            continue;
        }
        for command in script {
            let sets_pipefail = command.name() == Some("set")
                && command.args().iter().any(|w| w.text.contains("pipefail"));
            if sets_pipefail {
                break;
            }
            if let Some((Operator::Pipe, span)) = &command.next {
                report.at(span.clone(), "pipe without `set -o pipefail`");
                break;
            }
        }
    }
}
