//! D052 consecutive-run: consecutive `RUN` instructions that could be one.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::Instruction;

/// A `RUN` of more commands than this stands as its own step (hadolint DL3059 agrees).
const MAX_COMMANDS: usize = 2;

pub static META: RuleMeta = RuleMeta {
    id: "D052",
    name: "consecutive-run",
    severity: Severity::Info,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3059"],
    summary: "Consecutive `RUN` instructions with the same flags add a layer each; they could be one.",
    help: "Join them with `&&` (or a here-document) into one `RUN`.",
    doc: include_str!("../../../rules/dockerfile/D052-consecutive-run.md"),
    extra: Extra {
        opt_in: true,
        ..Extra::NONE
    },
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for (index, pair) in dockerfile.instructions.windows(2).enumerate() {
        if let [Instruction::Run(first), Instruction::Run(second)] = pair {
            // hadolint's exemption: a `RUN` of more than two commands was split from
            // its neighbour on purpose.
            let chained = |at: usize| dockerfile.scripts[at].len() > MAX_COMMANDS;
            if chained(index) || chained(index + 1) {
                continue;
            }
            let flags = |run: &parse_dockerfile::RunInstruction<'_>| {
                run.options
                    .iter()
                    .map(|f| dockerfile.source(f.span()).to_string())
                    .collect::<Vec<_>>()
            };
            if flags(first) == flags(second) {
                report.at(
                    second.run.span.clone(),
                    "this `RUN` directly follows another; consider joining them",
                );
            }
        }
    }
}
