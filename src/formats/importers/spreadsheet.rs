//! Home-grown inventory spreadsheets: CMDB exports and hand-kept lists saved as CSV, with
//! whatever headers their authors chose, often not in English (`Nom;OS;CPU;Mémoire;Disque`).
//!
//! Columns are found by a mapping from `.realtor.yaml` (`inventory-columns`) or the
//! command line (`--column FIELD=HEADER`); the fields it leaves out are guessed from the
//! common header names in English, French, German, Spanish, Portuguese and Italian. A
//! table is read as a spreadsheet only when a column names the machine; when none does,
//! [`unmapped`] says which columns were found and how to map them.
//!
//! Sizes take their unit from the cell (`16 GB`, `512 Mo`), else from the mapping's field
//! (`memory-gib`), else from the header (`RAM (GB)`); a bare memory figure under a header
//! without a unit is read as GiB below 1024 and as MiB from 1024 up, and a bare disk figure
//! as GiB. A decimal comma (`1,5`) is read as one, a thousands comma (`4,096`) as one.

use std::collections::BTreeMap;

use super::table::{self, Cell, Row};
use super::{Import, Mapping};
use guess::guess;

/// A fact a spreadsheet column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Name,
    Id,
    Os,
    OsVersion,
    Vcpus,
    Memory(Option<Unit>),
    Disk(Option<Unit>),
    Hypervisor,
    Firmware,
    CpuPct,
    MemoryPct,
    Software,
}

/// A unit of size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Mib,
    Gib,
    Tib,
}

impl Unit {
    fn in_mib(self) -> f64 {
        match self {
            Unit::Mib => 1.0,
            Unit::Gib => 1024.0,
            Unit::Tib => 1024.0 * 1024.0,
        }
    }

    /// The unit a word names: `mb`, `mib`, `mo` (French), `g`, `gb`, `go`, ...
    fn named(word: &str) -> Option<Unit> {
        match word {
            "m" | "mb" | "mib" | "mo" | "mbyte" | "mbytes" | "megabytes" => Some(Unit::Mib),
            "g" | "gb" | "gib" | "go" | "gbyte" | "gbytes" | "gigabytes" => Some(Unit::Gib),
            "t" | "tb" | "tib" | "to" | "tbyte" | "tbytes" | "terabytes" => Some(Unit::Tib),
            _ => None,
        }
    }
}

/// Every field, by the name the mapping uses, for help texts.
pub const FIELD_NAMES: &str = "name, id, os, os-version, vcpus, memory, memory-mib, memory-gib, disk, disk-gib, disk-mib, hypervisor, firmware, cpu-pct, memory-pct, software";

impl Field {
    /// The field a mapping key names.
    pub fn named(name: &str) -> Option<Field> {
        Some(match name {
            "name" => Field::Name,
            "id" => Field::Id,
            "os" => Field::Os,
            "os-version" => Field::OsVersion,
            "vcpus" | "cpus" => Field::Vcpus,
            "memory" => Field::Memory(None),
            "memory-mib" | "memory-mb" => Field::Memory(Some(Unit::Mib)),
            "memory-gib" | "memory-gb" => Field::Memory(Some(Unit::Gib)),
            "disk" => Field::Disk(None),
            "disk-mib" | "disk-mb" => Field::Disk(Some(Unit::Mib)),
            "disk-gib" | "disk-gb" => Field::Disk(Some(Unit::Gib)),
            "hypervisor" => Field::Hypervisor,
            "firmware" => Field::Firmware,
            "cpu-pct" => Field::CpuPct,
            "memory-pct" => Field::MemoryPct,
            "software" => Field::Software,
            _ => return None,
        })
    }

    /// The unit a size field was given (`memory-gib`, `RAM (GB)`), if any.
    fn unit(self) -> Option<Unit> {
        match self {
            Field::Memory(unit) | Field::Disk(unit) => unit,
            _ => None,
        }
    }

    /// The field with its unit left out, so that `memory` and `memory-gib` are one field.
    fn kind(self) -> Field {
        match self {
            Field::Memory(_) => Field::Memory(None),
            Field::Disk(_) => Field::Disk(None),
            other => other,
        }
    }

