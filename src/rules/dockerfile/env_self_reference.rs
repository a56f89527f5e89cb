//! D058 env-self-reference: an `ENV` value referring to a variable the same `ENV` defines.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::{Instruction, key_values};

pub static META: RuleMeta = RuleMeta {
    id: "D058",
    name: "env-self-reference",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3044"],
    summary: "An `ENV` value refers to a variable defined earlier in the same `ENV`, which still has its old value there.",
    help: "Split the `ENV` in two, so the second one sees the new value.",
    doc: include_str!("../../../rules/dockerfile/D058-env-self-reference.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for instruction in &dockerfile.instructions {
        let Instruction::Env(env) = instruction else {
            continue;
        };
        let raw = dockerfile.source(env.arguments.span.clone());
        let mut defined = std::collections::HashSet::new();
        for (name, value, _) in key_values(raw, dockerfile.escape) {
            if let Some(value) = value
                && !value.starts_with('\'')
            {
                let value_start = value.as_ptr() as usize - raw.as_ptr() as usize;
                for (offset, len, referenced) in references(value) {
                    if defined.contains(&referenced) {
                        let start = env.arguments.span.start + value_start + offset;
                        report.at(
                            start..start + len,
                            format!("`{referenced}` is defined in the same `ENV`"),
                        );
                    }
                }
            }
            defined.insert(name);
        }
    }
}

/// `$NAME` and `${NAME...}` references in a value: offset, length and name.
fn references(value: &str) -> Vec<(usize, usize, &str)> {
    let mut found = Vec::new();
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] != b'$' {
            i += 1;
            continue;
        }
        let braced = bytes.get(i + 1) == Some(&b'{');
        let start = i + 1 + usize::from(braced);
        let end = value[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(value.len(), |e| start + e);
        if end > start {
            let close = if braced {
                value[end..].find('}').map_or(end, |c| end + c + 1)
            } else {
                end
            };
            found.push((i, close - i, &value[start..end]));
        }
        i = end.max(i + 1);
    }
    found
}
