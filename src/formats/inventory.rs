//! The native VM inventory format, schema v1 (`apiVersion: realtor.dev/v1`, `kind: Inventory`).
//!
//! This module owns the Rust types of the schema, their serde decoding and encoding, and
//! [`decode`], which turns a parsed YAML (or JSON) document into an [`Inventory`] while
//! collecting the paths of keys the schema does not know (the path tracking itself is shared
//! with other formats in [`crate::formats::decode`]). The published JSON Schema
//! (`schemas/inventory-v1.json`) is generated from these types by a unit test, and the
//! user-facing reference lives in `docs/inventory.md`.
//!
//! Unknown means unknown: every optional field is an `Option`, lists are `Option<Vec<_>>` so
//! that "not recorded" differs from "recorded as empty", and an absent flag is never `false`.

use std::collections::BTreeMap;
use std::fmt;

use crate::syntax::yaml::{Entry, Node, NodeKind, PathSegment};
use serde::{Deserialize, Deserializer, Serialize, de};

/// The only `apiVersion` this module decodes.
pub const API_VERSION: &str = "realtor.dev/v1";

/// The only `kind` this module decodes.
pub const KIND: &str = "Inventory";

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

/// Disks and network mounts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Storage {
    /// Virtual or physical disks attached to the machine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disks: Option<Vec<Disk>>,
    /// Network file systems mounted by the guest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_mounts: Option<Vec<NetworkMount>>,
    /// File systems the guest sees on its disks, as its tools report them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filesystems: Option<Vec<Filesystem>>,
}

/// A file system in the guest (a partition or volume).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Filesystem {
    /// Where it is mounted: `/`, `/data`, `C:\`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mount: Option<String>,
    /// Size in GiB.
    #[serde(
        rename = "capacityGiB",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub capacity_gib: Option<f64>,
    /// Space in use in GiB.
    #[serde(rename = "usedGiB", default, skip_serializing_if = "Option::is_none")]
    pub used_gib: Option<f64>,
}

/// A disk attached to the machine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Disk {
    /// Provisioned capacity in GiB.
    #[serde(
        rename = "capacityGiB",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub capacity_gib: Option<f64>,
    /// Snapshot behaviour of the disk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<DiskMode>,
    /// Raw device mapping: whether the disk is a raw LUN passed to the guest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rdm: Option<Rdm>,
    /// Whether the disk is shared with other machines (e.g. a cluster quorum disk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<bool>,
}

/// Snapshot behaviour of a disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DiskMode {
    /// Included in snapshots (the normal case).
    Dependent,
    /// Excluded from snapshots; changes are kept.
    IndependentPersistent,
    /// Excluded from snapshots; changes are discarded at power-off.
    IndependentNonpersistent,
}

/// Raw device mapping of a disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Rdm {
    /// An ordinary virtual disk.
    None,
    /// Virtual-compatibility RDM: a raw LUN the hypervisor still virtualises.
    Virtual,
    /// Physical-compatibility RDM: SCSI commands go straight to the LUN.
    Physical,
}

/// A network file system mounted by the guest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct NetworkMount {
    /// Protocol of the mount.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<NetworkMountType>,
    /// Remote export, e.g. `nas:/export/data` or `//fs01/share`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote: Option<String>,
    /// Mount point in the guest, e.g. `/mnt/data`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mount: Option<String>,
}

/// Protocol of a network mount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum NetworkMountType {
    Nfs,
    Cifs,
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

/// Attached USB devices and passthrough hardware.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Hardware {
    /// USB devices attached to the machine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usb_devices: Option<Vec<UsbDevice>>,
    /// Host devices passed through to the guest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passthrough: Option<Vec<Passthrough>>,
    /// Virtual network adapters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_adapters: Option<Vec<NetworkAdapter>>,
}

/// A virtual network adapter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct NetworkAdapter {
    /// Adapter model, e.g. `vmxnet3`, `virtio`, `e1000`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The network, port group, bridge or switch it is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// MAC address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mac: Option<String>,
    /// Whether it is connected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connected: Option<bool>,
}