    fn label(self) -> &'static str {
        match self.kind() {
            Field::Name => "name",
            Field::Id => "id",
            Field::Os => "os",
            Field::OsVersion => "os-version",
            Field::Vcpus => "vcpus",
            Field::Memory(_) => "memory",
            Field::Disk(_) => "disk",
            Field::Hypervisor => "hypervisor",
            Field::Firmware => "firmware",
            Field::CpuPct => "cpu-pct",
            Field::MemoryPct => "memory-pct",
            Field::Software => "software",
        }
    }
}

/// A column mapping: the header that holds each field, as the user wrote it.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    pub mapped: Vec<(Field, String)>,
}

impl Columns {
    /// Reads `FIELD=HEADER` pairs (from `--column`).
    pub fn parse<'a>(pairs: impl IntoIterator<Item = &'a str>) -> Result<Columns, String> {
        let mut columns = Columns::default();
        for pair in pairs {
            let (field, header) = pair
                .split_once('=')
                .ok_or_else(|| format!("`{pair}`: expected FIELD=HEADER"))?;
            columns.insert(field.trim(), header.trim())?;
        }
        Ok(columns)
    }

    /// Maps `field` to `header`; a later mapping of the same field replaces an earlier one.
    pub fn insert(&mut self, field: &str, header: &str) -> Result<(), String> {
        let field = Field::named(field).ok_or_else(|| {
            format!("`{field}` is no inventory field (expected one of {FIELD_NAMES})")
        })?;
        if header.is_empty() {
            return Err(format!("`{}`: the header is empty", field.label()));
        }
        self.set(field, header.to_string());
        Ok(())
    }

    /// The mapping in `self`, with `over`'s fields taking precedence.
    pub fn merged(mut self, over: &Columns) -> Columns {
        for (field, header) in &over.mapped {
            self.set(*field, header.clone());
        }
        self
    }

    fn set(&mut self, field: Field, header: String) {
        self.mapped.retain(|(f, _)| f.kind() != field.kind());
        self.mapped.push((field, header));
    }
}

/// Which column holds which field: the mapping's choices, then guesses for the rest.
#[derive(Debug)]
struct Layout {
    /// Column index -> field, one field per column; several disk columns may exist.
    fields: BTreeMap<usize, Field>,
}

impl Layout {
    fn column(&self, kind: Field) -> Option<(usize, Field)> {
        self.fields
            .iter()
            .find(|(_, f)| f.kind() == kind.kind())
            .map(|(column, field)| (*column, *field))
    }

    fn has(&self, kind: Field) -> bool {
        self.column(kind).is_some()
    }

    /// Whether the table reads as an inventory: a column names the machine and others
    /// hold what a machine is made of, two of them when every column is guessed (so that
    /// a table of names and versions is not taken for one), one when the user mapped some.
    fn readable(&self, columns: &Columns) -> bool {
        let facts = self
            .fields
            .values()
            .filter(|f| {
                matches!(
                    f.kind(),
                    Field::Os
                        | Field::Vcpus
                        | Field::Memory(_)
                        | Field::Disk(_)
                        | Field::Hypervisor
                )
            })
            .count();
        let needed = if columns.mapped.is_empty() { 2 } else { 1 };
        self.has(Field::Name) && facts >= needed
    }
}

/// Lays out the columns of `labels` (the header as written). Mapped headers that are not
/// in the table are returned as problems.
fn lay_out(labels: &[String], columns: &Columns) -> (Layout, Vec<String>) {
    let mut fields = BTreeMap::new();
    let mut missing = Vec::new();
    let find = |header: &str| {
        let wanted = header.trim().to_lowercase();
        labels
            .iter()
            .position(|label| label.trim().to_lowercase() == wanted)
    };
    for (field, header) in &columns.mapped {
        match find(header) {
            Some(column) => {
                fields.insert(column, *field);
            }
            None => missing.push(format!(
                "the column `{header}` mapped to `{}` is not in the header",
                field.label()
            )),
        }
    }
    let mapped_kinds: Vec<Field> = columns.mapped.iter().map(|(f, _)| f.kind()).collect();
    for (column, label) in labels.iter().enumerate() {
        if fields.contains_key(&column) {
            continue;
        }
        let Some(field) = guess(label) else { continue };
        let repeatable = matches!(field, Field::Disk(_));
        let taken = fields.values().any(|f: &Field| f.kind() == field.kind());
        if mapped_kinds.contains(&field.kind()) || (taken && !repeatable) {
            continue;
        }
        fields.insert(column, field);
    }
    (Layout { fields }, missing)
}

