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

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>);
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
    &dockerfile::sudo::Rule,
    &dockerfile::cd_in_run::Rule,
    &dockerfile::apt_command::Rule,
    &dockerfile::unpinned_apt_package::Rule,
    &dockerfile::unpinned_apk_package::Rule,
    &dockerfile::unpinned_pip_package::Rule,
    &dockerfile::unpinned_npm_package::Rule,
    &dockerfile::unpinned_gem::Rule,
    &dockerfile::unpinned_go_install::Rule,
    &dockerfile::unpinned_yum_package::Rule,
    &dockerfile::unpinned_dnf_package::Rule,
    &dockerfile::unpinned_zypper_package::Rule,
    &dockerfile::apt_install_recommends::Rule,
    &dockerfile::apt_lists_not_deleted::Rule,
    &dockerfile::apk_cache::Rule,
    &dockerfile::pip_cache::Rule,
    &dockerfile::apt_get_yes::Rule,
    &dockerfile::yum_yes::Rule,
    &dockerfile::dnf_yes::Rule,
    &dockerfile::zypper_non_interactive::Rule,
    &dockerfile::yum_clean::Rule,
    &dockerfile::dnf_clean::Rule,
    &dockerfile::zypper_clean::Rule,
    &dockerfile::pipefail::Rule,
    &dockerfile::wget_and_curl::Rule,
    &dockerfile::useradd_high_uid::Rule,
    &dockerfile::tls_verification_disabled::Rule,
    &dockerfile::curl_pipe_shell::Rule,
    &dockerfile::hard_coded_password::Rule,
    &dockerfile::add_local_files::Rule,
    &dockerfile::copy_from_unknown_stage::Rule,
    &dockerfile::copy_from_own_stage::Rule,
    &dockerfile::duplicate_stage_name::Rule,
    &dockerfile::untrusted_registry::Rule,
    &dockerfile::copy_relative_without_workdir::Rule,
    &dockerfile::multiple_cmd::Rule,
    &dockerfile::multiple_entrypoint::Rule,
    &dockerfile::multiple_healthcheck::Rule,
    &dockerfile::expose_port_range::Rule,
    &dockerfile::secret_in_arg_env::Rule,
    &dockerfile::container_irrelevant_command::Rule,
    &dockerfile::copy_multiple_sources::Rule,
    &dockerfile::from_platform_flag::Rule,
    &dockerfile::zypper_dist_upgrade::Rule,
    &dockerfile::wget_progress::Rule,
    &dockerfile::consecutive_run::Rule,
    &dockerfile::yarn_cache::Rule,
    &dockerfile::link_bin_sh::Rule,
    &dockerfile::reserved_stage_name::Rule,
    &dockerfile::redundant_target_platform::Rule,
    &dockerfile::onbuild_trigger::Rule,
    &dockerfile::env_self_reference::Rule,
    &dockerfile::copy_whole_filesystem::Rule,
    &dockerfile::non_numeric_user::Rule,
    &dockerfile::invalid_label_key::Rule,
    &dockerfile::instruction_order::Rule,
    &kubernetes::privileged_container::Rule,
    &kubernetes::privilege_escalation::Rule,
    &kubernetes::run_as_non_root::Rule,
    &kubernetes::host_network::Rule,
    &kubernetes::host_pid::Rule,
    &kubernetes::host_ipc::Rule,
    &kubernetes::latest_tag::Rule,
    &kubernetes::unknown_field::Rule,
    &kubernetes::no_read_only_root_fs::Rule,
    &kubernetes::drop_net_raw::Rule,
    &kubernetes::docker_sock::Rule,
    &kubernetes::sensitive_host_mounts::Rule,
    &kubernetes::unsafe_sysctls::Rule,
    &kubernetes::unset_cpu_requirements::Rule,
    &kubernetes::unset_memory_requirements::Rule,
    &kubernetes::no_anti_affinity::Rule,
    &kubernetes::mismatching_selector::Rule,
    &kubernetes::deprecated_api_version::Rule,
    &kubernetes::env_var_secret::Rule,
    &kubernetes::writable_host_mount::Rule,
    &kubernetes::unsafe_proc_mount::Rule,
    &kubernetes::dangerous_capabilities::Rule,
    &kubernetes::no_liveness_probe::Rule,
    &kubernetes::no_readiness_probe::Rule,
    &kubernetes::automount_service_account_token::Rule,
    &kubernetes::pull_policy_mutable_tag::Rule,
    &kubernetes::host_port::Rule,
    &kubernetes::seccomp_profile_unset::Rule,
    &kubernetes::run_as_user_root::Rule,
    &kubernetes::dangling_service::Rule,
    &kubernetes::non_existent_service_account::Rule,
    &kubernetes::duplicate_env_var::Rule,
    &kubernetes::deprecated_service_account_field::Rule,
    &kubernetes::probe_port::Rule,
    &kubernetes::job_ttl_seconds_after_finished::Rule,
    &kubernetes::invalid_port_name::Rule,
    &inventory::unknown_key::Rule,
    &inventory::duplicate_machine::Rule,
    &inventory::missing_os::Rule,
    &placement::init_system::Rule,
    &placement::sshd::Rule,
    &placement::kernel_modules::Rule,
    &placement::host_control::Rule,
    &placement::os_services::Rule,
    &placement::docker_in_docker::Rule,
    &placement::eol_base_image::Rule,
    &placement::windows_server_image::Rule,
    &placement::desktop_session::Rule,
    &placement::keep_alive::Rule,
    &placement::unsandboxed_untrusted_code::Rule,
    &placement::database_without_volume::Rule,
    &placement::legacy_base_image::Rule,
    &placement::ssh_server::Rule,
    &placement::machine_software::Rule,
    &placement::container_candidate::Rule,
    &placement::legacy_guest_os::Rule,
    &placement::unsupported_guest_os::Rule,
    &placement::desktop_guest::Rule,
    &placement::out_of_tree_module::Rule,
    &placement::device_passthrough::Rule,
    &placement::hardware_bound_licence::Rule,
    &placement::directory_service::Rule,
    &placement::shared_disk::Rule,
    &placement::large_database::Rule,
    &placement::isolation_requirement::Rule,
    &placement::stateful_service::Rule,
    &placement::infrastructure_role::Rule,
];

pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    REGISTRY.iter().map(|r| r.meta())
}

/// Rules that are off unless chosen: named in `--select` (by id, name, alias, prefix or
/// `ALL`) or given a level in `.realtor.yaml`. Each is a matter of house style or right only
/// for some workloads, and the first that users of hadolint and kube-linter switch off:
/// D052 (consecutive `RUN`s: layer count is a trade-off, and hadolint reports it as info),
/// D061 (label key format), K023 and K024 (probes: Jobs, workers and sidecars have no
/// endpoint to probe) and K028 (seccomp: clusters can default it with the kubelet's
/// `--seccomp-default`).
pub const OPT_IN: &[&str] = &["D052", "D061", "K023", "K024", "K028"];

/// Whether a rule is off unless chosen (see [`OPT_IN`]).
pub fn is_opt_in(rule: &RuleMeta) -> bool {
    OPT_IN.contains(&rule.id)
}

/// The rule an id, name or alias names.
pub fn find(name: &str) -> Option<&'static RuleMeta> {
    all().find(|m| m.is_named(name))
}

/// Run every rule that applies to `subject`, filtered by `enabled`.
pub fn run(
    subject: &Subject<'_, '_>,
    enabled: &dyn Fn(&RuleMeta) -> bool,
    options: &Options,
    out: &mut Vec<Finding>,
) {
    let applies = match subject {
        Subject::Dockerfile(_) => AppliesTo::Dockerfile,
        Subject::Kubernetes(_) | Subject::ObjectSet(_) => AppliesTo::Kubernetes,
        Subject::Inventory(_) => AppliesTo::Inventory,
        Subject::Workload(_) => AppliesTo::Workload,
    };
    for rule in REGISTRY {
        let meta = rule.meta();
        if meta.applies_to == applies && enabled(meta) {
            rule.check(subject, &mut Report::new(meta, options, out));
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
