//! The inventory and its machines: where each runs, its OS, its CPU and memory, and how
//! much of them it uses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[cfg(test)]
use super::{API_VERSION, KIND, StringOrNumber};
use super::{
    Hardware, Licence, Requirements, Storage, Workloads, api_version, kind, string_or_number,
};

/// A VM inventory: a named set of machines, each described as far as it is known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    test,
    derive(schemars::JsonSchema),
    schemars(
        title = "realtor VM inventory v1",
        extend("$id" = "https://realtor.dev/schemas/inventory-v1.json")
    )
)]
#[serde(rename_all = "camelCase")]
pub struct Inventory {
    /// Schema version; must be `realtor.dev/v1`.
    #[serde(deserialize_with = "api_version")]
    #[cfg_attr(test, schemars(extend("const" = API_VERSION)))]
    pub api_version: String,
    /// Document kind; must be `Inventory`.
    #[serde(deserialize_with = "kind")]
    #[cfg_attr(test, schemars(extend("const" = KIND)))]
    pub kind: String,
    /// Information about the inventory as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// The machines (VMs or physical hosts) in this inventory; each name should be unique.
    pub machines: Vec<Machine>,
}

/// Information about the inventory as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// Name of the inventory, e.g. the site or data centre it describes.
    pub name: String,
}

/// One virtual or physical machine and what is known about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Machine {
    /// Machine name, non-empty and unique within the file; findings are reported against it.
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub name: String,
    /// Optional stable key (e.g. a hypervisor UUID or CMDB id) that survives renames.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Where the machine runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    /// Guest operating system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<Os>,
    /// Allocated CPU and memory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compute: Option<Compute>,
    /// Disks and network mounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<Storage>,
    /// Observed CPU and memory utilisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utilization: Option<Utilization>,
    /// What runs on the machine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workloads: Option<Workloads>,
    /// Attached USB devices, passthrough hardware and network adapters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hardware: Option<Hardware>,
    /// Software licences and what they are bound to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licensing: Option<Vec<Licence>>,
    /// Operational and security requirements of the workload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirements: Option<Requirements>,
    /// Free-form string labels, e.g. `env: prod`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<BTreeMap<String, String>>,
    /// Rule ids or names (e.g. `V001`, `unknown-key`) suppressed for this machine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore: Option<Vec<String>>,
}

/// Where a machine runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Platform {
    /// Hypervisor or cloud the machine runs on; `physical` for bare metal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hypervisor: Option<Hypervisor>,
    /// Boot firmware.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firmware: Option<Firmware>,
}

/// Hypervisor or cloud a machine runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Hypervisor {
    Vmware,
    Kvm,
    Hyperv,
    Xen,
    Virtualbox,
    Aws,
    Azure,
    Gcp,
    Physical,
    Other,
}

/// Boot firmware.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Firmware {
    Bios,
    Efi,
}

/// Guest operating system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Os {
    /// Operating system family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<OsFamily>,
    /// Distribution or edition, e.g. `ubuntu`, `rhel`, `windows-server`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distro: Option<String>,
    /// OS version, e.g. `"22.04"`. Quote it: an unquoted number is accepted but read as a number, so `8.10` becomes `"8.1"`.
    #[serde(
        default,
        deserialize_with = "string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(test, schemars(with = "Option<StringOrNumber>"))]
    pub version: Option<String>,
    /// Kernel release, e.g. `5.15.0-91-generic`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kernel: Option<String>,
    /// CPU architecture, e.g. `x86_64`, `aarch64`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arch: Option<String>,
}

/// Operating system family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum OsFamily {
    Linux,
    Windows,
    Unix,
    Bsd,
    Other,
}

/// Allocated CPU and memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Compute {
    /// Number of virtual CPUs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vcpus: Option<u32>,
    /// Allocated memory in MiB.
    #[serde(rename = "memoryMiB", default, skip_serializing_if = "Option::is_none")]
    pub memory_mib: Option<u64>,
    /// Virtual CPU sockets the vCPUs are spread over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sockets: Option<u32>,
    /// Cores per virtual socket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cores_per_socket: Option<u32>,
}

/// Observed utilisation, as percentages of the allocation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Utilization {
    /// CPU utilisation in percent of the allocated vCPUs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_pct: Option<Percentiles>,
    /// Memory utilisation in percent of the allocated memory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mem_pct: Option<Percentiles>,
}

/// Summary statistics of a utilisation series, in percent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Percentiles {
    /// Mean over the observation period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avg: Option<f64>,
    /// 95th percentile over the observation period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p95: Option<f64>,
    /// Peak over the observation period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// One sample taken when the inventory was exported (RVTools' active memory). It says
    /// nothing about peaks, so the advisor does not size from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<f64>,
}
