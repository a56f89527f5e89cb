//! The rule registry. A rule is a module with a [`RuleMeta`] and a check over one kind of
//! [`Subject`]; it reports [`Finding`]s with spans and knows nothing of output formats.
//! Each rule's documentation lives in `rules/<family>/<ID>-<name>.md` and is embedded here.

/// Declares a family's rule modules and lists them, in id order, as the family's `RULES`:
/// each entry names the kind of subject the rule's `check` judges, then its module.
macro_rules! family {
    ($($check:ident $module:ident,)*) => {
        $(pub mod $module;)*

        /// The family's rules, in id order.
        pub static RULES: &[$crate::rules::Rule] = &[
            $($crate::rules::Rule {
                meta: &$module::META,
                check: family!(@check $check $module),
            },)*
        ];
    };
    (@check Pipeline $module:ident) => {
        $crate::rules::Check::Pipeline
    };
    (@check $check:ident $module:ident) => {
        $crate::rules::Check::$check($module::check)
    };
}

pub mod catalog;
pub mod dockerfile;
pub mod inventory;
pub mod kubernetes;
pub mod placement;
pub mod realtor;

use crate::diagnostic::{Finding, Severity};
use crate::inventory::Inventory;
use crate::kubernetes::Object;
use crate::model::Workload;
use crate::objectset::SetView;
use crate::source::Span;
use crate::syntax::dockerfile::Dockerfile;
use crate::syntax::yaml::Node;

/// What kind of input a rule judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppliesTo {
    Dockerfile,
    Kubernetes,
    Inventory,
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
}

impl Extra {
    pub const NONE: Extra = Extra {
        opt_in: false,
        security_severity: None,
        weight: None,
        set_span: None,
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

/// A VM inventory file as inventory rules see it.
#[derive(Debug)]
pub struct InventoryFile<'a> {
    pub inventory: &'a Inventory,
    pub node: &'a Node,
    /// Paths (relative to `node`) of keys the schema does not know.
    pub unknown_keys: &'a [crate::decode::KeyPath],
}

/// What a rule looks at.
#[derive(Debug)]
pub enum Subject<'s, 'a> {
    Dockerfile(&'s Dockerfile<'a>),
    Kubernetes(&'s Object<'a>),
    Inventory(&'s InventoryFile<'a>),
    Workload(&'s Workload),
    /// One Kubernetes object among all those of the files checked, after every file.
    ObjectSet(&'s SetView<'a>),
}

/// A rule: what it is, and the check it runs over the one kind of subject it judges.
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: Check,
}

/// A rule's check, a plain function over its own syntax type.
pub enum Check {
    Dockerfile(fn(&Dockerfile<'_>, &mut Report<'_>)),
    Kubernetes(fn(&Object<'_>, &mut Report<'_>)),
    /// Over one Kubernetes object among all those of the files checked.
    ObjectSet(fn(&SetView<'_>, &mut Report<'_>)),
    Inventory(fn(&InventoryFile<'_>, &mut Report<'_>)),
    Workload(fn(&Workload, &mut Report<'_>)),
    /// Findings the pipeline makes itself while reading files (the `R` rules).
    Pipeline,
}

/// Rule options from the configuration, as plain data.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Registries `FROM` may pull from (D040); empty allows every registry.
    pub trusted_registries: Vec<String>,
}

/// Collects one rule's findings, and gives it the configured options.
pub struct Report<'o> {
    rule: &'static RuleMeta,
    options: &'o Options,
    out: &'o mut Vec<Finding>,
}

impl<'o> Report<'o> {
    pub fn new(rule: &'static RuleMeta, options: &'o Options, out: &'o mut Vec<Finding>) -> Self {
        Report { rule, options, out }
    }

    pub fn options(&self) -> &Options {
        self.options
    }

    pub fn at(&mut self, span: Span, message: impl Into<String>) -> &mut Finding {
        self.out.push(Finding::new(self.rule, span, message));
        self.out.last_mut().expect("just pushed")
    }
}

/// Every rule, in id order: the families' tables, one after another.
pub fn registry() -> impl Iterator<Item = &'static Rule> {
    [
        realtor::RULES,
        dockerfile::RULES,
        kubernetes::RULES,
        inventory::RULES,
        placement::RULES,
    ]
    .into_iter()
    .flatten()
}

pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    registry().map(|r| r.meta)
}

/// Whether a rule is off unless chosen ([`Extra::opt_in`]).
pub fn is_opt_in(rule: &RuleMeta) -> bool {
    rule.extra.opt_in
}

/// The rule an id, name or alias names.
pub fn find(name: &str) -> Option<&'static RuleMeta> {
    all().find(|m| m.is_named(name))
}

/// Run every rule that judges `subject`, filtered by `enabled`.
pub fn run(
    subject: &Subject<'_, '_>,
    enabled: &dyn Fn(&RuleMeta) -> bool,
    options: &Options,
    out: &mut Vec<Finding>,
) {
    for rule in registry() {
        let meta = rule.meta;
        let mut run = |check: &dyn Fn(&mut Report<'_>)| {
            if enabled(meta) {
                check(&mut Report::new(meta, options, out));
            }
        };
        match (&rule.check, subject) {
            (Check::Dockerfile(check), Subject::Dockerfile(d)) => run(&|r| check(d, r)),
            (Check::Kubernetes(check), Subject::Kubernetes(o)) => run(&|r| check(o, r)),
            (Check::ObjectSet(check), Subject::ObjectSet(v)) => run(&|r| check(v, r)),
            (Check::Inventory(check), Subject::Inventory(f)) => run(&|r| check(f, r)),
            (Check::Workload(check), Subject::Workload(w)) => run(&|r| check(w, r)),
            _ => {}
        }
    }
}

/// The rule table of the README: one row per rule, generated so it cannot go stale.
pub fn markdown_table() -> String {
    let mut table = String::from(
        "| ID | Name | Severity | Applies to | Aliases | What it flags |\n|---|---|---|---|---|---|\n",
    );
    for rule in all() {
        let aliases = rule
            .aliases
            .iter()
            .map(|a| format!("`{a}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let opt_in = if is_opt_in(rule) { " (opt-in)" } else { "" };
        table.push_str(&format!(
            "| {}{opt_in} | {} | {} | {} | {} | {} |\n",
            rule.id,
            rule.name,
            rule.severity,
            rule.applies_to.as_str(),
            aliases,
            rule.summary.replace('|', "\\|")
        ));
    }
    table
}
