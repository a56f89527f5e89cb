//! The pipeline for one file: parse it in its format, run the rules on its syntax tree,
//! extract its workloads and run the placement rules on them, apply suppressions and the
//! configured severities. Files are independent, so the caller runs them in parallel.

use std::sync::Arc;

use rayon::prelude::*;

use super::Settings;
use crate::formats::importers;
use crate::formats::inventory;
use crate::formats::inventory::InventoryFile;
use crate::formats::kubernetes;
use crate::input::discover::Hint;
use crate::input::source::{self, Attachment, SourceFile, Span};
use crate::model::Workload;
use crate::model::extract;
use crate::model::objects::ObjectFacts;
use crate::pipeline::objectset;
use crate::pipeline::suppress::{self, Suppression};
use crate::report::{Diagnostic, FileKind, FileReport, Related, Status};
use crate::rules::{self, RuleMeta, Subject, realtor};
use crate::rules::{Finding, Severity};
use crate::syntax::dockerfile;

mod compose;
mod machines;
mod rendered;
mod yaml;

use machines::check_imported;
pub use rendered::patched_by;
use yaml::check_yaml;

/// Whether a rule runs; shared by the threads that check one large file.
type Enabled<'a> = &'a (dyn Fn(&RuleMeta) -> bool + Sync);

/// Check one file. `hint` is what its name says; the content decides the rest.
pub fn check(file: SourceFile, hint: Hint, explicit: bool, settings: &Settings) -> FileReport {
    let file = Arc::new(file);
    let hint = match hint {
        Hint::Unknown => sniff(&file.text),
        known => known,
    };
    let mut out = Outcome::default();
    let kind = match hint {
        Hint::Dockerfile => {
            check_dockerfile(&file, settings, &mut out);
            FileKind::Dockerfile
        }
        Hint::Chart => rendered::check_chart(&file, settings, &mut out),
        Hint::Kustomization => rendered::check_kustomization(&file, settings, &mut out),
        _ => match importers::detect_with(&file.text, &settings.columns) {
            Some(format) => {
                check_imported(&file, format, settings, &mut out);
                FileKind::Inventory
            }
            None if hint == Hint::Export => {
                if explicit
                    && file.path.to_ascii_lowercase().ends_with(".csv")
                    && let Some(why) =
                        importers::spreadsheet::unmapped(&file.text, &settings.columns)
                {
                    let header = 0..importers::table::record_end(&file.text, 0);
                    out.findings
                        .push(parse_error(header, format!("CSV table: {why}")));
                }
                FileKind::Other
            }
            None => check_yaml(&file, settings, &mut out),
        },
    };
    if kind == FileKind::Other && explicit && out.findings.is_empty() {
        let message = "not a Dockerfile, a Kubernetes manifest, a realtor inventory or a VM inventory export realtor reads";
        out.findings
            .push(Finding::new(&realtor::parse_error::META, 0..0, message));
    }
    let failed = out
        .findings
        .iter()
        .any(|f| f.rule.id == realtor::parse_error::META.id);
    let attachments = out.attachments;
    let mut diagnostics: Vec<Diagnostic> = out
        .findings
        .into_iter()
        .filter_map(|mut finding| {
            let severity = settings.severity(finding.rule)?;
            let place = |span: &Span| match source::locate(&attachments, span) {
                Some((attachment, span)) => (Some(attachment), span),
                None => (None, span.clone()),
            };
            let related = std::mem::take(&mut finding.related);
            // A fix edits the finding's own file, or is not offered.
            let home = |span: &Span| source::locate(&attachments, span).map_or(0, |(a, _)| a.base);
            let base = home(&finding.span);
            if let Some(fix) = &mut finding.fix {
                if fix.edits.iter().all(|e| home(&e.span) == base) {
                    for edit in &mut fix.edits {
                        edit.span = edit.span.start - base..edit.span.end - base;
                    }
                } else {
                    finding.fix = None;
                }
            }
            let (attachment, span) = place(&finding.span);
            finding.span = span;
            if let Some(sheet) = attachment.and_then(|a| a.sheet.as_ref()) {
                finding.message = format!("{} (sheet {sheet})", finding.message);
            }
            let home = attachment.map_or(&file, |a| &a.file);
            let mut diagnostic = Diagnostic::new(finding, severity, home);
            diagnostic.related = related
                .iter()
                .map(|(span, message)| {
                    let (attachment, span) = place(span);
                    Related::new(
                        attachment.map_or(&file, |a| &a.file),
                        &span,
                        message.clone(),
                    )
                })
                .collect();
            Some(diagnostic)
        })
        .collect();
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let folded = fold_placement(&mut diagnostics);
    FileReport {
        file,
        kind,
        status: if failed { Status::Error } else { Status::Ok },
        diagnostics,
        folded,
        workloads: out.workloads,
        objects: out.objects,
        attachments,
    }
}

