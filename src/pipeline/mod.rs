//! Running the rules: which run at what severity ([`Settings`]), one file end to end
//! ([`check`]), every file of a run in parallel (`run_all`), the rules over the whole set
//! of files afterwards ([`check_set`]), suppressions (`suppress`), the configuration file
//! ([`config`]), baselines of accepted findings (`baseline`) and the index of Kubernetes
//! objects that set-level rules read (`objectset`).

pub(crate) mod baseline;
pub mod check;
pub mod check_set;
pub mod config;
pub mod fix;
pub(crate) mod objectset;
pub(crate) mod run_all;
pub(crate) mod suppress;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::formats::importers;
use crate::rules::{self, RuleMeta, Severity};
use config::RuleLevel;

/// Which rules run and at what severity.
#[derive(Debug, Default)]
pub struct Settings {
    /// Per-rule levels from the configuration file and the command line, by rule id.
    pub levels: HashMap<&'static str, RuleLevel>,
    /// When set, only these rules run (`--select`).
    pub selected: Option<Vec<&'static RuleMeta>>,
    /// Options of individual rules.
    pub options: rules::Options,
    /// Which spreadsheet columns hold which inventory fields.
    pub columns: importers::Columns,
    /// How Helm charts and kustomize overlays are rendered.
    pub render: Render,
}

/// How Helm charts and kustomize overlays are rendered before they are checked.
#[derive(Debug, Default, Clone)]
pub struct Render {
    /// Leave them unrendered, with a notice (`--no-render`).
    pub off: bool,
    /// `--values` files for `helm template`, in order: a later one wins.
    pub helm_values: Vec<PathBuf>,
    /// `--set` assignments for `helm template`.
    pub helm_set: Vec<String>,
}

impl Settings {
    /// The severity a rule reports at, or `None` when it is off.
    pub fn severity(&self, rule: &RuleMeta) -> Option<Severity> {
        let level = self.levels.get(rule.id);
        match &self.selected {
            Some(selected)
                if !selected.iter().any(|s| s.id == rule.id)
                    && rule.applies_to != rules::AppliesTo::Any =>
            {
                return None;
            }
            None if rules::is_opt_in(rule) && level.is_none() => return None,
            _ => {}
        }
        match level {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::Error) => Some(Severity::Error),
            Some(RuleLevel::Warning) => Some(Severity::Warning),
            Some(RuleLevel::Info) => Some(Severity::Info),
            None => Some(rule.severity),
        }
    }

    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        self.severity(rule).is_some()
    }
}
