//! The common workload model every input is reduced to, so placement rules and the
//! advisor judge Dockerfiles, manifests and VM inventories alike. Every fact carries the
//! span (in the workload's file) that proves it.

pub mod extract;
mod node_agent;
pub(crate) mod objects;

use crate::input::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Container,
    Vm,
}

#[derive(Debug, Clone)]
pub struct Workload {
    /// `storefront`, a Dockerfile's path, or a machine's name.
    pub name: String,
    /// `Deployment`, `Dockerfile`, `VirtualMachine`, ...
    pub kind: String,
    pub namespace: Option<String>,
    /// Where the workload is declared.
    pub span: Span,
    pub platform: Platform,
    pub facts: Vec<Fact>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub span: Span,
    pub kind: FactKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FactKind {
    /// The image a container starts from, `ARG` defaults resolved.
    BaseImage(String),
    /// The guest or base operating system as far as it is known.
    Os(OsFact),
    /// The command line of PID 1 (`ENTRYPOINT`/`CMD`, or `command`/`args`).
    Init(String),
    /// A command run when building or starting the workload.
    Runs(String),
    /// An OS package the build installs (`apt-get install openssh-server`).
    Package(String),
    /// A program the build puts in the image other than through a package manager, by
    /// name: a downloaded release archive (`curl -o r.tgz
    /// .../actions-runner-linux-x64-2.3.tar.gz` is `actions-runner`) or a file copied to
    /// a program's path (`COPY runner /usr/bin/gitlab-runner` is `gitlab-runner`).
    Software(String),
    /// A service the build enables or starts as a machine's boot would
    /// (`systemctl enable ssh`, `update-rc.d x defaults`, `/etc/init.d/x start`).
    BootService(String),
    ExposedPort(u16),
    /// The image's SSH server forces `internal-sftp` on every login (`ForceCommand
    /// internal-sftp` in the `sshd_config` it copies in or writes): file transfer, no
    /// shell logins. The text says where the setting comes from.
    SftpOnly(String),
    Privileged,
    HostNamespace(HostNamespace),
    HostPath {
        path: String,
        read_only: bool,
    },
    AddedCapability(String),
    /// A `realtor.dev/*` annotation or inventory requirement about isolation.
    IsolationNeed(IsolationNeed),
    /// A sandboxing runtime class such as gVisor or Kata.
    SandboxRuntime(String),
    Service {
        name: String,
        kind: Option<String>,
        stateful: Option<bool>,
    },
    KernelModule {
        name: String,
        in_tree: Option<bool>,
    },
    Passthrough(String),
    /// Licence bound to hardware identity (MAC, host id, dongle).
    HardwareBoundLicence(String),
    Vcpus(u32),
    MemoryMiB(u64),
    /// Peak (p95, else max) CPU and memory utilisation in percent.
    CpuPeakPct(f64),
    MemPeakPct(f64),
    /// Which statistic the peak utilisation facts are: `p95`, or `max` when no p95 is known.
    PeakBasis(&'static str),
    GuiSession,
    SharedDisk,
    /// A disk's capacity in GiB.
    DiskGiB(f64),
    /// How people log in interactively (`rdp`, `vnc`, `console`).
    InteractiveLogin(String),
    /// The pod's `priorityClassName`.
    PriorityClass(String),
    /// A volume whose data outlives the pod: a PersistentVolumeClaim, a StatefulSet claim
    /// template, or a network or cloud disk (NFS, CSI, Cinder, EBS, ...).
    PersistentVolume,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostNamespace {
    Network,
    Pid,
    Ipc,
}

impl HostNamespace {
    pub fn key(self) -> &'static str {
        match self {
            HostNamespace::Network => "hostNetwork",
            HostNamespace::Pid => "hostPID",
            HostNamespace::Ipc => "hostIPC",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IsolationNeed {
    Strong,
    UntrustedCode,
    MultiTenant,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct OsFact {
    pub family: Option<String>,
    pub distro: Option<String>,
    pub version: Option<String>,
}

impl Workload {
    pub fn add(&mut self, span: Span, kind: FactKind) {
        self.facts.push(Fact { span, kind });
    }

    pub fn facts<'a, T: 'a>(
        &'a self,
        pick: impl Fn(&'a FactKind) -> Option<T> + 'a,
    ) -> impl Iterator<Item = (&'a Span, T)> + 'a {
        self.facts
            .iter()
            .filter_map(move |f| pick(&f.kind).map(|t| (&f.span, t)))
    }

    /// `Deployment shop/storefront`, `Dockerfile`, `VirtualMachine web-01`.
    pub fn label(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{} {}/{}", self.kind, ns, self.name),
            None => format!("{} {}", self.kind, self.name),
        }
    }
}
