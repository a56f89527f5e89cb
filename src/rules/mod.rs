//! The rule registry. A rule is a module with a [`RuleMeta`] and a check over one kind of
//! [`Subject`]; it reports [`Finding`]s with spans and knows nothing of output formats.
//! Each rule's documentation lives in `rules/<family>/<ID>-<name>.md` and is embedded here.

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
    pub unknown_keys: &'a [String],
}

/// What a rule looks at.
#[derive(Debug)]
pub enum Subject<'s, 'a> {
    Dockerfile(&'s Dockerfile<'a>),
    Kubernetes(&'s Object<'a>),
    Inventory(&'s InventoryFile<'a>),
    Workload(&'s Workload),
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>);
}

/// Collects one rule's findings.
pub struct Report<'o> {
    rule: &'static RuleMeta,
    out: &'o mut Vec<Finding>,
}

impl<'o> Report<'o> {
    pub fn new(rule: &'static RuleMeta, out: &'o mut Vec<Finding>) -> Self {
        Report { rule, out }
    }

    pub fn at(&mut self, span: Span, message: impl Into<String>) -> &mut Finding {
        self.out.push(Finding::new(self.rule, span, message));
        self.out.last_mut().expect("just pushed")
    }
}

/// Every rule, in id order.
pub static REGISTRY: &[&dyn Rule] = &[
    &realtor::parse_error::Rule,
    &realtor::unused_suppression::Rule,
    &realtor::template_skipped::Rule,
    &dockerfile::untagged_base_image::Rule,
    &dockerfile::latest_tag::Rule,
    &dockerfile::root_user::Rule,
    &dockerfile::relative_workdir::Rule,
    &dockerfile::maintainer::Rule,
    &dockerfile::shell_form_cmd::Rule,
    &kubernetes::privileged_container::Rule,
    &kubernetes::privilege_escalation::Rule,
    &kubernetes::run_as_non_root::Rule,
    &kubernetes::host_network::Rule,
    &kubernetes::host_pid::Rule,
    &kubernetes::host_ipc::Rule,
    &kubernetes::latest_tag::Rule,
    &kubernetes::unknown_field::Rule,
    &inventory::unknown_key::Rule,
    &inventory::duplicate_machine::Rule,
    &inventory::missing_os::Rule,
    &placement::init_system::Rule,
    &placement::sshd::Rule,
    &placement::kernel_modules::Rule,
    &placement::host_control::Rule,
    &placement::container_candidate::Rule,
    &placement::legacy_guest_os::Rule,
];

pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    REGISTRY.iter().map(|r| r.meta())
}

/// The rule an id, name or alias names.
pub fn find(name: &str) -> Option<&'static RuleMeta> {
    all().find(|m| m.is_named(name))
}

/// Run every rule that applies to `subject`, filtered by `enabled`.
pub fn run(subject: &Subject<'_, '_>, enabled: &dyn Fn(&RuleMeta) -> bool, out: &mut Vec<Finding>) {
    let applies = match subject {
        Subject::Dockerfile(_) => AppliesTo::Dockerfile,
        Subject::Kubernetes(_) => AppliesTo::Kubernetes,
        Subject::Inventory(_) => AppliesTo::Inventory,
        Subject::Workload(_) => AppliesTo::Workload,
    };
    for rule in REGISTRY {
        let meta = rule.meta();
        if meta.applies_to == applies && enabled(meta) {
            rule.check(subject, &mut Report::new(meta, out));
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
        table.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
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