/// Whether a table with this header reads as a spreadsheet (see [`Layout::readable`]).
pub fn is_spreadsheet(text: &str, columns: &Columns) -> bool {
    let Some(labels) = table::header_labels(text) else {
        return false;
    };
    let (layout, missing) = lay_out(&labels, columns);
    missing.is_empty() && layout.readable(columns)
}

/// Why a CSV table cannot be read as a spreadsheet, naming its columns and how to map
/// them; `None` when it can, or when it is no table.
pub fn unmapped(text: &str, columns: &Columns) -> Option<String> {
    let labels = table::header_labels(text)?;
    let (layout, missing) = lay_out(&labels, columns);
    if missing.is_empty() && layout.readable(columns) {
        return None;
    }
    let mut reasons = missing;
    if !layout.has(Field::Name) {
        reasons.push("no column names the machine".to_string());
    } else if !layout.readable(columns) {
        reasons.push(
            "too few columns hold what a machine is made of (OS, CPUs, memory, disks, hypervisor)"
                .to_string(),
        );
    }
    let found: Vec<String> = layout
        .fields
        .iter()
        .map(|(column, field)| format!("`{}` = {}", labels[*column], field.label()))
        .collect();
    if !found.is_empty() {
        reasons.push(format!("columns found: {}", found.join(", ")));
    }
    let left: Vec<String> = labels
        .iter()
        .enumerate()
        .filter(|(column, _)| !layout.fields.contains_key(column))
        .map(|(_, label)| format!("`{label}`"))
        .collect();
    Some(format!(
        "{}; columns not mapped: {}; map them with `--column FIELD=HEADER` or `inventory-columns` in .realtor.yaml (fields: {FIELD_NAMES})",
        reasons.join("; "),
        if left.is_empty() {
            "none".to_string()
        } else {
            left.join(", ")
        }
    ))
}

/// Reads a spreadsheet's rows as machines.
pub fn read(text: &str, columns: &Columns, import: &mut Import) {
    let Some(labels) = table::header_labels(text) else {
        return;
    };
    let (layout, missing) = lay_out(&labels, columns);
    let header_span = 0..table::record_end(text, 0);
    for problem in missing {
        import.problem(header_span.clone(), problem);
    }
    if !layout.has(Field::Name) {
        import.problem(header_span, "no column names the machine");
        return;
    }
    let decimal_comma = table::delimiter(text) == b';';
    table::each_row(text, import, &mut |_, row, import| {
        if let Some(machine) = machine(&row, &layout, decimal_comma, import) {
            import.machine(machine.build());
        }
    });
}

