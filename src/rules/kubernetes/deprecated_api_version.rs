//! K018 deprecated-api-version: the object uses an API version that Kubernetes has removed.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

/// Removed API versions: (apiVersion, kinds (all when empty), removed in, replacement).
const REMOVED: &[(&str, &[&str], &str, &str)] = &[
    (
        "extensions/v1beta1",
        &["Ingress"],
        "1.22",
        "networking.k8s.io/v1",
    ),
    (
        "extensions/v1beta1",
        &["NetworkPolicy"],
        "1.16",
        "networking.k8s.io/v1",
    ),
    (
        "extensions/v1beta1",
        &["PodSecurityPolicy"],
        "1.16",
        "Pod Security admission",
    ),
    ("extensions/v1beta1", &[], "1.16", "apps/v1"),
    ("apps/v1beta1", &[], "1.16", "apps/v1"),
    ("apps/v1beta2", &[], "1.16", "apps/v1"),
    (
        "networking.k8s.io/v1beta1",
        &["Ingress", "IngressClass"],
        "1.22",
        "networking.k8s.io/v1",
    ),
    ("batch/v1beta1", &["CronJob"], "1.25", "batch/v1"),
    ("batch/v2alpha1", &["CronJob"], "1.21", "batch/v1"),
    (
        "policy/v1beta1",
        &["PodDisruptionBudget"],
        "1.25",
        "policy/v1",
    ),
    (
        "policy/v1beta1",
        &["PodSecurityPolicy"],
        "1.25",
        "Pod Security admission",
    ),
    (
        "autoscaling/v2beta1",
        &["HorizontalPodAutoscaler"],
        "1.25",
        "autoscaling/v2",
    ),
    (
        "autoscaling/v2beta2",
        &["HorizontalPodAutoscaler"],
        "1.26",
        "autoscaling/v2",
    ),
    (
        "rbac.authorization.k8s.io/v1beta1",
        &[],
        "1.22",
        "rbac.authorization.k8s.io/v1",
    ),
    (
        "rbac.authorization.k8s.io/v1alpha1",
        &[],
        "1.22",
        "rbac.authorization.k8s.io/v1",
    ),
    (
        "apiextensions.k8s.io/v1beta1",
        &["CustomResourceDefinition"],
        "1.22",
        "apiextensions.k8s.io/v1",
    ),
    (
        "admissionregistration.k8s.io/v1beta1",
        &[],
        "1.22",
        "admissionregistration.k8s.io/v1",
    ),
    (
        "apiregistration.k8s.io/v1beta1",
        &["APIService"],
        "1.22",
        "apiregistration.k8s.io/v1",
    ),
    (
        "scheduling.k8s.io/v1beta1",
        &["PriorityClass"],
        "1.22",
        "scheduling.k8s.io/v1",
    ),
    (
        "storage.k8s.io/v1beta1",
        &["CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"],
        "1.22",
        "storage.k8s.io/v1",
    ),
    (
        "storage.k8s.io/v1beta1",
        &["CSIStorageCapacity"],
        "1.27",
        "storage.k8s.io/v1",
    ),
    (
        "certificates.k8s.io/v1beta1",
        &["CertificateSigningRequest"],
        "1.22",
        "certificates.k8s.io/v1",
    ),
    (
        "coordination.k8s.io/v1beta1",
        &["Lease"],
        "1.22",
        "coordination.k8s.io/v1",
    ),
    (
        "discovery.k8s.io/v1beta1",
        &["EndpointSlice"],
        "1.25",
        "discovery.k8s.io/v1",
    ),
    (
        "events.k8s.io/v1beta1",
        &["Event"],
        "1.25",
        "events.k8s.io/v1",
    ),
    (
        "node.k8s.io/v1beta1",
        &["RuntimeClass"],
        "1.25",
        "node.k8s.io/v1",
    ),
    (
        "flowcontrol.apiserver.k8s.io/v1beta1",
        &[],
        "1.26",
        "flowcontrol.apiserver.k8s.io/v1",
    ),
    (
        "flowcontrol.apiserver.k8s.io/v1beta2",
        &[],
        "1.29",
        "flowcontrol.apiserver.k8s.io/v1",
    ),
    (
        "flowcontrol.apiserver.k8s.io/v1beta3",
        &[],
        "1.32",
        "flowcontrol.apiserver.k8s.io/v1",
    ),
];

pub static META: RuleMeta = RuleMeta {
    id: "K018",
    name: "deprecated-api-version",
    severity: Severity::Error,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["no-extensions-v1beta"],
    summary: "The object uses an API version that Kubernetes has removed.",
    help: "Move the object to the API version the message names; `kubectl convert` helps.",
    doc: include_str!("../../../rules/kubernetes/K018-deprecated-api-version.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((_, _, removed, replacement)) = REMOVED.iter().find(|(version, kinds, _, _)| {
        *version == object.api_version && (kinds.is_empty() || kinds.contains(&object.kind))
    }) else {
        return;
    };
    if let Some(span) = super::value_span(object.node, &["apiVersion"]) {
        report.at(
            span,
            format!(
                "`{}` {} was removed in Kubernetes {removed}: use `{replacement}`",
                object.api_version, object.kind
            ),
        );
    }
}
