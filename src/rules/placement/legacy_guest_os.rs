//! P202 legacy-guest-os: a VM whose guest OS is too old to containerise as it is
//! (CentOS/RHEL 5-6, Ubuntu 14.04 and older, Debian 7 and older, Windows Server before
//! 2016): old userlands break on the new host kernels containers share.

use crate::diagnostic::Severity;
use crate::model::{FactKind, OsFact, Platform};
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "P202",
    name: "legacy-guest-os",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The guest OS is too old for a container on a modern host kernel; the VM must stay or be rebuilt.",
    help: "Keep it as a VM until the application moves to a supported OS, then reassess.",
    doc: include_str!("../../../rules/placement/P202-legacy-guest-os.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Workload(workload) = subject else {
            return;
        };
        if workload.platform != Platform::Vm {
            return;
        }
        for (span, os) in workload.facts(|f| match f {
            FactKind::Os(os) => Some(os),
            _ => None,
        }) {
            if is_legacy(os) {
                let name = [os.distro.as_deref(), os.version.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>();
                report.at(
                    span.clone(),
                    format!("guest OS `{}` is too old to containerise", name.join(" ")),
                );
            }
        }
    }
}

/// Operating systems whose userland predates the kernels container hosts run.
pub fn is_legacy(os: &OsFact) -> bool {
    let written = [os.distro.as_deref(), os.version.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['-', '_'], " ");
    let Some(identified) = crate::os::identify(&written) else {
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