fn machine(
    row: &Row,
    layout: &Layout,
    decimal_comma: bool,
    import: &mut Import,
) -> Option<Mapping> {
    let value = |kind: Field| {
        layout
            .column(kind)
            .and_then(|(column, field)| Some((row.cell(Some(column))?, field)))
    };
    let Some((name, _)) = value(Field::Name) else {
        import.problem(row.span.clone(), "row has no machine name");
        return None;
    };
    let mut machine = Mapping::new(row.span.clone());
    machine.text("name", name.text.clone(), name.span.clone());
    if let Some((id, _)) = value(Field::Id) {
        machine.text("id", id.text.clone(), id.span.clone());
    }
    if let Some((os, _)) = value(Field::Os) {
        machine.os_named(os, value(Field::OsVersion).map(|(c, _)| c));
    }
    if let Some((vcpus, _)) = value(Field::Vcpus) {
        machine.count("compute.vcpus", Some(vcpus), 1, import);
    }
    if let Some((memory, field)) = value(Field::Memory(None)) {
        let unit = field.unit();
        match quantity(&memory.text, decimal_comma) {
            Some((value, in_cell)) => {
                let unit =
                    in_cell
                        .or(unit)
                        .unwrap_or(if value < 1024.0 { Unit::Gib } else { Unit::Mib });
                let mib = (value * unit.in_mib()).round();
                machine.plain("compute.memoryMiB", mib as u64, memory.span.clone());
            }
            None => import.problem(
                memory.span.clone(),
                format!("`{}` is not a memory size", memory.text),
            ),
        }
    }
    let mut disks = Vec::new();
    for (column, field) in &layout.fields {
        let (Field::Disk(_), Some(disk)) = (field, row.cell(Some(*column))) else {
            continue;
        };
        for part in disk.text.split(['+', '/', '|']) {
            match quantity(part, decimal_comma) {
                Some((value, in_cell)) => {
                    let unit = in_cell.or(field.unit()).unwrap_or(Unit::Gib);
                    let gib = super::round2(value * unit.in_mib() / 1024.0);
                    let mut item = Mapping::new(disk.span.clone());
                    item.plain("capacityGiB", gib, disk.span.clone());
                    disks.push(item);
                }
                None => import.problem(
                    disk.span.clone(),
                    format!("`{}` is not a disk size", part.trim()),
                ),
            }
        }
    }
    if !disks.is_empty() {
        machine.list("storage.disks", disks, row.span.clone());
    }
    if let Some((cell, _)) = value(Field::Hypervisor) {
        machine.text(
            "platform.hypervisor",
            hypervisor(&cell.text),
            cell.span.clone(),
        );
    }
    if let Some((cell, _)) = value(Field::Firmware) {
        match cell.text.to_lowercase().as_str() {
            "bios" | "legacy" | "legacy bios" => {
                machine.text("platform.firmware", "bios", cell.span.clone())
            }
            "uefi" | "efi" => machine.text("platform.firmware", "efi", cell.span.clone()),
            _ => import.problem(
                cell.span.clone(),
                format!("unknown firmware `{}` (expected BIOS or UEFI)", cell.text),
            ),
        }
    }
    for (kind, path) in [
        (Field::CpuPct, "utilization.cpuPct.avg"),
        (Field::MemoryPct, "utilization.memPct.avg"),
    ] {
        if let Some((cell, _)) = value(kind) {
            match quantity(cell.text.trim_end_matches('%'), decimal_comma) {
                Some((value, None)) => machine.plain(path, super::round2(value), cell.span.clone()),
                _ => import.problem(
                    cell.span.clone(),
                    format!("`{}` is not a percentage", cell.text),
                ),
            }
        }
    }
    if let Some((cell, _)) = value(Field::Software) {
        let software: Vec<Mapping> = software(cell).collect();
        if !software.is_empty() {
            machine.list("workloads.software", software, cell.span.clone());
        }
    }
    Some(machine)
}

/// The platform a hypervisor cell names, in the schema's words.
fn hypervisor(text: &str) -> &'static str {
    let lower = text.to_lowercase();
    let has = |word: &str| lower.contains(word);
    if has("vmware") || has("esx") || has("vsphere") {
        "vmware"
    } else if has("hyper-v") || has("hyperv") {
        "hyperv"
    } else if has("kvm") || has("proxmox") || has("libvirt") || has("ovirt") {
        "kvm"
    } else if has("xen") {
        "xen"
    } else if has("virtualbox") {
        "virtualbox"
    } else if has("aws") || has("ec2") {
        "aws"
    } else if has("azure") {
        "azure"
    } else if has("gcp") || has("google") {
        "gcp"
    } else if has("physical") || has("physique") || has("bare") || has("physisch") {
        "physical"
    } else {
        "other"
    }
}

/// The items of a software cell, separated by commas, semicolons or line breaks, each
/// spanning the whole cell.
fn software(cell: &Cell) -> impl Iterator<Item = Mapping> + '_ {
    cell.text
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| {
            let mut item = Mapping::new(cell.span.clone());
            item.text("name", name.to_string(), cell.span.clone());
            item
        })
}

/// A size or count written in a cell, with the unit it names: `16`, `16 GB`, `1,5 To`,
/// `4,096 MB`. With `decimal_comma`, a comma not followed by exactly three digits is a
/// decimal point.
fn quantity(text: &str, decimal_comma: bool) -> Option<(f64, Option<Unit>)> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == ' '))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let unit = unit.trim().to_lowercase();
    let unit = if unit.is_empty() {
        None
    } else {
        Some(Unit::named(&unit)?)
    };
    let number = number.trim().replace(' ', "");
    let thousands = number
        .split(',')
        .skip(1)
        .all(|group| group.len() == 3 && group.bytes().all(|b| b.is_ascii_digit()));
    let number = if decimal_comma && number.contains(',') && !thousands {
        number.replace(',', ".")
    } else {
        number.replace(',', "")
    };
    let value = number.parse::<f64>().ok().filter(|v| v.is_finite())?;
    Some((value, unit))
}

mod guess;
#[cfg(test)]
mod tests;
