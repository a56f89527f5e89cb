//! D002 latest-base-image: a `FROM` image pinned to the moving `latest` tag.

use crate::rules::Severity;
use crate::formats::image::ImageRef;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D002",
    name: "latest-base-image",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3007"],
    summary: "The base image uses the `latest` tag, which moves with every release.",
    help: "Use a version tag or a digest instead of `latest`.",
    doc: include_str!("../../../rules/dockerfile/D002-latest-base-image.md"),
    extra: Extra {
        security_severity: Some("3.0"),
        ..Extra::NONE
    },
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    for (image, span) in super::base_images(dockerfile) {
        let reference = ImageRef::parse(&image);
        if reference.tag == Some("latest") && reference.digest.is_none() {
            report.at(span, format!("base image `{image}` uses the `latest` tag"));
        }
    }
}
