//! P202 legacy-guest-os: a VM whose guest OS is past its vendor's end of support on the
//! day of the run (CentOS 7, Ubuntu 18.04, Windows Server 2012 R2, ...): it cannot move
//! to a container as it is. Also home of the two OS-age tests the P1xx rules share.

use crate::rules::Severity;
use crate::model::{FactKind, OsFact, Platform};
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P202",
    name: "legacy-guest-os",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The guest OS is past its vendor's end of support; the VM must stay a VM or be rebuilt.",
    help: "Keep it as a VM until the application moves to a supported OS, then reassess.",
    doc: include_str!("../../../rules/placement/P202-legacy-guest-os.md"),
    extra: Extra {
        weight: Some(Weight::new(4, 4, 1)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if workload.platform != Platform::Vm {
        return;
    }
    for (span, os) in workload.facts(|f| match f {
        FactKind::Os(os) => Some(os),
        _ => None,
    }) {
        if let Some(ended) = end_of_support(os) {
            report.at(
                span.clone(),
                format!(
                    "guest OS `{}` is past its end of support ({ended}): too old to containerise as it is",
                    name(os)
                ),
            );
        }
    }
}

/// `centos 7`, `ubuntu 14.04`: the distribution and release as the input wrote them.
pub fn name(os: &OsFact) -> String {
    [os.distro.as_deref(), os.version.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The vendor's end of standard support of the OS, when that date is past on the day of
/// the run (`crate::formats::os::today`).
pub fn end_of_support(os: &OsFact) -> Option<&'static str> {
    let identified = identified(os)?;
    crate::formats::os::ended(identified.distro?, identified.version.as_deref()?)
}

/// The OS as the shared OS table reads its name (`oracle-linux 6` as `oracle linux 6`).
fn identified(os: &OsFact) -> Option<crate::formats::os::OsInfo> {
    crate::formats::os::identify(&name(os).replace(['-', '_'], " "))
}

/// Operating systems whose userland predates the kernels container hosts run (glibc
/// before vsyscall-free kernels, SysV init scripts): CentOS/RHEL/Oracle 6 and older,
/// Ubuntu 14.04 and older, Debian 7 and older, SLES 11 and older, Windows before 2016.
pub fn is_legacy(os: &OsFact) -> bool {
    let Some(identified) = identified(os) else {
        return false;
    };
    let major = identified
        .version
        .as_deref()
        .and_then(|v| v.split(['.', ' ']).next()?.parse::<u32>().ok());
    match (identified.distro, major) {
        (Some("centos" | "rhel" | "oracle-linux"), Some(m)) => m <= 6,
        (Some("ubuntu"), Some(m)) => m <= 14,
        (Some("debian"), Some(m)) => m <= 7,
        (Some("sles"), Some(m)) => m <= 11,
        (Some("windows-server" | "windows"), Some(m)) => (2000..2016).contains(&m),
        _ => false,
    }
}
