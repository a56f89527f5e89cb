//! P107 eol-base-image: a container built on an OS release past its vendor's end of
//! support on the day of the run (`centos:7`, `ubuntu:bionic`, `alpine:3.18`): it gets no
//! security fixes. Releases so old their userland predates today's host kernels are
//! P113's finding instead.

use crate::rules::Severity;
use crate::model::FactKind;
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

use super::legacy_guest_os::{end_of_support, is_legacy, name};

pub static META: RuleMeta = RuleMeta {
    id: "P107",
    name: "eol-base-image",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The base image is an OS release past its vendor's end of support.",
    help: "Rebuild on a supported release of the distribution.",
    doc: include_str!("../../../rules/placement/P107-eol-base-image.md"),
    extra: Extra {
        weight: Some(Weight::new(2, 2, 1)),
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
        if let Some(ended) = end_of_support(os).filter(|_| !is_legacy(os)) {
            report.at(
                span.clone(),
                format!(
                    "base image OS `{}` is past its end of support ({ended})",
                    name(os)
                ),
            );
        }
    }
}
