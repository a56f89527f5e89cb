//! K007 latest-tag: a container image without a tag or digest, or on `latest`.

use crate::rules::Severity;
use crate::formats::image::ImageRef;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K007",
    name: "latest-tag",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["latest-tag"],
    summary: "The container image is untagged or uses `latest`, so each pull may run different code.",
    help: "Pin the image to a version tag or a digest.",
    doc: include_str!("../../../rules/kubernetes/K007-latest-tag.md"),
    extra: Extra {
        security_severity: Some("3.0"),
        ..Extra::NONE
    },
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some(pod) = &object.pod else { return };
    for container in pod.containers() {
        let Some(image) = container.image else {
            continue;
        };
        if ImageRef::parse(image).is_mutable()
            && let Some(span) = super::value_span(container.node, &["image"])
        {
            report.at(
                span,
                format!(
                    "image `{image}` of container `{}` is not pinned",
                    container.name
                ),
            );
        }
    }
}