/// A USB device attached to the machine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct UsbDevice {
    /// Free-form device type, e.g. `license-dongle`, `smartcard-reader`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Whether the device is currently connected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connected: Option<bool>,
}

/// A host device passed through to the guest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Passthrough {
    /// Kind of device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<PassthroughKind>,
    /// Device model, e.g. `NVIDIA A100`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
}

/// Kind of a passthrough device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum PassthroughKind {
    Gpu,
    Pci,
    Usb,
    Sriov,
    Serial,
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

pub use crate::formats::decode::DecodeError;

/// A decoded inventory and the keys in it that the schema does not know.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub inventory: Inventory,
    /// Paths of unknown keys, e.g. `machines[0].compute.vpcus`, in document order.
    pub unknown_keys: Vec<crate::formats::decode::KeyPath>,
}

/// Decodes a parsed YAML or JSON document as an inventory.
///
/// Besides the type checks of the schema, this checks `apiVersion` and `kind`, and that
/// every machine has a non-empty name. Keys the schema does not know are not errors: they
/// are returned in [`Decoded::unknown_keys`]. Duplicate machine names are not errors either
/// (rule V002 reports them).
pub fn decode(value: serde_yaml::Value) -> Result<Decoded, DecodeError> {
    checked(crate::formats::decode::decode(value)?)
}

fn checked(decoded: crate::formats::decode::Decoded<Inventory>) -> Result<Decoded, DecodeError> {
    check_machine_names(&decoded.value.machines)?;
    Ok(Decoded {
        inventory: decoded.value,
        unknown_keys: decoded.unknown_keys,
    })
}

/// Decodes an inventory's syntax tree directly, with no intermediate value tree: the header
/// once, then each machine on its own and in parallel. Errors and unknown keys carry the
/// same paths and messages as [`decode`] gives.
pub fn decode_tree(root: &Node) -> Result<Decoded, DecodeError> {
    use rayon::prelude::*;
    let machines = match root.get("machines").map(|e| &e.value.kind) {
        Some(NodeKind::Sequence(items)) => items,
        _ => return checked(crate::formats::decode::decode_node(root)?),
    };
    let header: Vec<Entry> = root
        .entries()
        .iter()
        .map(|e| Entry {
            key: e.key.clone(),
            value: match e.key.as_str() {
                Some("machines") => Node::new(NodeKind::Sequence(Vec::new()), e.value.span.clone()),
                _ => e.value.clone(),
            },
        })
        .collect();
    let header = Node::new(NodeKind::Mapping(header), root.span.clone());
    let header = crate::formats::decode::decode_node::<Inventory>(&header)?;
    let decoded: Vec<_> = machines
        .par_iter()
        .enumerate()
        .map(|(index, node)| {
            let prefix = [PathSegment::Key("machines"), PathSegment::Index(index)];
            match crate::formats::decode::decode_node::<Machine>(node) {
                Ok(machine) => Ok((
                    machine.value,
                    machine
                        .unknown_keys
                        .into_iter()
                        .map(|p| p.under(&prefix))
                        .collect::<Vec<_>>(),
                )),
                Err(error) => Err(DecodeError {
                    path: error.path.under(&prefix),
                    message: error.message,
                }),
            }
        })
        .collect();
    let mut inventory = header.value;
    let mut unknown_keys = header.unknown_keys;
    for machine in decoded {
        let (machine, unknown) = machine?;
        unknown_keys.extend(unknown);
        inventory.machines.push(machine);
    }
    check_machine_names(&inventory.machines)?;
    Ok(Decoded {
        inventory,
        unknown_keys,
    })
}

/// Checks that every machine has a non-empty name. Duplicate names decode; rule V002
/// (duplicate-machine) reports them with their position.
fn check_machine_names(machines: &[Machine]) -> Result<(), DecodeError> {
    match machines.iter().position(|m| m.name.trim().is_empty()) {
        Some(index) => Err(DecodeError {
            path: crate::formats::decode::KeyPath(vec![
                crate::formats::decode::Step::Key("machines".into()),
                crate::formats::decode::Step::Index(index),
                crate::formats::decode::Step::Key("name".into()),
            ]),
            message: "machine name must not be empty".to_owned(),
        }),
        None => Ok(()),
    }
}

