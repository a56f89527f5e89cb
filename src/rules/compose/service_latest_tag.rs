//! C007 service-latest-tag: The service's image is untagged or `latest`, so what runs changes without a change to the file.

use crate::formats::compose::Service;
use crate::formats::image::ImageRef;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "C007",
    name: "service-latest-tag",
    severity: Severity::Warning,
    applies_to: AppliesTo::Compose,
    aliases: &["service-image-require-explicit-tag"],
    summary: "The service's image is untagged or `latest`, so what runs changes without a change to the file.",
    help: "Pin the image to a version tag, or better a digest (`image: nginx:1.27.2@sha256:...`).",
    doc: include_str!("../../../rules/compose/C007-service-latest-tag.md"),
    extra: Extra {
        security_severity: Some("3.0"),
        ..Extra::NONE
    },
};

pub fn check(service: &Service<'_>, report: &mut Report<'_>) {
    if service.get("build").is_some() {
        return;
    }
    let Some(entry) = service.get("image") else {
        return;
    };
    let Some(image) = entry.value.as_str() else {
        return;
    };
    if !image.contains("${") && ImageRef::parse(image).is_mutable() {
        report.at(
            entry.value.span.clone(),
            format!("image `{image}` of service `{}` is not pinned", service.name),
        );
    }
}
