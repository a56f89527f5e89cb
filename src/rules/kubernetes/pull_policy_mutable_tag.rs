//! K026 pull-policy-mutable-tag: the image's tag moves (`latest` or none) but `imagePullPolicy` lets nodes keep a stale copy.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Fix, Report, RuleMeta, Safety};

use crate::formats::image::ImageRef;

pub static META: RuleMeta = RuleMeta {
    id: "K026",
    name: "pull-policy-mutable-tag",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &[],
    summary: "The image's tag moves (`latest` or none) but `imagePullPolicy` lets nodes keep a stale copy.",
    help: "Pin the image to a version or digest; failing that, use `imagePullPolicy: Always`.",
    doc: include_str!("../../../rules/kubernetes/K026-pull-policy-mutable-tag.md"),
    extra: Extra {
        fix: Some(Safety::Safe),
        ..Extra::NONE
    },
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((_, pod)) = super::workload(object) else {
        return;
    };
    for container in pod.containers() {
        let (Some(image), Some(policy)) =
            (container.image, container.spec.image_pull_policy.as_deref())
        else {
            continue;
        };
        if !matches!(policy, "IfNotPresent" | "Never") || !ImageRef::parse(image).is_mutable() {
            continue;
        }
        if let Some(span) = super::value_span(container.node, &["imagePullPolicy"]) {
            report
                .at(
                    span.clone(),
                    format!(
                        "`imagePullPolicy: {policy}` keeps whatever `{image}` a node pulled first"
                    ),
                )
                .fix(Fix::replace(
                    Safety::Safe,
                    "pull on every start: `Always`",
                    span,
                    "Always",
                ));
        }
    }
}
