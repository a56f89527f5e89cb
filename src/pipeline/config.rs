//! `.realtor.yaml`: found upward from the working directory (or named with `--config`),
//! decoded strictly. A bad key or value is an error at its position.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::formats::decode::{KeyPath, decode};
use crate::input::source::SourceFile;
use crate::rules::Severity;
use crate::rules::{self, RuleMeta};
use crate::syntax::yaml;

pub const FILE_NAME: &str = ".realtor.yaml";

/// The lowest severity that makes `realtor check` exit 1; `None` never fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Threshold {
    Error,
    Warning,
    Info,
    None,
}

impl Threshold {
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            Threshold::Error => severity >= Severity::Error,
            Threshold::Warning => severity >= Severity::Warning,
            Threshold::Info => true,
            Threshold::None => false,
        }
    }
}

/// A rule's severity, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Error,
    Warning,
    Info,
}

/// realtor configuration (`.realtor.yaml`).
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(
    test,
    derive(schemars::JsonSchema),
    schemars(
        title = "realtor configuration v1",
        extend("$id" = "https://realtor.dev/schemas/config-v1.json"),
        deny_unknown_fields
    )
)]
#[serde(rename_all = "kebab-case")]
struct ConfigFile {
    /// The lowest severity that makes `realtor check` exit 1 (default: warning).
    failure_threshold: Option<Threshold>,
    /// Severities by rule id, name or alias; `off` disables a rule.
    rules: Option<BTreeMap<String, RuleLevel>>,
    /// Globs of paths to leave out, matched against paths as shown.
    ignore_paths: Option<Vec<String>>,
    trusted_registries: Option<Vec<String>>,
    /// Which column of an inventory spreadsheet (CSV) holds which field, by header:
    /// `name: Nom`, `memory-gib: Mémoire`.
    inventory_columns: Option<BTreeMap<String, String>>,
    /// Render Helm charts and kustomize overlays with `helm template` and `kustomize
    /// build` when they are installed (default: true).
    render: Option<bool>,
    /// Values files for `helm template`, relative to this file; a later one wins.
    helm_values: Option<Vec<PathBuf>>,
    /// `KEY=VALUE` assignments for `helm template --set`.
    helm_set: Option<Vec<String>>,
}

/// What `realtor init` writes: every key, commented, with the defaults.
pub const TEMPLATE: &str = "\
# yaml-language-server: $schema=https://realtor.dev/schemas/config-v1.json
# realtor configuration: https://github.com/realtor-dev/realtor#configuration

# The lowest severity that makes `realtor check` exit 1: error, warning, info or none.
failure-threshold: warning

# Severities by rule id, name or alias (see `realtor rules`): error, warning, info or off.
rules: {}
#  K003: info
#  untagged-base-image: error
#  DL3025: off

# Globs of paths to leave out, matched against paths as shown.
ignore-paths: []
#  - \"vendor/**\"

# Which column of an inventory spreadsheet (CSV) holds which field, by header. Fields left
# out are guessed from common header names.
inventory-columns: {}
#  name: Nom
#  os: Système
#  vcpus: CPU
#  memory-gib: Mémoire

# Check Helm charts as `helm template` renders them and kustomize overlays as `kustomize
# build` (or `kubectl kustomize`) does, when those tools are installed.
render: true

# Values files (relative to this file) and KEY=VALUE assignments for `helm template`.
helm-values: []
#  - deploy/values-production.yaml
helm-set: []
#  - image.tag=1.4.2
";

/// The configuration in effect, with rule names resolved.
#[derive(Debug, Default)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub failure_threshold: Option<Threshold>,
    pub rules: Vec<(&'static RuleMeta, RuleLevel)>,
    pub ignore_paths: Vec<String>,
    /// Registries `FROM` may pull from; empty allows every registry.
    pub trusted_registries: Vec<String>,
    /// Which spreadsheet column holds which inventory field.
    pub columns: crate::formats::importers::Columns,
    /// `render: false`: leave charts and overlays unrendered.
    pub no_render: bool,
    /// Values files for `helm template`, resolved against the configuration's directory.
    pub helm_values: Vec<PathBuf>,
    pub helm_set: Vec<String>,
}

/// A configuration problem, placed in its file when it has one.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The nearest `.realtor.yaml` from `start` upward.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|p| p.is_file())
}

pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let display = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError(format!("{display}: cannot read: {e}")))?;
    let mut config = parse(&SourceFile::new(display, &text))?;
    let dir = path.parent().unwrap_or(Path::new(""));
    for values in &mut config.helm_values {
        *values = dir.join(&*values);
    }
    config.path = Some(path.to_path_buf());
    Ok(config)
}

