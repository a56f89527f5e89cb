//! D045 expose-port-range: an `EXPOSE` port outside 0-65535.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::Instruction;

pub static META: RuleMeta = RuleMeta {
    id: "D045",
    name: "expose-port-range",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3011"],
    summary: "`EXPOSE` names a port outside 0-65535.",
    help: "Use a port number between 0 and 65535.",
    doc: include_str!("../../../rules/dockerfile/D045-expose-port-range.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for instruction in &dockerfile.instructions {
        let Instruction::Expose(expose) = instruction else {
            continue;
        };
        for port in &expose.arguments {
            let number = port.value.split('/').next().unwrap_or("");
            let out_of_range = number.split('-').any(|n| {
                n.parse::<u64>().is_ok_and(|n| n > 65535)
                    || (n.len() > 5 && n.bytes().all(|b| b.is_ascii_digit()))
            });
            if out_of_range {
                report.at(
                    port.span.clone(),
                    format!("port `{}` is outside 0-65535", port.value),
                );
            }
        }
    }
}
