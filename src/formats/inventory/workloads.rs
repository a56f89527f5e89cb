//! What runs on a machine (services, software, kernel modules), its licences, and what it
//! requires of its platform (isolation, interactive logins, scaling, start-up time).

use serde::{Deserialize, Serialize};

#[cfg(test)]
use super::StringOrNumber;
use super::string_or_number;

/// What runs on a machine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Workloads {
    /// Long-running services the machine provides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<Service>>,
    /// Installed software of interest (runtimes, middleware, agents, drivers...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub software: Option<Vec<Software>>,
    /// Kernel modules the workload depends on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kernel_modules: Option<Vec<KernelModule>>,
    /// Whether the workload needs an interactive graphical desktop session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gui_session: Option<bool>,
}

/// A long-running service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Service {
    /// Service name, e.g. `nginx`.
    pub name: String,
    /// What kind of service it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ServiceKind>,
    /// Ports the service listens on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<Vec<u16>>,
    /// Whether the service keeps state on local disk that must survive restarts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stateful: Option<bool>,
}

/// What kind of service a service is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ServiceKind {
    Web,
    Api,
    Worker,
    Batch,
    Database,
    Cache,
    Queue,
    Directory,
    Desktop,
    Other,
}

/// An installed piece of software.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Software {
    /// Product name, e.g. `openjdk`.
    pub name: String,
    /// Version, e.g. `"17"`. Quote it: an unquoted number is accepted but read as a number, so `8.10` becomes `"8.1"`.
    #[serde(
        default,
        deserialize_with = "string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(test, schemars(with = "Option<StringOrNumber>"))]
    pub version: Option<String>,
    /// What kind of software it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SoftwareKind>,
}

/// What kind of software a piece of software is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum SoftwareKind {
    Runtime,
    Middleware,
    Database,
    Webserver,
    Agent,
    App,
    Driver,
}

/// A kernel module the workload depends on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct KernelModule {
    /// Module name, e.g. `pf_ring`.
    pub name: String,
    /// Whether the module ships with the mainline kernel (false: out-of-tree or vendor module).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_tree: Option<bool>,
}

/// A software licence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Licence {
    /// Licensed product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// Licensing model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<LicenceModel>,
    /// What the licence is tied to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound_to: Option<LicenceBinding>,
}

/// Licensing model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum LicenceModel {
    NodeLocked,
    PerCore,
    Subscription,
    Dongle,
}

/// What a licence is tied to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum LicenceBinding {
    /// A MAC address.
    Mac,
    /// A host id (e.g. FlexLM `hostid`).
    #[serde(rename = "hostid")]
    HostId,
    /// A hardware dongle.
    Dongle,
    /// Nothing machine-specific.
    None,
}

/// Operational and security requirements of the workload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Requirements {
    /// Isolation the workload needs from its neighbours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isolation: Option<Isolation>,
    /// Whether the machine serves several tenants that must not see each other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_tenant: Option<bool>,
    /// Whether the workload runs code supplied by untrusted parties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub untrusted_code: Option<bool>,
    /// How people log in to the machine interactively.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interactive_login: Option<InteractiveLogin>,
    /// Scaling needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaling: Option<Scaling>,
    /// Start-up time needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub startup: Option<Startup>,
    /// Compliance regimes that apply, e.g. `pci-dss`, `hipaa`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compliance: Option<Vec<String>>,
}

/// Isolation a workload needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Isolation {
    /// Process-level isolation is enough.
    Standard,
    /// Needs a separate kernel (a VM or a sandboxed runtime).
    Strong,
    /// Needs hardware of its own.
    DedicatedHardware,
}

/// How people log in to a machine interactively.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum InteractiveLogin {
    None,
    Rdp,
    Vnc,
    Console,
}

/// Scaling needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Scaling {
    /// Whether the workload must scale out and in with demand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elastic: Option<bool>,
}

/// Start-up time needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Startup {
    /// Longest acceptable time from start to ready, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_seconds: Option<u32>,
}