pub fn parse(file: &SourceFile) -> Result<Config, ConfigError> {
    let at = |offset: usize, message: &str| {
        let position = file.position(offset);
        ConfigError(format!(
            "{}:{}:{}: {message}",
            file.path, position.line, position.column
        ))
    };
    let parsed = yaml::parse(file);
    if let Some(error) = parsed.error {
        return Err(at(error.span.start, &error.message));
    }
    let Some(document) = parsed.documents.first() else {
        return Ok(Config::default());
    };
    let root = &document.root;
    let key_of = |path: &KeyPath| {
        root.lookup(&path.segments())
            .and_then(|found| found.key)
            .map_or(root.span.start, |key| key.start)
    };
    let value_of = |path: &KeyPath| {
        root.lookup(&path.segments())
            .map_or(root.span.start, |found| found.node.span.start)
    };
    let decoded = decode::<ConfigFile>(root.to_value())
        .map_err(|e| at(value_of(&e.path), &format!("{}: {}", e.path, e.message)))?;
    if let Some(unknown) = decoded.unknown_keys.first() {
        return Err(at(
            key_of(unknown),
            &format!(
                "unknown key `{unknown}` (expected failure-threshold, rules, ignore-paths, trusted-registries, inventory-columns, render, helm-values or helm-set)"
            ),
        ));
    }
    let file_config = decoded.value;
    let mut resolved = Vec::new();
    for (name, level) in file_config.rules.unwrap_or_default() {
        let rule = rules::find(&name).ok_or_else(|| {
            let span = root
                .get("rules")
                .and_then(|r| r.value.get(&name))
                .map_or(0, |e| e.key.span.start);
            at(
                span,
                &format!("`{name}` is no rule of realtor (see `realtor rules`)"),
            )
        })?;
        resolved.push((rule, level));
    }
    let mut columns = crate::formats::importers::Columns::default();
    for (field, header) in file_config.inventory_columns.unwrap_or_default() {
        columns.insert(&field, &header).map_err(|message| {
            let span = root
                .get("inventory-columns")
                .and_then(|c| c.value.get(&field))
                .map_or(0, |e| e.key.span.start);
            at(span, &message)
        })?;
    }
    Ok(Config {
        path: None,
        columns,
        failure_threshold: file_config.failure_threshold,
        rules: resolved,
        ignore_paths: file_config.ignore_paths.unwrap_or_default(),
        trusted_registries: file_config.trusted_registries.unwrap_or_default(),
        no_render: file_config.render == Some(false),
        helm_values: file_config.helm_values.unwrap_or_default(),
        helm_set: file_config.helm_set.unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_schema_is_up_to_date() {
        let schema = schemars::schema_for!(super::ConfigFile);
        let generated = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/config-v1.json");
        if std::env::var_os("REALTOR_BLESS").is_some_and(|v| v == "1") {
            std::fs::write(path, &generated).unwrap();
            return;
        }
        let published = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            published == generated,
            "{path} is out of date; regenerate it with REALTOR_BLESS=1 cargo test --lib config"
        );
        let value: serde_json::Value = serde_json::from_str(&published).unwrap();
        assert_eq!(value["additionalProperties"], false);
        assert_eq!(value["$id"], "https://realtor.dev/schemas/config-v1.json");
        let keys: Vec<_> = value["properties"].as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "failure-threshold",
                "helm-set",
                "helm-values",
                "ignore-paths",
                "inventory-columns",
                "render",
                "rules",
                "trusted-registries"
            ]
        );
    }

    #[test]
    fn helm_values_are_read_relative_to_the_configuration() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(super::FILE_NAME);
        std::fs::write(
            &path,
            "render: false\nhelm-values: [deploy/prod.yaml]\nhelm-set: [image.tag=1.2.3]\n",
        )
        .unwrap();
        let config = super::load(&path).unwrap();
        assert!(config.no_render);
        assert_eq!(config.helm_values, [dir.path().join("deploy/prod.yaml")]);
        assert_eq!(config.helm_set, ["image.tag=1.2.3"]);
    }

    #[test]
    fn init_template_loads_with_its_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(super::FILE_NAME);
        std::fs::write(&path, super::TEMPLATE).unwrap();
        let config = super::load(&path).expect("the template loads");
        assert_eq!(config.failure_threshold, Some(super::Threshold::Warning));
        assert!(config.rules.is_empty() && config.ignore_paths.is_empty());
        let uncommented = super::TEMPLATE
            .replace("rules: {}", "rules:")
            .replace("ignore-paths: []", "ignore-paths:")
            .replace("inventory-columns: {}", "inventory-columns:")
            .replace("helm-values: []", "helm-values:")
            .replace("helm-set: []", "helm-set:")
            .replace("\n#  ", "\n  ");
        std::fs::write(&path, uncommented).unwrap();
        let config = super::load(&path).expect("the commented examples load");
        assert_eq!(config.rules.len(), 3);
        assert_eq!(config.ignore_paths, ["vendor/**"]);
        assert_eq!(config.columns.mapped.len(), 4);
    }

    use super::*;

    fn parse_text(text: &str) -> Result<Config, ConfigError> {
        parse(&SourceFile::new(".realtor.yaml", text))
    }

    #[test]
    fn reads_rules_by_id_or_name() {
        let config = parse_text(
            "failure-threshold: error\nrules:\n  K001: off\n  untagged-base-image: info\n",
        )
        .unwrap();
        assert_eq!(config.failure_threshold, Some(Threshold::Error));
        let ids: Vec<_> = config.rules.iter().map(|(r, l)| (r.id, *l)).collect();
        assert!(ids.contains(&("K001", RuleLevel::Off)));
        assert!(ids.contains(&("D001", RuleLevel::Info)));
        let config =
            parse_text("trusted-registries: [docker.io, registry.example.com:5000]\n").unwrap();
        assert_eq!(
            config.trusted_registries,
            ["docker.io", "registry.example.com:5000"]
        );
    }

    #[test]
    fn bad_keys_and_values_are_placed() {
        let error = parse_text("rules:\n  K001: off\nfailure-treshold: error\n").unwrap_err();
        assert!(
            error
                .0
                .starts_with(".realtor.yaml:3:1: unknown key `failure-treshold`"),
            "{}",
            error.0
        );
        let error = parse_text("rules:\n  K999: off\n").unwrap_err();
        assert!(error.0.starts_with(".realtor.yaml:2:3:"), "{}", error.0);
        let error = parse_text("failure-threshold: sometimes\n").unwrap_err();
        assert!(error.0.starts_with(".realtor.yaml:1:20:"), "{}", error.0);
    }
}
