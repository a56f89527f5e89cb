//! K019 env-var-secret: a secret-looking environment variable has its value written in the manifest.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

/// Words of a variable name that say it holds a secret; `SECRET` anywhere in the name
/// counts too, as in kube-linter.
const SECRET_WORDS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "TOKEN",
    "APIKEY",
    "CREDENTIAL",
    "CREDENTIALS",
];
/// Pairs of consecutive words that do: `API_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`.
const SECRET_PAIRS: &[(&str, &str)] = &[("API", "KEY"), ("PRIVATE", "KEY"), ("ACCESS", "KEY")];
/// Last words that make the variable say where a secret is, not hold it.
const LOCATION_WORDS: &[&str] = &["FILE", "PATH", "NAME", "DIR"];

pub fn looks_secret(name: &str) -> bool {
    let words = words(name);
    let Some(last) = words.last() else {
        return false;
    };
    if LOCATION_WORDS.contains(&last.as_str()) {
        return false;
    }
    name.to_ascii_uppercase().contains("SECRET")
        || words.iter().any(|w| SECRET_WORDS.contains(&w.as_str()))
        || words
            .windows(2)
            .any(|pair| SECRET_PAIRS.contains(&(pair[0].as_str(), pair[1].as_str())))
}

/// The words of `DB_PASSWORD`, `db-password` or `dbPassword`, in upper case.
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        let boundary = !c.is_ascii_alphanumeric() || (c.is_ascii_uppercase() && previous_lower);
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        if c.is_ascii_alphanumeric() {
            current.push(c.to_ascii_uppercase());
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// A number or a boolean is a setting, not a secret (`MAX_TOKENS: "4096"`).
pub fn is_setting(value: &str) -> bool {
    value.parse::<f64>().is_ok() || matches!(value, "true" | "false")
}

/// `$(OTHER)`: the value only refers to another variable.
fn is_reference(value: &str) -> bool {
    value.starts_with("$(") && value.ends_with(')') && value.matches("$(").count() == 1
}

pub static META: RuleMeta = RuleMeta {
    id: "K019",
    name: "env-var-secret",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["env-var-secret"],
    summary: "A secret-looking environment variable has its value written in the manifest.",
    help: "Move the value into a Secret and read it with `valueFrom.secretKeyRef`, or mount it as a file.",
    doc: include_str!("../../../rules/kubernetes/K019-env-var-secret.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((_, pod)) = super::workload(object) else {
        return;
    };
    for container in pod.containers() {
        for (env, node) in
            super::with_nodes(container.spec.env.as_deref(), container.node, "env")
        {
            let Some(value) = env.value.as_deref() else {
                continue;
            };
            if value.is_empty()
                || is_reference(value)
                || is_setting(value)
                || !looks_secret(&env.name)
            {
                continue;
            }
            if let Some(span) = super::value_span(node, &["value"]) {
                report.at(
                    span,
                    format!(
                        "`{}` of container `{}` is written in the manifest",
                        env.name, container.name
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_word_by_word() {
        for name in [
            "DB_PASSWORD",
            "dbPassword",
            "GITHUB_TOKEN",
            "NGC_API_KEY",
            "client-secret",
            "AWS_SECRET_ACCESS_KEY",
        ] {
            assert!(looks_secret(name), "{name}");
        }
        for name in [
            "MAX_TOTAL_TOKENS",
            "DB_PASSWORD_FILE",
            "SECRET_NAME",
            "KEYCLOAK_URL",
            "TOKENIZER",
        ] {
            assert!(!looks_secret(name), "{name}");
        }
        assert!(is_setting("4096") && !is_setting("hunter2"));
    }
}
