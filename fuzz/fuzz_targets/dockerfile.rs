//! The Dockerfile front end, the shell splitter and every Dockerfile and placement rule.
#![no_main]

use libfuzzer_sys::fuzz_target;
use realtor::pipeline::{Settings, check};
use realtor::input::discover::Hint;
use realtor::input::source::SourceFile;

fuzz_target!(|text: &str| {
    let report = check::check(SourceFile::new("Dockerfile", text), Hint::Dockerfile, true, &Settings::default());
    for diagnostic in &report.diagnostics {
        assert!(diagnostic.span.start <= diagnostic.span.end && diagnostic.span.end <= report.file.text.len());
    }
});
