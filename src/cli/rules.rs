//! `realtor explain` and `realtor rules`: the embedded rule documentation and the rule list.

use std::process::ExitCode;

use super::args::ListFormat;
use super::print_stdout;
use crate::rules;

pub(super) fn explain(name: &str) -> Result<ExitCode, String> {
    let rule = rules::find(name)
        .ok_or_else(|| format!("`{name}` is no rule of realtor (see `realtor rules`)"))?;
    let body = rule.doc.splitn(3, "---\n").nth(2).unwrap_or(rule.doc);
    let aliases = if rule.aliases.is_empty() {
        String::new()
    } else {
        format!(", aliases: {}", rule.aliases.join(", "))
    };
    let head = format!(
        "{} {} ({}, {}{aliases})\n",
        rule.id,
        rule.name,
        rule.severity,
        rule.applies_to.as_str()
    );
    print_stdout((head + body).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn list_rules(format: ListFormat) -> Result<ExitCode, String> {
    let text = match format {
        ListFormat::Json => {
            let list: Vec<_> = rules::all()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id, "name": r.name, "severity": r.severity,
                        "default": !rules::is_opt_in(r),
                        "applies_to": r.applies_to.as_str(), "aliases": r.aliases,
                        "summary": r.summary, "help": r.help,
                        "fix": r.extra.fix,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&list).expect("rules serialise") + "\n"
        }
        ListFormat::Table => {
            let mut table = format!(
                "{:<5} {:<32} {:<8} {:<7} {:<11} {:<30}\n",
                "ID", "NAME", "SEVERITY", "DEFAULT", "APPLIES TO", "ALIASES"
            );
            for r in rules::all() {
                table.push_str(&format!(
                    "{:<5} {:<32} {:<8} {:<7} {:<11} {:<30}\n",
                    r.id,
                    r.name,
                    r.severity.as_str(),
                    if rules::is_opt_in(r) { "off" } else { "on" },
                    r.applies_to.as_str(),
                    r.aliases.join(",")
                ));
            }
            table
        }
    };
    print_stdout(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
