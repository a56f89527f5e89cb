//! The whole check pipeline on arbitrary bytes, as the CLI reads them: UTF-8 or a
//! positioned error, content sniffing, every format, rendering.
#![no_main]

use libfuzzer_sys::fuzz_target;
use realtor::pipeline::{Settings, check};
use realtor::input::discover::Hint;
use realtor::input::source::SourceFile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let settings = Settings::default();
    let mut reports = vec![
        check::check(SourceFile::new("input", text), Hint::Unknown, true, &settings),
        check::check(SourceFile::new("export.csv", text), Hint::Export, true, &settings),
    ];
    realtor::pipeline::check_set::check_set(&mut reports, &settings);
    let _ = realtor::render::human::write(&reports, false, true, &mut std::io::sink());
    let _ = realtor::render::json::write(&reports, &mut std::io::sink());
    let _ = realtor::render::sarif::write(&reports, &mut std::io::sink());
});
