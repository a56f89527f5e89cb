//! P112 database-without-volume: a pod-bearing workload that runs a database server image
//! but keeps its data on no persistent volume: the data dies with the pod. A database in a
//! StatefulSet with a claim template (or any pod with a PVC or a network disk) is fine on
//! Kubernetes.

use crate::rules::Severity;
use crate::formats::image::ImageRef;
use crate::model::FactKind;
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P112",
    name: "database-without-volume",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "A database runs in a pod without a PersistentVolumeClaim, so its data dies with the pod.",
    help: "Run it as a StatefulSet with `volumeClaimTemplates`, or use a managed database.",
    doc: include_str!("../../../rules/placement/P112-database-without-volume.md"),
    extra: Extra {
        weight: Some(Weight::new(2, 2, 0)),
        ..Extra::NONE
    },
};

/// Images of databases that keep their data on local disk.
const DATABASE_IMAGES: &[&str] = &[
    "postgres",
    "postgresql",
    "mysql",
    "mariadb",
    "mongo",
    "mongodb",
    "cassandra",
    "elasticsearch",
    "opensearch",
    "couchdb",
    "neo4j",
    "influxdb",
    "cockroach",
    "mssql-server",
    "clickhouse-server",
];

/// Programs that start the database server itself (rather than a client such as `psql`).
const SERVER_PROGRAMS: &[&str] = &[
    "docker-entrypoint.sh",
    "postgres",
    "mysqld",
    "mariadbd",
    "mongod",
    "cassandra",
    "elasticsearch",
    "opensearch",
    "couchdb",
    "neo4j",
    "influxd",
    "cockroach",
    "clickhouse-server",
];

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    // A Dockerfile cannot know where its container's data will live.
    if !super::judged_container(workload)
        || workload.kind == "Dockerfile"
        || workload
            .facts
            .iter()
            .any(|f| f.kind == FactKind::PersistentVolume)
        || runs_a_client(workload)
    {
        return;
    }
    for (span, image) in workload.facts(|f| match f {
        FactKind::BaseImage(image) => Some(image),
        _ => None,
    }) {
        let name = ImageRef::parse(image).short_name();
        if DATABASE_IMAGES.contains(&name) {
            let (place, holder) = match workload.kind.as_str() {
                "ComposeService" => ("container", "volume"),
                _ => ("pod", "PersistentVolumeClaim"),
            };
            report.at(
                span.clone(),
                format!("`{name}` keeps its data in the {place}, and no {holder} holds it"),
            );
        }
    }
}

/// Whether the pod overrides a database image's command with something other than the
/// server (`sleep`, `psql`, a script): it uses the image as a client. Arguments alone
/// (`--max-connections=200`) still start the server.
fn runs_a_client(workload: &crate::model::Workload) -> bool {
    workload
        .facts(|f| match f {
            FactKind::Init(command) => Some(command),
            _ => None,
        })
        .any(|(_, command)| {
            super::first_program(command)
                .is_some_and(|p| !p.starts_with('-') && !SERVER_PROGRAMS.contains(&p))
        })
}
