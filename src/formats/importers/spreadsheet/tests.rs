//! Tests of spreadsheet.

use super::*;

#[test]
fn headers_are_guessed_with_their_units_in_several_languages() {
    assert_eq!(guess("Nom"), Some(Field::Name));
    assert_eq!(guess("Nom d'hôte"), Some(Field::Name));
    assert_eq!(guess("Mémoire (Go)"), Some(Field::Memory(Some(Unit::Gib))));
    assert_eq!(
        guess("Memory (In MB)"),
        Some(Field::Memory(Some(Unit::Mib)))
    );
    assert_eq!(guess("RAM_GB"), Some(Field::Memory(Some(Unit::Gib))));
    assert_eq!(guess("MemoryMB"), Some(Field::Memory(Some(Unit::Mib))));
    assert_eq!(guess("Arbeitsspeicher"), Some(Field::Memory(None)));
    assert_eq!(guess("Disque 2 (Go)"), Some(Field::Disk(Some(Unit::Gib))));
    assert_eq!(guess("Sistema operativo"), Some(Field::Os));
    assert_eq!(guess("Memory %"), Some(Field::MemoryPct));
    assert_eq!(guess("Owner"), None);
    assert_eq!(guess("Memorandum"), None);
}

#[test]
fn quantities_read_units_and_both_commas() {
    assert_eq!(quantity("16 GB", false), Some((16.0, Some(Unit::Gib))));
    assert_eq!(quantity("512Mo", false), Some((512.0, Some(Unit::Mib))));
    assert_eq!(quantity("4,096", false), Some((4096.0, None)));
    assert_eq!(quantity("4,096", true), Some((4096.0, None)));
    assert_eq!(quantity("1,5 To", true), Some((1.5, Some(Unit::Tib))));
    assert_eq!(quantity("lots", false), None);
    assert_eq!(quantity("16 parsecs", false), None);
}

#[test]
fn a_mapping_wins_over_a_guess_and_names_missing_headers() {
    let columns = Columns::parse(["name=Asset", "memory-gib=Size", "os=Platform"]).unwrap();
    let labels: Vec<String> = ["Asset", "Name", "Platform", "Size", "CPU"]
        .map(String::from)
        .to_vec();
    let (layout, missing) = lay_out(&labels, &columns);
    assert!(missing.is_empty());
    assert_eq!(layout.column(Field::Name), Some((0, Field::Name)));
    assert_eq!(
        layout.column(Field::Memory(None)),
        Some((3, Field::Memory(Some(Unit::Gib))))
    );
    assert_eq!(layout.column(Field::Vcpus), Some((4, Field::Vcpus)));
    let columns = Columns::parse(["memory=RAM"]).unwrap();
    let (_, missing) = lay_out(&labels, &columns);
    assert_eq!(
        missing,
        ["the column `RAM` mapped to `memory` is not in the header"]
    );
    assert!(Columns::parse(["colour=Paint"]).is_err());
    assert!(Columns::parse(["name"]).is_err());
}

#[test]
fn an_unmappable_table_names_its_columns() {
    let message = unmapped("Asset;Platform;Size\nA;B;C\n", &Columns::default()).unwrap();
    assert!(
        message.starts_with(
            "no column names the machine; columns not mapped: `Asset`, `Platform`, `Size`;"
        ),
        "{message}"
    );
    let message = unmapped("Name,Version,CPU\na,1,2\n", &Columns::default()).unwrap();
    assert!(
            message.starts_with("too few columns hold what a machine is made of (OS, CPUs, memory, disks, hypervisor); columns found: `Name` = name, `CPU` = vcpus; columns not mapped: `Version`;"),
            "{message}"
        );
    assert_eq!(unmapped("Nom;OS;CPU\na;b;1\n", &Columns::default()), None);
    let columns = Columns::parse(["name=Asset"]).unwrap();
    assert_eq!(unmapped("Asset,RAM\na,4\n", &columns), None);
}
