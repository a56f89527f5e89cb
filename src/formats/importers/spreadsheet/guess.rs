//! Header guessing: the names spreadsheets and CMDB exports give each inventory field, in
//! six languages, and the units a header names (`Mémoire (Go)`, `Memory (In MB)`, `RAM_GB`).

use super::*;

/// Header names that mean a field, in their normalised form (lower-case letters and digits;
/// accents kept; unit words and "in" dropped).
const GUESSES: &[(Field, &[&str])] = &[
    (
        Field::Name,
        &[
            "name",
            "hostname",
            "host",
            "servername",
            "server",
            "vmname",
            "vm",
            "machine",
            "machinename",
            "computername",
            "computer",
            "fqdn",
            "dnsname",
            "ciname",
            "displayname",
            "nom",
            "nomdhôte",
            "hôte",
            "hote",
            "serveur",
            "nomduserveur",
            "nomserveur",
            "nommachine",
            "machinevirtuelle",
            "rechnername",
            "rechner",
            "hostnamen",
            "servername",
            "nombre",
            "servidor",
            "equipo",
            "nombredehost",
            "nome",
            "nomedohost",
            "nomeserver",
        ],
    ),
    (
        Field::Id,
        &[
            "id",
            "uuid",
            "vmid",
            "assetid",
            "assettag",
            "ciid",
            "identifiant",
        ],
    ),
    (
        Field::Os,
        &[
            "os",
            "operatingsystem",
            "osname",
            "guestos",
            "system",
            "système",
            "systeme",
            "systèmedexploitation",
            "systemedexploitation",
            "se",
            "betriebssystem",
            "bs",
            "sistemaoperativo",
            "sistemaoperacional",
            "so",
        ],
    ),
    (
        Field::OsVersion,
        &[
            "osversion",
            "versionos",
            "versiondusystème",
            "osrelease",
            "bsversion",
        ],
    ),
    (
        Field::Vcpus,
        &[
            "cpu",
            "cpus",
            "vcpu",
            "vcpus",
            "cores",
            "cpucores",
            "numcpu",
            "numcpus",
            "processors",
            "cpucount",
            "nbcpu",
            "cœurs",
            "coeurs",
            "processeurs",
            "processeur",
            "kerne",
            "cpukerne",
            "prozessoren",
            "núcleos",
            "nucleos",
            "procesadores",
            "núcleo",
        ],
    ),
    (
        Field::Memory(None),
        &[
            "memory",
            "ram",
            "mem",
            "memorysize",
            "mémoire",
            "memoire",
            "mémoirevive",
            "arbeitsspeicher",
            "speicher",
            "hauptspeicher",
            "memoria",
            "memória",
        ],
    ),
    (
        Field::Disk(None),
        &[
            "disk",
            "disks",
            "storage",
            "disksize",
            "diskspace",
            "disque",
            "disques",
            "stockage",
            "festplatte",
            "speicherplatz",
            "disco",
            "discos",
            "almacenamiento",
            "armazenamento",
        ],
    ),
    (
        Field::Hypervisor,
        &[
            "hypervisor",
            "hyperviseur",
            "virtualisation",
            "virtualization",
            "plateforme",
        ],
    ),
    (Field::Firmware, &["firmware", "boottype", "bios"]),
    (
        Field::CpuPct,
        &[
            "cpuusage",
            "cpuutilization",
            "cpuload",
            "utilisationcpu",
            "cpuauslastung",
        ],
    ),
    (
        Field::MemoryPct,
        &[
            "memoryusage",
            "memoryutilization",
            "utilisationmémoire",
            "ramusage",
        ],
    ),
    (
        Field::Software,
        &[
            "software",
            "applications",
            "application",
            "logiciels",
            "anwendungen",
            "aplicaciones",
        ],
    ),
];

/// A header split into its meaning and the unit it names: `Mémoire (Go)` is `mémoire`
/// in GiB; `Memory (In MB)` is `memory` in MiB; `RAM_GB` is `ram` in GiB.
fn header_key(header: &str) -> (String, Option<Unit>, bool) {
    let percent = header.contains('%');
    let lower = header.to_lowercase();
    let mut words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut unit = None;
    if let Some(last) = words.last()
        && words.len() > 1
        && let Some(named) = Unit::named(last)
    {
        unit = Some(named);
        words.pop();
    }
    if words.len() > 1 && matches!(words.last(), Some(&("in" | "en" | "in_"))) {
        words.pop();
    }
    let mut key: String = words.concat();
    if unit.is_none() {
        for suffix in ["mib", "gib", "mb", "gb", "go", "mo"] {
            if let Some(base) = key.strip_suffix(suffix)
                && guessed_field(base).is_some()
            {
                unit = Unit::named(suffix);
                key = base.to_string();
                break;
            }
        }
    }
    (key, unit, percent)
}

fn guessed_field(key: &str) -> Option<Field> {
    GUESSES
        .iter()
        .find(|(_, names)| names.contains(&key))
        .map(|(field, _)| *field)
}

/// The field a header means, with its unit, or `None`. Numbered columns (`Disk 2`) are
/// disks; a percentage of memory or CPU is a utilisation.
pub(super) fn guess(header: &str) -> Option<Field> {
    let (key, unit, percent) = header_key(header);
    let field = guessed_field(&key).or_else(|| {
        let base = key.trim_end_matches(|c: char| c.is_ascii_digit());
        (base.len() < key.len())
            .then(|| guessed_field(base))
            .flatten()
            .filter(|f| matches!(f, Field::Disk(_)))
    })?;
    Some(match field {
        Field::Memory(_) if percent => Field::MemoryPct,
        Field::Vcpus if percent => Field::CpuPct,
        Field::Memory(_) => Field::Memory(unit),
        Field::Disk(_) => Field::Disk(unit),
        other => other,
    })
}
