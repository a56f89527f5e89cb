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
pub mod compose;
pub mod dockerfile;
pub mod inventory;
pub mod kubernetes;
mod meta;
pub mod placement;
pub mod realtor;

use crate::formats::compose::Service;
use crate::formats::inventory::InventoryFile;
use crate::formats::kubernetes::Object;
use crate::input::source::Span;
use crate::model::Workload;
use crate::model::objects::SetView;
use crate::syntax::dockerfile::Dockerfile;

pub use meta::{AppliesTo, Extra, RuleMeta, Safety, SetSpan, Severity, Weight};

/// What a rule looks at.
#[derive(Debug)]
pub enum Subject<'s, 'a> {
    Dockerfile(&'s Dockerfile<'a>),
    Kubernetes(&'s Object<'a>),
    Inventory(&'s InventoryFile<'a>),
    /// One service of a Compose file, overrides and `extends` merged.
    Compose(&'s Service<'a>),
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
    Compose(fn(&Service<'_>, &mut Report<'_>)),
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

/// A finding as a rule reports it: which rule, where in the current file, what.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    /// The workload the finding belongs to, e.g. `Deployment shop/storefront`.
    pub workload: Option<String>,
    /// Where the finding is, independent of line numbers (`Deployment shop/web >
    /// spec.template.spec.containers[web].image`, `stage build > RUN[2]`): what a baseline
    /// matches on, so reformatting a file does not resurrect its findings.
    pub logical: Option<String>,
    /// Other places that explain the finding, each with what it is: the template line that
    /// rendered a value taken from `values.yaml`.
    pub related: Vec<(Span, String)>,
    /// The edits that fix it, when a rule knows them.
    pub fix: Option<Fix>,
}

/// Edits that fix a finding, all in the finding's file.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub safety: Safety,
    /// What the fix does, in a few words: "add `-y`".
    pub description: String,
    pub edits: Vec<Edit>,
}

/// Replace `span` by `text`: an insertion when the span is empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

impl Fix {
    /// One edit inserting `text` at `at`.
    pub fn insert(
        safety: Safety,
        description: impl Into<String>,
        at: usize,
        text: impl Into<String>,
    ) -> Fix {
        Fix::replace(safety, description, at..at, text)
    }

    /// One edit replacing `span` by `text`.
    pub fn replace(
        safety: Safety,
        description: impl Into<String>,
        span: Span,
        text: impl Into<String>,
    ) -> Fix {
        Fix {
            safety,
            description: description.into(),
            edits: vec![Edit {
                span,
                text: text.into(),
            }],
        }
    }
}

impl Finding {
    pub fn new(rule: &'static RuleMeta, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule,
            span,
            message: message.into(),
            help: None,
            workload: None,
            logical: None,
            related: Vec::new(),
            fix: None,
        }
    }

    /// Offers `fix` with the finding.
    pub fn fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
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
        compose::RULES,
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
            (Check::Compose(check), Subject::Compose(s)) => run(&|r| check(s, r)),
            (Check::Workload(check), Subject::Workload(w)) => run(&|r| check(w, r)),
            _ => {}
        }
    }
}

/// The rule table of the README: one row per rule, generated so it cannot go stale.
pub fn markdown_table() -> String {
    let mut table = String::from(
        "| ID | Name | Severity | Applies to | Aliases | Fix | What it flags |\n|---|---|---|---|---|---|---|\n",
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
            "| {}{opt_in} | {} | {} | {} | {} | {} | {} |\n",
            rule.id,
            rule.name,
            rule.severity,
            rule.applies_to.as_str(),
            aliases,
            rule.extra.fix.map_or("", Safety::as_str),
            rule.summary.replace('|', "\\|")
        ));
    }
    table
}
