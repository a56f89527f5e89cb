//! P208 directory-service: a VM that runs a directory service (Active Directory, LDAP,
//! Kerberos KDC): an infrastructure role containers cannot take (they cannot be domain-joined).

use crate::rules::Severity;
use crate::model::{FactKind, Platform};
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P208",
    name: "directory-service",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The VM runs a directory service (Active Directory, LDAP, Kerberos).",
    help: "Keep directory services on VMs; containerise the apps that use them (with gMSA on Windows).",
    doc: include_str!("../../../rules/placement/P208-directory-service.md"),
    extra: Extra {
        weight: Some(Weight::new(5, 5, 0)),
        ..Extra::NONE
    },
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

pub fn check(workload: &Workload, report: &mut Report<'_>) {
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
