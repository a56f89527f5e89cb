//! P106 docker-in-docker: a container that runs its own Docker daemon (a `docker:*-dind`
//! image or `dockerd`): a container host inside a container, which needs a VM's kernel.

use crate::rules::Severity;
use crate::model::FactKind;
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P106",
    name: "docker-in-docker",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The container runs a Docker daemon of its own (Docker-in-Docker).",
    help: "Build images with rootless BuildKit or Kaniko, or run the Docker host as a VM.",
    doc: include_str!("../../../rules/placement/P106-docker-in-docker.md"),
    extra: Extra {
        weight: Some(Weight::new(3, 3, 0)),
        ..Extra::NONE
    },
};

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if !super::judged_container(workload) {
        return;
    }
    for fact in &workload.facts {
        let message = match &fact.kind {
            FactKind::BaseImage(image) if is_dind_image(image) => {
                format!("`{image}` runs a Docker daemon inside the container")
            }
            FactKind::Init(command) | FactKind::Runs(command)
                if super::programs(command).contains(&"dockerd") =>
            {
                "`dockerd` runs a Docker daemon inside the container".to_string()
            }
            _ => continue,
        };
        report.at(fact.span.clone(), message);
    }
}

fn is_dind_image(image: &str) -> bool {
    let reference = crate::formats::image::ImageRef::parse(image);
    reference.short_name() == "docker" && reference.tag.is_some_and(|t| t.contains("dind"))
}
