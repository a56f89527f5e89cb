//! K035 job-ttl-seconds-after-finished: a standalone Job is never cleaned up (no `ttlSecondsAfterFinished`), or a CronJob's Job sets one.

use crate::rules::Severity;
use crate::formats::kubernetes::Object;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "K035",
    name: "job-ttl-seconds-after-finished",
    severity: Severity::Info,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["job-ttl-seconds-after-finished"],
    summary: "A standalone Job is never cleaned up (no `ttlSecondsAfterFinished`), or a CronJob's Job sets one.",
    help: "Set `spec.ttlSecondsAfterFinished` on standalone Jobs; leave it out of a CronJob's `jobTemplate`.",
    doc: include_str!("../../../rules/kubernetes/K035-job-ttl-seconds-after-finished.md"),
    extra: Extra::NONE,
};

pub fn check(object: &Object<'_>, report: &mut Report<'_>) {
    let node = object.node;
    match object.kind {
        "Job" => {
            let Some(spec) = node.get("spec") else {
                return;
            };
            if spec.value.get("ttlSecondsAfterFinished").is_none() {
                report.at(
                    spec.key.span.clone(),
                    "the Job is never deleted after it finishes",
                );
            }
        }
        "CronJob" => {
            if let Some(span) = super::entry_span(
                node,
                &["spec", "jobTemplate", "spec", "ttlSecondsAfterFinished"],
            ) {
                report.at(
                    span,
                    "a TTL deletes the CronJob's Jobs behind its history limits",
                );
            }
        }
        _ => {}
    }
}
