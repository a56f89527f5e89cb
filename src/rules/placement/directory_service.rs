//! P208 directory-service: a VM that runs a directory service (Active Directory, LDAP,
//! Kerberos KDC): an infrastructure role containers cannot take (they cannot be domain-joined).

use crate::diagnostic::Severity;
use crate::model::{FactKind, Platform};
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "P208",
    name: "directory-service",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The VM runs a directory service (Active Directory, LDAP, Kerberos).",
    help: "Keep directory services on VMs; containerise the apps that use them (with gMSA on Windows).",
    doc: include_str!("../../../rules/placement/P208-directory-service.md"),
};

/// Service names of directory servers.
const DIRECTORY_SERVERS: &[&str] = &[
    "ntds",
    "adds",
    "slapd",
    "ns-slapd",
    "dirsrv",
    "samba-ad-dc",
    "krb5kdc",
];

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
        for (span, name) in workload.facts(|f| match f {
            FactKind::Service { name, kind, .. }
                if kind.as_deref() == Some("directory")
                    || DIRECTORY_SERVERS.contains(&name.to_ascii_lowercase().as_str()) =>
            {
                Some(name)
            }
            _ => None,
        }) {
            report.at(
                span.clone(),
                format!("`{name}` is a directory service: an infrastructure role for a VM"),
            );
        }
    }
}
