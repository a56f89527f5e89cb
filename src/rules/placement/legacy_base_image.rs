//! P113 legacy-base-image: a container built on an OS so old (`centos:6`, `ubuntu:trusty`)
//! that its userland predates the host kernels containers share.

use crate::rules::Severity;
use crate::model::FactKind;
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

use super::legacy_guest_os::{is_legacy, name};

pub static META: RuleMeta = RuleMeta {
    id: "P113",
    name: "legacy-base-image",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The base image is an OS whose userland predates the host kernels containers share.",
    help: "Rebuild on a supported base image; if the app cannot leave the old OS, run it as a VM.",
    doc: include_str!("../../../rules/placement/P113-legacy-base-image.md"),
    extra: Extra {
        weight: Some(Weight::new(4, 4, 1)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if !super::judged_container(workload) {
        return;
    }
    for (span, os) in workload.facts(|f| match f {
        FactKind::Os(os) => Some(os),
        _ => None,
    }) {
        if is_legacy(os) {
            report.at(
                span.clone(),
                format!(
                    "base image OS `{}` is end-of-life and older than the host kernels it will share",
                    name(os)
                ),
            );
        }
    }
}
