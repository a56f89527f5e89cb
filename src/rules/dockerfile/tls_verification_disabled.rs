//! D033 tls-verification-disabled: TLS certificate verification turned off.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};
use crate::syntax::dockerfile::{Instruction, arg_pairs};

pub static META: RuleMeta = RuleMeta {
    id: "D033",
    name: "tls-verification-disabled",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &[],
    summary: "TLS certificate verification is turned off, so downloads can be tampered with in transit.",
    help: "Keep verification on; install the CA certificate your proxy or mirror needs instead.",
    doc: include_str!("../../../rules/dockerfile/D033-tls-verification-disabled.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for run in super::run_commands(dockerfile) {
        let command = run.command;
        let exported = match command.name() {
            Some("export") => command.args(),
            _ => &[],
        };
        for word in command.assignments.iter().chain(exported) {
            if let Some((name, value)) = word.text.split_once('=')
                && insecure_setting(name, value)
            {
                report.at(
                    word.span.clone(),
                    format!("`{name}` turns off TLS verification"),
                );
            }
        }
        let name = command.name().unwrap_or("");
        let args = command.args();
        for (i, word) in args.iter().enumerate() {
            let text = word.text.as_str();
            let insecure = match name {
                "curl" => super::is_option(text, &['k'], &["--insecure"]),
                "wget" => text == "--no-check-certificate",
                "git" => text.to_ascii_lowercase().contains("sslverify=false"),
                "npm" | "yarn" => {
                    text == "strict-ssl" && args.get(i + 1).is_some_and(|v| v.text == "false")
                }
                _ => {
                    (name.starts_with("pip") || name.starts_with("python"))
                        && text == "--trusted-host"
                }
            };
            if insecure {
                report.at(
                    word.span.clone(),
                    format!("`{text}` turns off TLS verification"),
                );
            }
        }
    }
    for instruction in &dockerfile.instructions {
        let arguments = match instruction {
            Instruction::Env(env) => &env.arguments,
            Instruction::Arg(arg) => &arg.arguments,
            _ => continue,
        };
        let raw = dockerfile.source(arguments.span.clone());
        for (name, value) in arg_pairs(&arguments.value) {
            if let Some(value) = value
                && insecure_setting(name, value)
                && let Some(offset) = raw.find(name)
            {
                let start = arguments.span.start + offset;
                report.at(
                    start..start + name.len(),
                    format!("`{name}` turns off TLS verification"),
                );
            }
        }
    }
}

/// Environment settings that turn verification off in curl's, git's, pip's, Node's and
/// Python's clients.
fn insecure_setting(name: &str, value: &str) -> bool {
    let value = value.trim_matches(['"', '\'']);
    match name {
        "NODE_TLS_REJECT_UNAUTHORIZED" | "PYTHONHTTPSVERIFY" => value == "0",
        "GIT_SSL_NO_VERIFY" | "PIP_TRUSTED_HOST" => !value.is_empty(),
        "NPM_CONFIG_STRICT_SSL" => value.eq_ignore_ascii_case("false"),
        _ => false,
    }
}
