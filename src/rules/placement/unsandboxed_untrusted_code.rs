//! P111 unsandboxed-untrusted-code: a container that runs code from outside (an online
//! judge, a CI runner, a code-execution service, known by its image or its program) or
//! declares untrusted or multi-tenant code or strong isolation (`realtor.dev/*`
//! annotations), but runs on the shared kernel, without a sandbox runtime (gVisor, Kata).

use crate::rules::Severity;
use crate::model::FactKind;
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P111",
    name: "unsandboxed-untrusted-code",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The workload runs code from outside (a CI runner, an online judge) or needs strong isolation, but shares the host kernel.",
    help: "Set `runtimeClassName` to a gVisor (`runsc`) or Kata runtime class, or run the workload as a VM.",
    doc: include_str!("../../../rules/placement/P111-unsandboxed-untrusted-code.md"),
    extra: Extra {
        weight: Some(Weight::new(4, 1, 0)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if !super::judged_container(workload)
        || workload
            .facts
            .iter()
            .any(|f| matches!(f.kind, FactKind::SandboxRuntime(_)))
    {
        return;
    }
    for fact in &workload.facts {
        let runner = match &fact.kind {
            FactKind::BaseImage(image) => runner_image(image),
            FactKind::Package(name) | FactKind::Software(name) => RUNNER_IMAGES
                .iter()
                .chain(RUNNER_PROGRAMS)
                .find(|(runner, _)| runner == name),
            FactKind::Init(command) => super::programs(command)
                .into_iter()
                .find_map(|p| RUNNER_PROGRAMS.iter().find(|(name, _)| *name == p)),
            _ => None,
        };
        if let Some((name, what)) = runner {
            report.at(
                fact.span.clone(),
                format!(
                    "`{name}` is {what}: it runs code from outside on the shared host kernel"
                ),
            );
        }
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

/// Images of services that run code from outside: online judges, CI runners, code
/// execution engines, and what they are. A name matches any part of the repository path
/// (`judge0/compilers`, `gitlab/gitlab-runner`), alone or before a `-` suffix.
const RUNNER_IMAGES: &[(&str, &str)] = &[
    ("judge0", "an online judge"),
    ("judgehost", "an online judge's judging host"),
    ("dmoj", "an online judge"),
    ("piston", "a code-execution engine"),
    ("gitlab-runner", "a CI runner"),
    ("actions-runner", "a CI runner"),
    ("github-runner", "a CI runner"),
    ("buildkite-agent", "a CI runner"),
    ("act_runner", "a CI runner"),
    ("forgejo-runner", "a CI runner"),
    ("woodpecker-agent", "a CI runner"),
    ("drone-runner-docker", "a CI runner"),
];

/// Programs that run code from outside, and what they are.
const RUNNER_PROGRAMS: &[(&str, &str)] = &[
    ("judge0", "an online judge"),
    ("judgedaemon", "an online judge's judging daemon"),
    ("dmoj", "an online judge"),
    ("isolate", "the sandbox online judges run submissions in"),
    ("runguard", "the sandbox online judges run submissions in"),
    ("nsjail", "a sandbox for running untrusted programs"),
    ("gitlab-runner", "a CI runner"),
    ("Runner.Listener", "a CI runner"),
    ("buildkite-agent", "a CI runner"),
    ("act_runner", "a CI runner"),
    ("forgejo-runner", "a CI runner"),
    ("woodpecker-agent", "a CI runner"),
];

fn runner_image(image: &str) -> Option<&'static (&'static str, &'static str)> {
    let reference = crate::formats::image::ImageRef::parse(image);
    reference.name.split('/').find_map(|part| {
        RUNNER_IMAGES.iter().find(|(runner, _)| {
            part.strip_prefix(runner)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
        })
    })
}
