//! D054 link-bin-sh: `ln` replacing `/bin/sh`.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D054",
    name: "link-bin-sh",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL4005"],
    summary: "`RUN ln ... /bin/sh` swaps the default shell behind the Dockerfile's back.",
    help: "Use the `SHELL` instruction, e.g. `SHELL [\"/bin/bash\", \"-c\"]`.",
    doc: include_str!("../../../rules/dockerfile/D054-link-bin-sh.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for run in super::run_commands(dockerfile) {
        let command = run.command;
        if command.name() != Some("ln") {
            continue;
        }
        if let Some(target) = command.args().last()
            && target.text == "/bin/sh"
        {
            report.at(target.span.clone(), "`ln` replaces `/bin/sh`; use `SHELL`");
        }
    }
}
