//! D002 latest-base-image: a `FROM` image pinned to the moving `latest` tag.

use crate::diagnostic::Severity;
use crate::image::ImageRef;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "D002",
    name: "latest-base-image",
    severity: Severity::Warning,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3007"],
    summary: "The base image uses the `latest` tag, which moves with every release.",
    help: "Use a version tag or a digest instead of `latest`.",
    doc: include_str!("../../../rules/dockerfile/D002-latest-base-image.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Dockerfile(dockerfile) = subject else {
            return;
        };
        for (image, span) in super::base_images(dockerfile) {
            let reference = ImageRef::parse(&image);
            if reference.tag == Some("latest") && reference.digest.is_none() {
                report.at(span, format!("base image `{image}` uses the `latest` tag"));
            }
        }
    }
}
