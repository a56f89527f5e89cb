//! What a machine is attached to: disks, file systems and network mounts, network
//! adapters, USB devices and passthrough hardware.

use serde::{Deserialize, Serialize};

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
