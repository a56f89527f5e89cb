//! Every hypervisor export importer: the first byte picks the format, the rest is the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use realtor::formats::importers::{self, Format};
use realtor::input::source::SourceFile;

const FORMATS: [Format; 9] = [
    Format::Libvirt,
    Format::Vmx,
    Format::VirtualBox,
    Format::HypervJson,
    Format::HypervCsv,
    Format::AwsCsv,
    Format::AzureCsv,
    Format::RvtoolsCsv,
    Format::Spreadsheet,
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let file = SourceFile::new("export", text);
    let format = importers::detect(&file.text).unwrap_or(FORMATS[pick as usize % FORMATS.len()]);
    let imported = importers::import(format, &file, &importers::Columns::default());
    let _ = realtor::formats::inventory::decode(imported.root.to_value());
});