fn api_version<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    expect_exact(deserializer, "apiVersion", API_VERSION)
}

fn kind<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    expect_exact(deserializer, "kind", KIND)
}

fn expect_exact<'de, D: Deserializer<'de>>(
    deserializer: D,
    key: &str,
    expected: &str,
) -> Result<String, D::Error> {
    let value = String::deserialize(deserializer)?;
    if value == expected {
        Ok(value)
    } else {
        Err(de::Error::custom(format_args!(
            "unsupported {key} `{value}`, expected `{expected}`"
        )))
    }
}

/// A string that may have been written as a bare YAML number (`version: 22.04`).
struct StringOrNumber(String);

impl<'de> Deserialize<'de> for StringOrNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl de::Visitor<'_> for Visitor {
            type Value = StringOrNumber;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string (quoted version) or a number")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(StringOrNumber(v.to_owned()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(StringOrNumber(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(StringOrNumber(v.to_string()))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(StringOrNumber(v.to_string()))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(StringOrNumber(v.to_string()))
            }
        }

        deserializer.deserialize_any(Visitor)
    }
}

/// A VM inventory file as inventory rules see it.
#[derive(Debug)]
pub struct InventoryFile<'a> {
    pub inventory: &'a Inventory,
    pub node: &'a crate::syntax::yaml::Node,
    /// Paths (relative to `node`) of keys the schema does not know.
    pub unknown_keys: &'a [crate::formats::decode::KeyPath],
}

#[cfg(test)]
impl schemars::JsonSchema for StringOrNumber {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "StringOrNumber".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["string", "number"] })
    }
}

