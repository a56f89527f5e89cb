//! P111 unsandboxed-untrusted-code: a container that declares untrusted or multi-tenant
//! code or strong isolation (`realtor.dev/*` annotations) but runs on the shared kernel,
//! without a sandbox runtime (gVisor, Kata).

use crate::diagnostic::Severity;
use crate::model::FactKind;
use crate::rules::{AppliesTo, Report, RuleMeta, Subject};

pub struct Rule;

pub static META: RuleMeta = RuleMeta {
    id: "P111",
    name: "unsandboxed-untrusted-code",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The workload needs strong isolation (untrusted or multi-tenant code) but shares the host kernel.",
    help: "Set `runtimeClassName` to a gVisor (`runsc`) or Kata runtime class, or run the workload as a VM.",
    doc: include_str!("../../../rules/placement/P111-unsandboxed-untrusted-code.md"),
};

impl crate::rules::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_, '_>, report: &mut Report<'_>) {
        let Subject::Workload(workload) = subject else {
            return;
        };
        if !super::judged_container(workload)
            || workload
                .facts
                .iter()
                .any(|f| matches!(f.kind, FactKind::SandboxRuntime(_)))
        {
            return;
        }
        for (span, need) in workload.facts(|f| match f {
            FactKind::IsolationNeed(need) => Some(*need),
            _ => None,
        }) {
            report.at(
                span.clone(),
                format!(
                    "{} needs its own kernel, but the pod runs on the shared host kernel",
                    super::isolation_requirement::describe(need)
                ),
            );
        }
    }
}
