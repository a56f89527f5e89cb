//! Importers: VM inventories exported by hypervisors and discovery tools, read into a
//! syntax tree shaped like the native schema (`apiVersion: realtor.dev/v1`,
//! `kind: Inventory`, `machines: [...]`) whose every value keeps the span of the source
//! text that proves it (a CSV cell, an XML attribute or element, a JSON value, a `.vmx`
//! line). The tree then goes down the same path as a native inventory, so findings point
//! at the source.
//!
//! Each format owns a module; this one owns detection by content, the tree builder and
//! what an import yields. Facts the source does not carry are left out, never guessed.

pub(crate) mod aws;
pub(crate) mod azure;
pub(crate) mod hyperv;
pub(crate) mod libvirt;
pub(crate) mod rvtools;
pub(crate) mod spreadsheet;
pub(crate) mod table;
pub(crate) mod virtualbox;
pub(crate) mod vmx;

use std::sync::Arc;

use crate::input::source::{Attachment, SourceFile, Span};
use crate::syntax::yaml::{Entry, Node, NodeKind, ScalarStyle};

pub use spreadsheet::Columns;
pub use table::Cell;

/// A format realtor imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Libvirt,
    Vmx,
    VirtualBox,
    HypervJson,
    HypervCsv,
    AwsCsv,
    AzureCsv,
    RvtoolsCsv,
    Spreadsheet,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Libvirt => "libvirt domain XML",
            Format::Vmx => "VMware .vmx",
            Format::VirtualBox => "VirtualBox .vbox",
            Format::HypervJson => "Hyper-V Get-VM JSON",
            Format::HypervCsv => "Hyper-V Get-VM CSV",
            Format::AwsCsv => "AWS Migration Hub import CSV",
            Format::AzureCsv => "Azure Migrate import CSV",
            Format::RvtoolsCsv => "RVTools vInfo",
            Format::Spreadsheet => "inventory spreadsheet",
        }
    }
}

