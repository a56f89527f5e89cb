//! P107 eol-base-image: a container built on an end-of-life base image (`centos:6`,
//! `ubuntu:14.04`, ...): its old userland breaks on the new host kernels containers share.

use crate::diagnostic::Severity;
use crate::model::FactKind;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "P107",
    name: "eol-base-image",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The base image is an end-of-life OS whose userland predates the host kernels containers share.",
    help: "Rebuild on a supported base image; if the app cannot leave the old OS, run it as a VM.",
    doc: include_str!("../../../rules/placement/P107-eol-base-image.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Workload(workload) = subject else {
            return;
        };
        if !super::judged_container(workload) {
            return;
        }
        for (span, os) in workload.facts(|f| match f {
            FactKind::Os(os) => Some(os),
            _ => None,
        }) {
            if super::legacy_guest_os::is_legacy(os) {
                let name = [os.distro.as_deref(), os.version.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                report.at(
                    span.clone(),
                    format!("base image OS `{name}` is end-of-life and older than the host kernels it will share"),
                );
            }
        }
    }
}