/// Placement rules and the rules that report the same problem at the same place: P104
/// host-control on the `privileged: true` that K001 and C001 report, the `hostPID: true`
/// of K005 (`pid: host` of C003) and the runtime socket mount of K011 and C005.
static FOLDS: &[(&RuleMeta, &RuleMeta)] = &[
    (
        &rules::placement::host_control::META,
        &rules::kubernetes::privileged_container::META,
    ),
    (
        &rules::placement::host_control::META,
        &rules::kubernetes::host_pid::META,
    ),
    (
        &rules::placement::host_control::META,
        &rules::kubernetes::docker_sock::META,
    ),
    (
        &rules::placement::host_control::META,
        &rules::compose::privileged_service::META,
    ),
    (
        &rules::placement::host_control::META,
        &rules::compose::service_host_pid::META,
    ),
    (
        &rules::placement::host_control::META,
        &rules::compose::service_docker_sock::META,
    ),
];

/// One problem, one finding: a placement finding inside the span of a finding of the
/// same problem ([`FOLDS`]: the value `true` in the entry `privileged: true`) is taken out
/// of the diagnostics and named in the other's help; it is returned for the advisor to
/// weigh. Only the placement rules of [`FOLDS`] look for a host.
fn fold_placement(diagnostics: &mut Vec<Diagnostic>) -> Vec<Diagnostic> {
    let folds = |rule: &RuleMeta| FOLDS.iter().any(|(p, _)| p.id == rule.id);
    let host_of = |placement: &Diagnostic| {
        diagnostics.iter().position(|d| {
            FOLDS
                .iter()
                .any(|(p, o)| p.id == placement.rule.id && o.id == d.rule.id)
                && d.span.start <= placement.span.start
                && placement.span.end <= d.span.end
                && Arc::ptr_eq(&d.file, &placement.file)
        })
    };
    let pairs: Vec<(usize, usize)> = (0..diagnostics.len())
        .filter(|&i| folds(diagnostics[i].rule))
        .filter_map(|i| host_of(&diagnostics[i]).map(|host| (i, host)))
        .collect();
    for &(placement, host) in &pairs {
        let placement = &diagnostics[placement];
        let note = format!(
            "Placement {} {} at the same place: {} (`realtor advise` weighs it).",
            placement.rule.id, placement.rule.name, placement.message
        );
        let host = &mut diagnostics[host];
        host.help = Some(match host.help.take() {
            Some(help) => format!("{help} {note}"),
            None => note,
        });
    }
    let mut index = 0;
    diagnostics
        .extract_if(.., |_| {
            let fold = pairs.iter().any(|&(placement, _)| placement == index);
            index += 1;
            fold
        })
        .collect()
}

