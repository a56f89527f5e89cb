//! D001 untagged-base-image: a `FROM` image without a tag or digest.

use crate::rules::Severity;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D001",
    name: "untagged-base-image",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3006"],
    summary: "The base image has no tag or digest, so every build may pull a different image.",
    help: "Pin the base image to a version tag or a digest, e.g. `FROM ubuntu:24.04`.",
    doc: include_str!("../../../rules/dockerfile/D001-untagged-base-image.md"),
    extra: Extra {
        security_severity: Some("3.0"),
        ..Extra::NONE
    },
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for (image, span) in super::base_images(dockerfile) {
        if super::is_untagged(&image) {
            report.at(span, format!("base image `{image}` has no tag or digest"));
        }
    }
}