/// What an import yields.
#[derive(Debug)]
pub struct Imported {
    /// The inventory tree in the native schema's shape, spans into the source.
    pub root: Node,
    /// Rows or elements that could not be read, each with where it is and why; the rest of
    /// the file was still read.
    pub problems: Vec<(Span, String)>,
    /// Rows that describe no workload (templates, SRM placeholders): why, and how many.
    pub skipped: Vec<(&'static str, usize)>,
    /// The other files the import read, which spans past the end of the file point into.
    pub attachments: Vec<Attachment>,
}

/// The format a file's content shows, if it is one realtor imports, with no column
/// mapping for spreadsheets.
pub fn detect(text: &str) -> Option<Format> {
    detect_with(text, &Columns::default())
}

/// The format a file's content shows, reading a CSV table that is no known export as a
/// spreadsheet when `columns` (or the guessed headers) name its machines.
pub fn detect_with(text: &str, columns: &Columns) -> Option<Format> {
    let start = text.trim_start();
    if start.starts_with('<') {
        return xml_root(start).and_then(|root| match root {
            "domain" => Some(Format::Libvirt),
            "VirtualBox" => Some(Format::VirtualBox),
            _ => None,
        });
    }
    if start.starts_with('[') || start.starts_with('{') {
        return hyperv::is_json(start).then_some(Format::HypervJson);
    }
    if vmx::is_vmx(text) {
        return Some(Format::Vmx);
    }
    let header = table::header_names(text)?;
    let has = |name: &str| header.iter().any(|h| h == name);
    let memory = has("memory") || has("memorymib") || has("memorymb");
    if (has("vm") || has("vmname")) && has("cpus") && memory {
        Some(Format::RvtoolsCsv)
    } else if has("servername") && has("cores") && has("osname") {
        Some(Format::AzureCsv)
    } else if has("processorcount") && (has("vmname") || has("name")) && has("generation") {
        Some(Format::HypervCsv)
    } else if [
        "externalid",
        "smbiosid",
        "vmwaremorefid",
        "vmwarevcenterid",
        "vmwarevmname",
        "cpunumberofprocessors",
        "cpunumberofcores",
        "cpunumberoflogicalcores",
        "ramtotalsizeinmb",
    ]
    .iter()
    .any(|column| has(column))
    {
        Some(Format::AwsCsv)
    } else {
        spreadsheet::is_spreadsheet(text, columns).then_some(Format::Spreadsheet)
    }
}

/// The name of the first element of an XML document, read without parsing the rest.
fn xml_root(text: &str) -> Option<&str> {
    let mut rest = text;
    loop {
        let open = rest.find('<')?;
        rest = &rest[open + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
        return Some(&rest[..end]);
    }
}

/// Reads `file` as `format`; `columns` maps a spreadsheet's headers.
pub fn import(format: Format, file: &SourceFile, columns: &Columns) -> Imported {
    let mut import = Import::default();
    read(format, file, columns, &mut import);
    import.finish(0..file.text.len())
}

/// Reads `file` as `format`, handing each machine to `each` as soon as it is read instead
/// of keeping them: memory stays flat however many machines the file has. The returned
/// tree has no machines.
pub fn stream(
    format: Format,
    file: &SourceFile,
    columns: &Columns,
    each: &mut dyn FnMut(Node),
) -> Imported {
    let mut import = Import {
        sink: Some(each),
        ..Import::default()
    };
    read(format, file, columns, &mut import);
    import.finish(0..file.text.len())
}

fn read(format: Format, file: &SourceFile, columns: &Columns, import: &mut Import) {
    match format {
        Format::Libvirt => libvirt::read(&file.text, import),
        Format::Vmx => vmx::read(&file.text, import),
        Format::VirtualBox => virtualbox::read(&file.text, import),
        Format::HypervJson => hyperv::read_json(file, import),
        Format::HypervCsv => hyperv::read_csv(&file.text, import),
        Format::AwsCsv => aws::read(&file.text, import),
        Format::AzureCsv => azure::read(&file.text, import),
        Format::RvtoolsCsv => rvtools::read(file, import),
        Format::Spreadsheet => spreadsheet::read(&file.text, columns, import),
    }
}

/// An import in progress: the machines read so far (or where they go) and the problems met.
#[derive(Default)]
pub struct Import<'a> {
    pub machines: Vec<Node>,
    pub problems: Vec<(Span, String)>,
    pub skipped: Vec<(&'static str, usize)>,
    pub attachments: Vec<Attachment>,
    sink: Option<&'a mut dyn FnMut(Node)>,
}

impl Import<'_> {
    /// A machine read.
    pub fn machine(&mut self, machine: Node) {
        match &mut self.sink {
            Some(sink) => sink(machine),
            None => self.machines.push(machine),
        }
    }

    pub fn problem(&mut self, span: Span, message: impl Into<String>) {
        self.problems.push((span, message.into()));
    }

    /// Attaches another file read for `main`'s import; returns the base its spans are
    /// offset by.
    pub fn attach(&mut self, main: &SourceFile, file: SourceFile, sheet: Option<String>) -> usize {
        let base = self
            .attachments
            .last()
            .map_or(main.text.len(), |a| a.base + a.file.text.len())
            + 1;
        self.attachments.push(Attachment {
            base,
            file: Arc::new(file),
            sheet,
        });
        base
    }

    fn finish(self, span: Span) -> Imported {
        let at = span.start..span.start;
        let text = |value: &str| Node::scalar(value, ScalarStyle::Quoted, at.clone());
        let entries = vec![
            entry("apiVersion", text(crate::formats::inventory::API_VERSION)),
            entry("kind", text(crate::formats::inventory::KIND)),
            entry(
                "machines",
                Node::new(NodeKind::Sequence(self.machines), span.clone()),
            ),
        ];
        Imported {
            root: Node::new(NodeKind::Mapping(entries), span),
            problems: self.problems,
            skipped: self.skipped,
            attachments: self.attachments,
        }
    }
}

fn entry(key: &str, value: Node) -> Entry {
    Entry {
        key: Node::scalar(key, ScalarStyle::Plain, value.span.clone()),
        value,
    }
}

/// A mapping being built, such as one machine: values are set at dotted paths
/// (`compute.vcpus`), creating the mappings on the way, each value with its source span.
#[derive(Debug, Clone)]
pub struct Mapping {
    span: Span,
    entries: Vec<Entry>,
}

impl Mapping {
    pub fn new(span: Span) -> Self {
        Mapping {
            span,
            entries: Vec::new(),
        }
    }

    /// A string value.
    pub fn text(&mut self, path: &str, value: impl Into<compact_str::CompactString>, span: Span) {
        self.set(path, Node::scalar(value, ScalarStyle::Quoted, span));
    }

    /// A number or boolean, written as YAML would type it.
    pub fn plain(&mut self, path: &str, value: impl ToString, span: Span) {
        self.set(
            path,
            Node::scalar(value.to_string(), ScalarStyle::Plain, span),
        );
    }

