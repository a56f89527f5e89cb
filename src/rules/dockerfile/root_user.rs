//! D003 root-user: the final stage's last `USER` is root.

use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D003",
    name: "root-user",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3002"],
    summary: "The image's last `USER` is root, so its process runs as root.",
    help: "Switch to an unprivileged user at the end of the final stage, e.g. `USER 10001`.",
    doc: include_str!("../../../rules/dockerfile/D003-root-user.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Dockerfile(dockerfile) = subject else {
            return;
        };
        if let Some((name, span)) = super::final_user(dockerfile)
            && (name == "root" || name == "0")
        {
            report.at(span, "the final stage runs as root");
        }
    }
}
