//! The YAML span tree, typed Kubernetes and inventory decoding, and their rules.
#![no_main]

use libfuzzer_sys::fuzz_target;
use realtor::pipeline::{Settings, check};
use realtor::input::discover::Hint;
use realtor::input::source::SourceFile;

fuzz_target!(|text: &str| {
    let settings = Settings::default();
    let mut reports = vec![check::check(SourceFile::new("manifest.yaml", text), Hint::Yaml, true, &settings)];
    realtor::pipeline::check_set::check_set(&mut reports, &settings);
    for diagnostic in &reports[0].diagnostics {
        assert!(diagnostic.span.start <= diagnostic.span.end && diagnostic.span.end <= reports[0].file.text.len());
    }
});