    /// A list, spanning its first to last item (or `span` when empty).
    pub fn list(&mut self, path: &str, items: Vec<Mapping>, span: Span) {
        let span = match (items.first(), items.last()) {
            (Some(first), Some(last)) => first.span.start..last.span.end.max(first.span.end),
            _ => span,
        };
        let items = items.into_iter().map(Mapping::build).collect();
        self.set(path, Node::new(NodeKind::Sequence(items), span));
    }

    /// Sets the OS of a machine from an OS string, through `crate::formats::os::identify`; an
    /// unknown string sets nothing.
    pub fn os(&mut self, text: &str, span: Span) {
        let Some(info) = crate::formats::os::identify(text) else {
            return;
        };
        let family = serde_label(&info.family);
        self.text("os.family", family, span.clone());
        if let Some(distro) = info.distro {
            self.text("os.distro", distro, span.clone());
        }
        if let Some(version) = info.version {
            self.text("os.version", version, span);
        }
    }

    /// Sets the OS from a name cell and, when the name alone gives no release, a
    /// version cell (`OS name` + `OS version`).
    pub fn os_named(&mut self, name: &Cell, version: Option<&Cell>) {
        self.os(&name.text, name.span.clone());
        if let Some(version) = version
            && !self.has("os.version")
            && let Some(info) =
                crate::formats::os::identify(&format!("{} {}", name.text, version.text))
            && let Some(release) = info.version
        {
            self.text("os.version", release, version.span.clone());
        }
        if let Some(version) = version
            && self.has("os.family")
            && !self.has("os.version")
        {
            self.text("os.version", version.text.clone(), version.span.clone());
        }
    }

    /// A whole number from a cell divided by `divisor` (rounded down), or a problem at the
    /// cell when it is not one.
    pub fn count(&mut self, path: &str, cell: Option<&Cell>, divisor: u64, import: &mut Import) {
        let Some(cell) = cell else { return };
        match whole_number(&cell.text) {
            Some(value) => self.plain(path, value / divisor, cell.span.clone()),
            None => import.problem(
                cell.span.clone(),
                format!("`{}` is not a whole number", cell.text),
            ),
        }
    }

    /// A decimal number from a cell times `scale`, or a problem at the cell.
    pub fn number(&mut self, path: &str, cell: Option<&Cell>, scale: f64, import: &mut Import) {
        let Some(cell) = cell else { return };
        match decimal(&cell.text) {
            Some(value) => self.plain(path, round2(value * scale), cell.span.clone()),
            None => import.problem(
                cell.span.clone(),
                format!("`{}` is not a number", cell.text),
            ),
        }
    }

    /// Whether a dotted path is set.
    pub fn has(&self, path: &str) -> bool {
        let mut entries = &self.entries;
        let mut keys = path.split('.').peekable();
        while let Some(key) = keys.next() {
            let Some(entry) = entries.iter().find(|e| e.key.as_str() == Some(key)) else {
                return false;
            };
            if keys.peek().is_none() {
                return true;
            }
            entries = match &entry.value.kind {
                NodeKind::Mapping(children) => children,
                _ => return false,
            };
        }
        false
    }

    pub fn build(self) -> Node {
        Node::new(NodeKind::Mapping(self.entries), self.span)
    }

