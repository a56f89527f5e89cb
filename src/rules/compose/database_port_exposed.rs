//! C011 database-port-exposed: A database's port is published on every interface of the host.

use crate::formats::compose::Service;
use crate::formats::compose;

/// Default ports of databases and caches, with what listens there. Ports many other
/// programs use too (ClickHouse's 9000 and 8123) are left out.
const DATABASES: &[(u16, &str)] = &[
    (5432, "PostgreSQL"),
    (3306, "MySQL"),
    (1433, "SQL Server"),
    (1521, "Oracle"),
    (27017, "MongoDB"),
    (6379, "Redis"),
    (11211, "Memcached"),
    (9200, "Elasticsearch"),
    (5984, "CouchDB"),
    (9042, "Cassandra"),
    (8086, "InfluxDB"),
    (7687, "Neo4j"),
];
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "C011",
    name: "database-port-exposed",
    severity: Severity::Warning,
    applies_to: AppliesTo::Compose,
    aliases: &[],
    summary: "A database's port is published on every interface of the host.",
    help: "Drop the `ports:` entry (services reach the database by name), or bind it to the loopback address: `127.0.0.1:5432:5432`.",
    doc: include_str!("../../../rules/compose/C011-database-port-exposed.md"),
    extra: Extra::NONE,
};

pub fn check(service: &Service<'_>, report: &mut Report<'_>) {
    for item in service.items("ports") {
        let Some(port) = compose::port(item) else {
            continue;
        };
        let every_interface = matches!(port.host_ip, None | Some("0.0.0.0" | "::"));
        let database = port.target.and_then(|target| {
            DATABASES
                .iter()
                .find(|(number, _)| *number == target)
                .map(|(number, name)| (*number, *name))
        });
        if let (true, true, Some((number, name))) = (port.published, every_interface, database) {
            report.at(
                item.span.clone(),
                format!(
                    "{name} port {number} of service `{}` is published on every interface",
                    service.name
                ),
            );
        }
    }
}
