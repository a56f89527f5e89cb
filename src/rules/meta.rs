//! What a rule is, as every stage sees it: its id, name, severity and documentation, and
//! what some rules carry for configuration, code scanning, the set phase and the advisor.
//! A leaf: it depends on nothing else in realtor.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of input a rule judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppliesTo {
    Dockerfile,
    Kubernetes,
    Inventory,
    /// One service of a Docker Compose file.
    Compose,
    /// Placement rules judge the common workload model of every input.
    Workload,
    /// Findings realtor itself makes while reading files.
    Any,
}

impl AppliesTo {
    pub fn as_str(self) -> &'static str {
        match self {
            AppliesTo::Dockerfile => "dockerfile",
            AppliesTo::Kubernetes => "kubernetes",
            AppliesTo::Inventory => "inventory",
            AppliesTo::Compose => "compose",
            AppliesTo::Workload => "workload",
            AppliesTo::Any => "any",
        }
    }
}

#[derive(Debug)]
pub struct RuleMeta {
    pub id: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub applies_to: AppliesTo,
    /// Peer tools' names for the same check: hadolint `DL3006`, kube-linter `privileged-container`.
    pub aliases: &'static [&'static str],
    /// One sentence: what is wrong when the rule fires.
    pub summary: &'static str,
    /// One sentence: how to fix it.
    pub help: &'static str,
    /// The rule's documentation (Markdown with YAML front matter).
    pub doc: &'static str,
    /// What only some rules carry: how configuration, code scanning, the set phase and
    /// the advisor treat them.
    pub extra: Extra,
}

/// What only some rules carry. Every field defaults to "not this kind of rule".
#[derive(Debug, Clone, Copy)]
pub struct Extra {
    /// Off unless chosen: named in `--select` (by id, name, alias, prefix or `ALL`) or given
    /// a level in `.realtor.yaml`. Such a rule is a matter of house style or right only for
    /// some workloads, and among the first that users of hadolint and kube-linter switch off.
    pub opt_in: bool,
    /// For a security rule, a CVSS-like severity from 0.1 to 10.0 (9.0 and above is
    /// critical, 7.0 high, 4.0 medium): the scale GitHub code scanning ranks alerts by.
    pub security_severity: Option<&'static str>,
    /// For a placement rule, its cost per target: what the advisor weighs.
    pub weight: Option<Weight>,
    /// For a rule over the whole set of objects, the fact its findings point at.
    pub set_span: Option<SetSpan>,
    /// The kind of fix the rule offers, if any: `Safe` when all its fixes keep what the
    /// file means, `Unsafe` when some may change behaviour (`--unsafe-fixes`).
    pub fix: Option<Safety>,
}

/// Whether applying a fix keeps the file's behaviour: safe fixes run with `--fix`, unsafe
/// ones only with `--unsafe-fixes` as well.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Safety {
    Safe,
    Unsafe,
}

impl Safety {
    pub fn as_str(self) -> &'static str {
        match self {
            Safety::Safe => "safe",
            Safety::Unsafe => "unsafe",
        }
    }
}

impl Extra {
    pub const NONE: Extra = Extra {
        opt_in: false,
        security_severity: None,
        weight: None,
        set_span: None,
        fix: None,
    };
}

/// A placement rule's cost for each target, on mcdc's severity scale 0-6: how much work a
/// finding means if the workload runs as a container, in a sandboxed container, or as a VM
/// (docs/advice.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weight {
    pub container: u8,
    pub sandboxed: u8,
    pub vm: u8,
    /// The finding is indirect evidence (what the build installs, not what PID 1 runs): a
    /// verdict whose strongest reason it is has its confidence lowered.
    pub indirect: bool,
}

impl Weight {
    pub const fn new(container: u8, sandboxed: u8, vm: u8) -> Weight {
        Weight {
            container,
            sandboxed,
            vm,
            indirect: false,
        }
    }

    pub const fn indirect(self) -> Weight {
        Weight {
            indirect: true,
            ..self
        }
    }
}

/// Which fact of an object a set-level rule reports at.
#[derive(Debug, Clone, Copy)]
pub enum SetSpan {
    Selector,
    ServiceAccount,
}

impl RuleMeta {
    /// Whether `name` names this rule: its id, its name or one of its aliases.
    pub fn is_named(&self, name: &str) -> bool {
        self.id.eq_ignore_ascii_case(name)
            || self.name == name
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    }
}