    fn set(&mut self, path: &str, value: Node) {
        let mut entries = &mut self.entries;
        let mut keys = path.split('.').peekable();
        while let Some(key) = keys.next() {
            let position = entries.iter().position(|e| e.key.as_str() == Some(key));
            if keys.peek().is_none() {
                match position {
                    Some(at) => entries[at].value = value,
                    None => entries.push(entry(key, value)),
                }
                return;
            }
            let at = position.unwrap_or_else(|| {
                let mapping = Node::new(NodeKind::Mapping(Vec::new()), value.span.clone());
                entries.push(entry(key, mapping));
                entries.len() - 1
            });
            let node = &mut entries[at].value;
            node.span = node.span.start.min(value.span.start)..node.span.end.max(value.span.end);
            entries = match &mut node.kind {
                NodeKind::Mapping(children) => children,
                _ => return,
            };
        }
    }
}

/// The schema's spelling of an enum value.
pub fn serde_label<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A whole number written in a source cell, allowing thousands separators (`4,096`) and a
/// fractional part of zero (`4096.0`).
pub fn whole_number(text: &str) -> Option<u64> {
    let cleaned: String = text.trim().chars().filter(|c| *c != ',').collect();
    let integral = cleaned
        .strip_suffix(".0")
        .or_else(|| cleaned.strip_suffix(".00"))
        .unwrap_or(&cleaned);
    integral.parse().ok()
}

/// A decimal number written in a source cell (`12.5`, `1,024.5`).
pub fn decimal(text: &str) -> Option<f64> {
    let cleaned: String = text.trim().chars().filter(|c| *c != ',').collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Rounded to two decimals.
pub fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::{Format, detect};

    #[test]
    fn formats_are_told_apart_by_content() {
        let vinfo = "VM,Powerstate,CPUs,Memory,VM ID,VM UUID\n";
        assert_eq!(detect(vinfo), Some(Format::RvtoolsCsv));
        let vcpu = "VM,Powerstate,CPUs,Sockets,VM ID,VM UUID\n";
        assert_eq!(detect(vcpu), None, "the vCPU tab is joined, not read alone");
        assert_eq!(
            detect("<?xml version='1.0'?>\n<!-- x -->\n<domain type='kvm'/>"),
            Some(Format::Libvirt)
        );
        assert_eq!(
            detect("<VirtualBox xmlns='http://www.virtualbox.org/'/>"),
            Some(Format::VirtualBox)
        );
        assert_eq!(detect("<project/>"), None);
        assert_eq!(
            detect("[{\"Name\": \"a\", \"ProcessorCount\": 2, \"Generation\": 2}]"),
            Some(Format::HypervJson)
        );
        assert_eq!(detect("{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}"), None);
        assert_eq!(
            detect("config.version = \"8\"\ndisplayName = \"a\"\n"),
            Some(Format::Vmx)
        );
        assert_eq!(detect("apiVersion: v1\nkind: Pod\n"), None);
        assert_eq!(
            detect("Server name,Cores,Memory (MB),OS name\n"),
            Some(Format::AzureCsv)
        );
        assert_eq!(
            detect("ExternalId,CPU.NumberOfCores,RAM.TotalSizeInMB\n"),
            Some(Format::AwsCsv)
        );
        assert_eq!(
            detect("VMware.MoRefId,VMware.VCenterId,Notes\n"),
            Some(Format::AwsCsv),
            "one identifying column is enough, as AWS requires"
        );
        assert_eq!(
            detect("Name,Generation,ProcessorCount,MemoryStartup\n"),
            Some(Format::HypervCsv)
        );
        assert_eq!(
            detect("\"Name\",\"Interval Breakdown\",\"VM|CPU|Demand (MHz)|Avg\"\n"),
            None
        );
    }
}

#[cfg(test)]
pub mod testing {
    //! What the importer tests share: import a fixture, decode it as a native inventory.

    use crate::formats::inventory::{Inventory, decode};
    use crate::input::source::SourceFile;

    use super::{Columns, Format, Imported, detect, import};

    pub fn fixture(name: &str) -> SourceFile {
        let path = format!("{}/fixtures/importers/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        SourceFile::new(path, &text)
    }

    /// Imports a fixture by its detected format and decodes the result.
    pub fn read(name: &str) -> (SourceFile, Imported, Inventory) {
        let file = fixture(name);
        let format = detect(&file.text).unwrap_or_else(|| panic!("{name}: not detected"));
        decoded(format, file)
    }

    /// Imports `text` as `format` and decodes the result.
    pub fn read_text(format: Format, name: &str, text: &str) -> (SourceFile, Imported, Inventory) {
        decoded(format, SourceFile::new(name, text))
    }

    fn decoded(format: Format, file: SourceFile) -> (SourceFile, Imported, Inventory) {
        let imported = import(format, &file, &Columns::default());
        let decoded = decode(imported.root.to_value())
            .unwrap_or_else(|e| panic!("{}: {}: {}", file.path, e.path, e.message));
        (file, imported, decoded.inventory)
    }

    /// The source text a span covers.
    pub fn at<'a>(file: &'a SourceFile, span: &std::ops::Range<usize>) -> &'a str {
        &file.text[span.clone()]
    }

    /// The source text the value at `path` (`machines[0].compute.vcpus`) of an import was
    /// read from.
    pub fn source_of<'a>(file: &'a SourceFile, imported: &Imported, path: &str) -> &'a str {
        let found = imported
            .root
            .lookup(&crate::syntax::yaml::parse_path(path))
            .unwrap_or_else(|| panic!("{path} is not in the import"));
        at(file, &found.node.span)
    }
}