/// A report for a file that could not be read at all.
pub fn unreadable(display: String, unreadable: crate::input::read::Unreadable) -> FileReport {
    let file = Arc::new(SourceFile::new(display, &unreadable.text));
    let at = unreadable.offset..unreadable.offset;
    let finding = Finding::new(&realtor::parse_error::META, at, unreadable.reason);
    FileReport {
        diagnostics: vec![Diagnostic::new(finding, Severity::Error, &file)],
        file,
        kind: FileKind::Other,
        status: Status::Error,
        folded: Vec::new(),
        workloads: Vec::new(),
        objects: Vec::new(),
        attachments: Vec::new(),
    }
}

/// Adds `file` to the span space of the check of a file `main_len` bytes long: spans into
/// it are offset by the base returned.
fn attach(main_len: usize, out: &mut Outcome, file: SourceFile) -> (usize, Arc<SourceFile>) {
    let base = out
        .attachments
        .last()
        .map_or(main_len, |a| a.base + a.file.text.len())
        + 1;
    let file = Arc::new(file);
    out.attachments.push(Attachment {
        base,
        file: Arc::clone(&file),
        sheet: None,
    });
    (base, file)
}

/// `path` with `.` and `dir/..` taken out, without reading the file system, so that a
/// base is shown as `app/base/deployment.yaml`, not `app/overlays/prod/../../base/...`.
fn clean_path(path: &std::path::Path) -> std::path::PathBuf {
    let mut clean = std::path::PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir
                if matches!(
                    clean.components().next_back(),
                    Some(std::path::Component::Normal(_))
                ) =>
            {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
}

/// The directory a file of the check is in (its path as shown), to read the files it
/// names and to run tools on; `.` for a file in the working directory.
fn directory_of(path: &str) -> std::path::PathBuf {
    match std::path::Path::new(path).parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    }
}

#[derive(Default)]
struct Outcome {
    findings: Vec<Finding>,
    workloads: Vec<Workload>,
    objects: Vec<ObjectFacts>,
    /// Files an import read besides this one, which some findings point into.
    attachments: Vec<Attachment>,
}

fn sniff(text: &str) -> Hint {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    let keyword = first
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    if matches!(keyword.as_str(), "FROM" | "ARG") {
        Hint::Dockerfile
    } else {
        Hint::Yaml
    }
}

fn parse_error(span: Span, message: impl Into<String>) -> Finding {
    Finding::new(&realtor::parse_error::META, span, message)
}

fn check_dockerfile(file: &SourceFile, settings: &Settings, out: &mut Outcome) {
    let prepared = dockerfile::prepare(file);
    let parsed = dockerfile::parse_prepared(file, &prepared);
    let enabled = |rule: &RuleMeta| settings.enabled(rule);
    let mut findings = Vec::new();
    if let Some(error) = &parsed.error {
        findings.push(parse_error(
            error.span.clone(),
            format!("Dockerfile syntax: {}", error.message),
        ));
    }
    rules::run(
        &Subject::Dockerfile(&parsed),
        &enabled,
        &settings.options,
        &mut findings,
    );
    if !parsed.stages.is_empty() {
        let from = parsed.starts[parsed.stages[parsed.stages.len() - 1].from];
        let mut workload = extract::dockerfile(&parsed, from..from + 4);
        crate::model::extract::build_context::add_facts(&parsed, &mut workload);
        findings.extend(placement(&workload, &enabled));
        out.workloads.push(workload);
    }
    for finding in &mut findings {
        if finding.rule.id != realtor::parse_error::META.id {
            finding.logical = parsed.logical_location(finding.span.start);
        }
    }
    let mut suppressions = suppress::dockerfile(&parsed);
    suppress::apply(&mut findings, &mut suppressions, &enabled);
    out.findings.extend(findings);
}

/// The placement rules' findings for one workload, each naming the workload.
fn placement(workload: &Workload, enabled: Enabled<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    rules::run(
        &Subject::Workload(workload),
        enabled,
        &rules::Options::default(),
        &mut findings,
    );
    let label = workload.label();
    for finding in &mut findings {
        finding.workload = Some(label.clone());
    }
    findings
}
