//! K025 automount-service-account-token: the pod mounts an API token for the default service account, which it most likely does not use.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Safety};

pub static META: RuleMeta = RuleMeta {
    id: "K025",
    name: "automount-service-account-token",
    severity: Severity::Info,
    applies_to: AppliesTo::Kubernetes,
    aliases: &[],
    summary: "The pod mounts an API token for the default service account, which it most likely does not use.",
    help: "Set `automountServiceAccountToken: false` in the pod spec (or on the ServiceAccount).",
    doc: include_str!("../../../rules/kubernetes/K025-automount-service-account-token.md"),
    extra: Extra {
        fix: Some(Safety::Unsafe),
        ..Extra::NONE
    },
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let Some((object, pod)) = super::workload(object) else {
        return;
    };
    let account = pod
        .spec
        .service_account_name
        .as_deref()
        .or(pod.spec.service_account.as_deref())
        .unwrap_or("default");
    if account != "default" || pod.spec.automount_service_account_token == Some(false) {
        return;
    }
    let span = super::entry_span(pod.node, &["automountServiceAccountToken"])
        .unwrap_or_else(|| super::pod_key_span(object, pod));
    let finding = report.at(
        span,
        "the pod mounts a token for the `default` service account",
    );
    let keys = ["automountServiceAccountToken"];
    let why = (Safety::Unsafe, "set `automountServiceAccountToken: false`");
    if let Some(fix) = super::set_key(object.text, pod.node, &keys, "false", why) {
        finding.fix(fix);
    }
}
