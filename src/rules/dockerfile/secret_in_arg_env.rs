//! D046 secret-in-arg-env: an `ARG` or `ENV` whose name says it holds a secret.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::{Instruction, arg_pairs};

pub static META: RuleMeta = RuleMeta {
    id: "D046",
    name: "secret-in-arg-env",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3064"],
    summary: "An `ARG` or `ENV` name says it holds a secret, which stays readable in the image history or configuration.",
    help: "Pass secrets with `RUN --mount=type=secret` (build) or at run time, never as `ARG`/`ENV`.",
    doc: include_str!("../../../rules/dockerfile/D046-secret-in-arg-env.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for instruction in &dockerfile.instructions {
        let (keyword, arguments) = match instruction {
            Instruction::Env(env) => ("ENV", &env.arguments),
            Instruction::Arg(arg) => ("ARG", &arg.arguments),
            _ => continue,
        };
        let raw = dockerfile.source(arguments.span.clone());
        let mut searched = 0;
        for (name, value) in arg_pairs(&arguments.value) {
            let Some(offset) = raw[searched..].find(name).map(|o| o + searched) else {
                continue;
            };
            searched = offset + name.len();
            if is_secret_name(name) && !value.is_some_and(is_not_a_secret_value) {
                let start = arguments.span.start + offset;
                report.at(
                    start..start + name.len(),
                    format!("`{keyword} {name}` looks like a secret"),
                );
            }
        }
    }
}

const SECRET_WORDS: &[&str] = &[
    "apikey",
    "auth",
    "credential",
    "credentials",
    "key",
    "password",
    "pword",
    "passwd",
    "secret",
    "token",
];

/// Parts that say the value is public or only points at a secret: `GPG_KEY` is a key
/// fingerprint, `AUTH_VERSION` a version, `PASSWORD_FILE` a path.
const NOT_SECRET_WORDS: &[&str] = &[
    "public",
    "gpg",
    "pgp",
    "fingerprint",
    "version",
    "url",
    "uri",
    "path",
    "file",
    "dir",
    "server",
    "host",
    "type",
];

/// Values that cannot be the secret: empty, a placeholder (`XXX`, `000000`, `changeme`,
/// `<token>`) or a path to where the secret is mounted.
fn is_not_a_secret_value(value: &str) -> bool {
    let repeated = |c: char| value.len() >= 2 && value.chars().all(|v| v.eq_ignore_ascii_case(&c));
    value.is_empty()
        || repeated('x')
        || repeated('0')
        || repeated('*')
        || (value.starts_with('<') && value.ends_with('>'))
        || PLACEHOLDERS.iter().any(|p| value.eq_ignore_ascii_case(p))
        || ["/", "./", "../", "~/"]
            .iter()
            .any(|p| value.starts_with(p))
}

const PLACEHOLDERS: &[&str] = &[
    "changeme",
    "change_me",
    "change-me",
    "changeit",
    "placeholder",
    "replaceme",
    "dummy",
];

/// BuildKit's test (a `_`- or `-`-separated part of the name is a secret word), less names
/// with a part that says the value is not the secret itself.
fn is_secret_name(name: &str) -> bool {
    let parts: Vec<String> = name
        .split(['_', '-'])
        .map(str::to_ascii_lowercase)
        .collect();
    let secret_suffix = parts.len() > 1 && parts.last().is_some_and(|p| p == "pass");
    (secret_suffix || parts.iter().any(|p| SECRET_WORDS.contains(&p.as_str())))
        && !parts.iter().any(|p| NOT_SECRET_WORDS.contains(&p.as_str()))
}