/// Deserializes an optional string, accepting a bare number in its place.
fn string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(Option::<StringOrNumber>::deserialize(deserializer)?.map(|v| v.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(paths: &[crate::formats::decode::KeyPath]) -> Vec<String> {
        paths.iter().map(ToString::to_string).collect()
    }

    fn yaml(text: &str) -> serde_yaml::Value {
        serde_yaml::from_str::<serde_yaml::Value>(text).expect("test YAML parses")
    }

    fn fixture(name: &str) -> String {
        let path = format!("{}/fixtures/inventory/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
    }

    fn decode_str(text: &str) -> Result<Decoded, DecodeError> {
        decode(yaml(text))
    }

    const HEADER: &str = "apiVersion: realtor.dev/v1\nkind: Inventory\n";

    #[test]
    fn json_schema_is_up_to_date() {
        let schema = schemars::schema_for!(Inventory);
        let generated = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/inventory-v1.json");
        if std::env::var_os("REALTOR_BLESS").is_some_and(|v| v == "1") {
            std::fs::create_dir_all(std::path::Path::new(path).parent().unwrap()).unwrap();
            std::fs::write(path, &generated).unwrap();
            return;
        }
        let published = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            published == generated,
            "{path} is out of date; regenerate it with REALTOR_BLESS=1 cargo test --lib inventory"
        );
        let value: serde_json::Value = serde_json::from_str(&published).unwrap();
        assert_eq!(
            value["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(
            value["$id"],
            "https://realtor.dev/schemas/inventory-v1.json"
        );
        assert_eq!(value["title"], "realtor VM inventory v1");
    }

    #[test]
    fn the_tree_decodes_machine_by_machine_as_the_whole_value_does() {
        let text = format!(
            "{HEADER}typo: 1\nmachines:\n  - name: a\n    compute: {{vcpus: 2, colour: red}}\n  - name: b\n"
        );
        let file = crate::input::source::SourceFile::new("i.yaml", &text);
        let root = &crate::syntax::yaml::parse(&file).documents[0].root;
        let (whole, tree) = (decode(root.to_value()).unwrap(), decode_tree(root).unwrap());
        assert_eq!(whole.inventory, tree.inventory);
        assert_eq!(
            shown(&tree.unknown_keys),
            ["typo", "machines[0].compute.colour"]
        );
        let bad =
            format!("{HEADER}machines:\n  - name: a\n  - name: b\n    compute: {{vcpus: x}}\n");
        let file = crate::input::source::SourceFile::new("i.yaml", &bad);
        let root = &crate::syntax::yaml::parse(&file).documents[0].root;
        let error = decode_tree(root).unwrap_err();
        assert_eq!(error.path.to_string(), "machines[1].compute.vcpus");
        assert_eq!(error.message, decode(root.to_value()).unwrap_err().message);
    }

    #[test]
    fn full_fixture_decodes_every_field() {
        let decoded = decode(yaml(&fixture("full.yaml"))).unwrap();
        assert!(decoded.unknown_keys.is_empty());
        let inv = &decoded.inventory;
        assert_eq!(inv.api_version, API_VERSION);
        assert_eq!(inv.metadata.as_ref().unwrap().name, "dc-east");
        assert_eq!(inv.machines.len(), 1);
        let m = &inv.machines[0];
        let expected = Machine {
            name: "web-01".into(),
            id: Some("vm-4211".into()),
            platform: Some(Platform {
                hypervisor: Some(Hypervisor::Vmware),
                firmware: Some(Firmware::Efi),
            }),
            os: Some(Os {
                family: Some(OsFamily::Linux),
                distro: Some("ubuntu".into()),
                version: Some("22.04".into()),
                kernel: Some("5.15.0-91-generic".into()),
                arch: Some("x86_64".into()),
            }),
            compute: Some(Compute {
                vcpus: Some(4),
                memory_mib: Some(8192),
                sockets: Some(2),
                cores_per_socket: Some(2),
            }),
            storage: Some(Storage {
                disks: Some(vec![
                    Disk {
                        capacity_gib: Some(40.0),
                        mode: Some(DiskMode::Dependent),
                        rdm: Some(Rdm::None),
                        shared: Some(false),
                    },
                    Disk {
                        capacity_gib: Some(512.5),
                        mode: Some(DiskMode::IndependentPersistent),
                        rdm: Some(Rdm::Physical),
                        shared: Some(true),
                    },
                ]),
                network_mounts: Some(vec![NetworkMount {
                    kind: Some(NetworkMountType::Nfs),
                    remote: Some("nas:/export/www".into()),
                    mount: Some("/mnt/www".into()),
                }]),
                filesystems: Some(vec![Filesystem {
                    mount: Some("/".into()),
                    capacity_gib: Some(39.06),
                    used_gib: Some(12.0),
                }]),
            }),
            utilization: Some(Utilization {
                cpu_pct: Some(Percentiles {
                    avg: Some(5.0),
                    p95: Some(12.0),
                    max: Some(40.0),
                    current: None,
                }),
                mem_pct: Some(Percentiles {
                    avg: Some(30.0),
                    p95: Some(45.5),
                    max: Some(60.0),
                    current: Some(41.2),
                }),
            }),
            workloads: Some(Workloads {
                services: Some(vec![Service {
                    name: "nginx".into(),
                    kind: Some(ServiceKind::Web),
                    ports: Some(vec![80, 443]),
                    stateful: Some(false),
                }]),
                software: Some(vec![Software {
                    name: "openjdk".into(),
                    version: Some("17".into()),
                    kind: Some(SoftwareKind::Runtime),
                }]),
                kernel_modules: Some(vec![KernelModule {
                    name: "pf_ring".into(),
                    in_tree: Some(false),
                }]),
                gui_session: Some(false),
            }),
            hardware: Some(Hardware {
                usb_devices: Some(vec![UsbDevice {
                    kind: Some("license-dongle".into()),
                    connected: Some(true),
                }]),
                passthrough: Some(vec![Passthrough {
                    kind: Some(PassthroughKind::Gpu),
                    model: Some("NVIDIA A100".into()),
                }]),
                network_adapters: None,
            }),
            licensing: Some(vec![Licence {
                product: Some("AcmeCAD".into()),
                model: Some(LicenceModel::NodeLocked),
                bound_to: Some(LicenceBinding::HostId),
            }]),
            requirements: Some(Requirements {
                isolation: Some(Isolation::DedicatedHardware),
                multi_tenant: Some(false),
                untrusted_code: Some(false),
                interactive_login: Some(InteractiveLogin::Rdp),
                scaling: Some(Scaling {
                    elastic: Some(true),
                }),
                startup: Some(Startup {
                    max_seconds: Some(30),
                }),
                compliance: Some(vec!["pci-dss".into()]),
            }),
            tags: Some(BTreeMap::from([
                ("env".to_owned(), "prod".to_owned()),
                ("owner".to_owned(), "web-team".to_owned()),
            ])),
            ignore: Some(vec!["V001".into(), "unknown-key".into()]),
        };
        assert_eq!(m, &expected);
    }

    #[test]
    fn minimal_fixture_keeps_unknowns_unknown() {
        let decoded = decode(yaml(&fixture("minimal.yaml"))).unwrap();
        assert!(decoded.unknown_keys.is_empty());
        let machines = &decoded.inventory.machines;
        assert_eq!(machines.len(), 2);
        let web = &machines[0];
        assert_eq!(
            web.workloads
                .as_ref()
                .unwrap()
                .services
                .as_ref()
                .unwrap()
                .len(),
            1
        );
        assert!(web.utilization.is_some());
        let bare = &machines[1];
        assert_eq!(
            bare,
            &Machine {
                name: bare.name.clone(),
                id: None,
                platform: None,
                os: None,
                compute: None,
                storage: None,
                utilization: None,
                workloads: None,
                hardware: None,
                licensing: None,
                requirements: None,
                tags: None,
                ignore: None,
            }
        );
    }

    #[test]
    fn absent_and_empty_lists_differ() {
        let doc = format!(
            "{HEADER}machines:\n  - name: a\n    workloads: {{services: []}}\n  - name: b\n    workloads: {{}}\n"
        );
        let inv = decode_str(&doc).unwrap().inventory;
        assert_eq!(
            inv.machines[0].workloads.as_ref().unwrap().services,
            Some(vec![])
        );
        assert_eq!(inv.machines[1].workloads.as_ref().unwrap().services, None);
        assert_eq!(
            inv.machines[1].workloads.as_ref().unwrap().gui_session,
            None
        );
    }

    #[test]
    fn serialization_round_trips() {
        for name in ["full.yaml", "minimal.yaml"] {
            let original = decode(yaml(&fixture(name))).unwrap().inventory;
            let as_yaml = serde_yaml::to_string(&original).unwrap();
            let again = decode_str(&as_yaml).unwrap();
            assert_eq!(again.inventory, original, "{name} via YAML");
            assert!(again.unknown_keys.is_empty());
            let as_json = serde_json::to_string(&original).unwrap();
            assert_eq!(
                serde_json::from_str::<Inventory>(&as_json).unwrap(),
                original,
                "{name} via JSON"
            );
        }
        let bare = decode(yaml(&fixture("minimal.yaml"))).unwrap().inventory;
        let text = serde_yaml::to_string(&bare.machines[1]).unwrap();
        assert_eq!(
            text.trim(),
            "name: legacy-app-07",
            "None fields are not written"
        );
    }

    #[test]
    fn typo_is_reported_as_unknown_key_with_bracketed_path() {
        let doc = format!("{HEADER}machines:\n  - name: web-01\n    compute: {{vpcus: 4}}\n");
        let decoded = decode_str(&doc).unwrap();
        assert_eq!(
            shown(&decoded.unknown_keys),
            vec!["machines[0].compute.vpcus"]
        );
        assert_eq!(
            decoded.inventory.machines[0]
                .compute
                .as_ref()
                .unwrap()
                .vcpus,
            None
        );
    }

    #[test]
    fn unknown_keys_are_listed_in_document_order_at_every_depth() {
        let doc = format!(
            "{HEADER}spec: {{}}\nmachines:\n  - name: a\n    colour: red\n  - name: b\n    storage:\n      disks:\n        - capacityGiB: 1\n        - sizeGiB: 2\n"
        );
        let decoded = decode_str(&doc).unwrap();
        assert_eq!(
            shown(&decoded.unknown_keys),
            vec![
                "spec",
                "machines[0].colour",
                "machines[1].storage.disks[1].sizeGiB"
            ]
        );
    }

    #[test]
    fn type_error_reports_its_path() {
        let doc = format!("{HEADER}machines:\n  - name: web-01\n    compute: {{vcpus: four}}\n");
        let err = decode_str(&doc).unwrap_err();
        assert_eq!(err.path.to_string(), "machines[0].compute.vcpus");
        assert!(err.message.contains("invalid type"), "{}", err.message);
        assert!(err.to_string().starts_with("machines[0].compute.vcpus: "));
    }

    #[test]
    fn unknown_enum_value_reports_its_path() {
        let doc = format!(
            "{HEADER}machines:\n  - name: a\n  - name: b\n    storage: {{disks: [{{mode: sometimes}}]}}\n"
        );
        let err = decode_str(&doc).unwrap_err();
        assert_eq!(err.path.to_string(), "machines[1].storage.disks[0].mode");
        assert!(
            err.message.contains("independent_persistent"),
            "{}",
            err.message
        );
    }

    #[test]
    fn api_version_and_kind_must_match() {
        let err =
            decode_str("apiVersion: realtor.dev/v2\nkind: Inventory\nmachines: []\n").unwrap_err();
        assert_eq!(err.path.to_string(), "apiVersion");
        assert!(err.message.contains("realtor.dev/v1"), "{}", err.message);

        let err =
            decode_str("apiVersion: realtor.dev/v1\nkind: Deployment\nmachines: []\n").unwrap_err();
        assert_eq!(err.path.to_string(), "kind");

        let err = decode_str("kind: Inventory\nmachines: []\n").unwrap_err();
        assert_eq!(err.path.to_string(), ".");
        assert!(err.message.contains("apiVersion"), "{}", err.message);
    }

    #[test]
    fn machine_names_are_required_and_non_empty_but_may_repeat() {
        let err = decode_str(&format!("{HEADER}machines:\n  - id: x\n")).unwrap_err();
        assert_eq!(err.path.to_string(), "machines[0]");
        assert!(err.message.contains("name"), "{}", err.message);

        let err =
            decode_str(&format!("{HEADER}machines:\n  - name: a\n  - name: ' '\n")).unwrap_err();
        assert_eq!(err.path.to_string(), "machines[1].name");

        // Duplicates are left to rule V002 so that they get a precise position.
        let doc = format!("{HEADER}machines:\n  - name: a\n  - name: a\n");
        assert_eq!(decode_str(&doc).unwrap().inventory.machines.len(), 2);
    }

    #[test]
    fn versions_accept_numbers() {
        let doc = format!(
            "{HEADER}machines:\n  - name: a\n    os: {{version: 22.04}}\n    workloads: {{software: [{{name: java, version: 17}}]}}\n  - name: b\n    os: {{version: 8.10}}\n  - name: c\n    os: {{version: '8.10'}}\n  - name: d\n    os: {{version: null}}\n"
        );
        let inv = decode_str(&doc).unwrap().inventory;
        let version = |i: usize| inv.machines[i].os.as_ref().unwrap().version.clone();
        assert_eq!(version(0).as_deref(), Some("22.04"));
        assert_eq!(
            version(1).as_deref(),
            Some("8.1"),
            "unquoted 8.10 is the number 8.1"
        );
        assert_eq!(version(2).as_deref(), Some("8.10"));
        assert_eq!(version(3), None);
        let software = inv.machines[0]
            .workloads
            .as_ref()
            .unwrap()
            .software
            .as_ref()
            .unwrap();
        assert_eq!(software[0].version.as_deref(), Some("17"));

        let err = decode_str(&format!(
            "{HEADER}machines:\n  - name: a\n    os: {{version: [1]}}\n"
        ))
        .unwrap_err();
        assert_eq!(err.path.to_string(), "machines[0].os.version");
    }

    #[test]
    fn json_documents_decode_too() {
        let value: serde_yaml::Value = serde_json::from_str(
            r#"{"apiVersion":"realtor.dev/v1","kind":"Inventory","machines":[{"name":"a","compute":{"memoryMiB":1024}}]}"#,
        )
        .unwrap();
        let inv = decode(value).unwrap().inventory;
        assert_eq!(
            inv.machines[0].compute.as_ref().unwrap().memory_mib,
            Some(1024)
        );
    }
}
