//! `realtor inventory convert`: VM exports into one native inventory.

use std::path::PathBuf;
use std::process::ExitCode;

use super::args::Target;
use super::print_stdout;
use crate::formats::importers;
use crate::formats::inventory;
use crate::input::discover;
use crate::input::read;
use crate::input::source::SourceFile;

/// `inventory convert`: every machine of every export, as one native inventory. Rows that
/// cannot be read are reported on standard error with their position; the rest is written.
/// The inventory is written only once every file has been read: a failure leaves standard
/// output empty. Each machine's tree is dropped once written as YAML, so memory holds the
/// YAML text and one machine's tree at a time.
pub(super) fn convert(
    files: &[PathBuf],
    to: Target,
    columns: &importers::Columns,
) -> Result<ExitCode, String> {
    let Target::Yaml = to;
    let inputs = discover::discover(files, None, &globset::GlobSet::empty())?;
    let mut out = format!(
        "apiVersion: {}\nkind: {}\n",
        inventory::API_VERSION,
        inventory::KIND
    );
    let mut written = 0;
    let mut problems = 0;
    for input in &inputs {
        let text = read::read(input, read::DEFAULT_MAX_FILE_SIZE)
            .map_err(|e| format!("{}: {}", input.display, e.reason))?;
        let file = SourceFile::new(input.display.clone(), &text);
        let format = importers::detect_with(&file.text, columns).ok_or_else(|| {
            match importers::spreadsheet::unmapped(&file.text, columns) {
                Some(why) => format!("{}: a CSV table realtor cannot map: {why}", file.path),
                None => format!("{}: not a VM inventory export realtor reads", file.path),
            }
        })?;
        let mut failure = None;
        let mut write_machine = |node: crate::syntax::yaml::Node| {
            if failure.is_some() {
                return;
            }
            let yaml = serde_yaml::from_value::<inventory::Machine>(node.to_value())
                .and_then(|machine| serde_yaml::to_string(&[machine]));
            match yaml {
                Ok(yaml) => {
                    if written == 0 {
                        out.push_str("machines:\n");
                    }
                    out.push_str(&yaml);
                    written += 1;
                }
                Err(error) => failure = Some(error.to_string()),
            }
        };
        let imported = importers::stream(format, &file, columns, &mut write_machine);
        if let Some(error) = failure {
            return Err(format!("{}: {error}", file.path));
        }
        for (span, message) in &imported.problems {
            let (path, at) = match crate::input::source::locate(&imported.attachments, span) {
                Some((attachment, span)) => {
                    (&attachment.file.path, attachment.file.position(span.start))
                }
                None => (&file.path, file.position(span.start)),
            };
            eprintln!(
                "{path}:{}:{}: {}: {message}",
                at.line,
                at.column,
                format.label()
            );
            problems += 1;
        }
        for (what, count) in imported.skipped.iter().filter(|(_, n)| *n > 0) {
            eprintln!("{}: skipped {count} {what} row(s)", file.path);
        }
    }
    if written == 0 {
        out.push_str("machines: []\n");
    }
    print_stdout(out.as_bytes())?;
    if problems > 0 {
        eprintln!("realtor: {problems} row(s) or element(s) could not be read and were left out");
    }
    Ok(ExitCode::SUCCESS)
}
