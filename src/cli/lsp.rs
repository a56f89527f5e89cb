//! `realtor lsp`: a language server over standard input and output. It checks each open
//! buffer as `realtor check` checks a file of that name (with the `.realtor.yaml` nearest
//! to it), from the editor's text rather than the disk, and publishes the findings on open
//! and on every change; quick fixes come from the same fixes as `--fix`, and hovering a
//! finding shows the documentation of the rules that report there. A Helm chart's
//! templates and values, its `Chart.yaml`, a kustomization and the patches it names are
//! checked as their chart or overlay renders, which reads the disk: on open and on save.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::SystemTime;

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CodeDescription, Diagnostic, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, Hover, HoverContents, HoverParams, HoverProviderCapability,
    MarkupContent, MarkupKind, NumberOrString, Position, PublishDiagnosticsParams, Range,
    SaveOptions, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit, Uri, WorkspaceEdit,
};

use super::args::{ColumnArgs, RenderArgs};
use crate::input::discover::{self, Hint};
use crate::input::read::read_named;
use crate::input::source::SourceFile;
use crate::pipeline::check::{check, patched_by};
use crate::pipeline::{Settings, config};
use crate::report::Diagnostic as Found;
use crate::rules::{self, Safety, Severity};

pub(super) fn lsp_command() -> Result<ExitCode, String> {
    let (connection, io) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let capabilities = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
    connection
        .initialize(capabilities)
        .map_err(|e| format!("lsp: {e}"))?;
    let mut server = Server::default();
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection
                    .handle_shutdown(&request)
                    .map_err(|e| format!("lsp: {e}"))?
                {
                    break;
                }
                let response = server.answer(request);
                send(&connection, Message::Response(response))?;
            }
            Message::Notification(notification) => {
                if let Some(published) = server.notice(notification) {
                    send(&connection, Message::Notification(published))?;
                }
            }
            Message::Response(_) => {}
        }
    }
    drop(connection);
    io.join().map_err(|e| format!("lsp: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

fn send(connection: &Connection, message: Message) -> Result<(), String> {
    connection
        .sender
        .send(message)
        .map_err(|e| format!("lsp: {e}"))
}

/// What the server knows of each open buffer (its findings, with their ranges), and the
/// settings of each configuration file it has read, kept until the file changes.
#[derive(Default)]
struct Server {
    findings: HashMap<String, Vec<(Range, Found)>>,
    settings: HashMap<Option<PathBuf>, (Option<SystemTime>, Arc<Settings>)>,
}

impl Server {
    fn notice(&mut self, notification: Notification) -> Option<Notification> {
        // The buffer's text, when the notification carries it (open, change), and whether
        // the disk holds what the editor shows (open, save).
        let (uri, text, on_disk) = match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let params: DidOpenTextDocumentParams =
                    serde_json::from_value(notification.params).ok()?;
                (
                    params.text_document.uri,
                    Some(params.text_document.text),
                    true,
                )
            }
            DidChangeTextDocument::METHOD => {
                let mut params: DidChangeTextDocumentParams =
                    serde_json::from_value(notification.params).ok()?;
                let text = params.content_changes.pop()?.text;
                (params.text_document.uri, Some(text), false)
            }
            DidSaveTextDocument::METHOD => {
                let params: DidSaveTextDocumentParams =
                    serde_json::from_value(notification.params).ok()?;
                (params.text_document.uri, None, true)
            }
            DidCloseTextDocument::METHOD => {
                let params: DidCloseTextDocumentParams =
                    serde_json::from_value(notification.params).ok()?;
                self.findings.remove(params.text_document.uri.as_str());
                return Some(publish(params.text_document.uri, Vec::new()));
            }
            _ => return None,
        };
        let path = path_of(&uri);
        let findings = match (rendered_by(&path), text) {
            // Rendering reads the chart or overlay from the disk.
            (Some(main), _) if on_disk => match (self.settings_for(&main), read_named(&main)) {
                (Some(settings), Some(text)) => findings_of(&main, &text, Some(&path), &settings),
                _ => Vec::new(),
            },
            // A render reads the disk, which has the buffer's text only once it is saved.
            (Some(_), _) | (None, None) => return None,
            (None, Some(text)) => self.settings_for(&path).map_or_else(Vec::new, |settings| {
                findings_of(&path, &text, None, &settings)
            }),
        };
        let diagnostics = findings
            .iter()
            .map(|(range, d)| diagnostic(*range, d))
            .collect();
        self.findings.insert(uri.as_str().to_string(), findings);
        Some(publish(uri, diagnostics))
    }

    /// The settings for a file: from the `.realtor.yaml` nearest to it (the defaults when
    /// it does not load), read again only when it changed since; `None` when the rules it
    /// names do not resolve.
    fn settings_for(&mut self, path: &Path) -> Option<Arc<Settings>> {
        let file = path.parent().and_then(config::find);
        let modified = file
            .as_ref()
            .and_then(|f| std::fs::metadata(f).and_then(|m| m.modified()).ok());
        if let Some((seen, settings)) = self.settings.get(&file)
            && *seen == modified
        {
            return Some(Arc::clone(settings));
        }
        let config = match &file {
            Some(file) => config::load(file).unwrap_or_default(),
            None => config::Config::default(),
        };
        let columns = ColumnArgs { pairs: Vec::new() };
        let render = RenderArgs {
            helm_values: Vec::new(),
            helm_set: Vec::new(),
            no_render: false,
        };
        let settings = Arc::new(super::settings(&[], &[], (&columns, &render), &config).ok()?);
        self.settings
            .insert(file, (modified, Arc::clone(&settings)));
        Some(settings)
    }

    fn answer(&self, request: Request) -> Response {
        let result = match request.method.as_str() {
            CodeActionRequest::METHOD => serde_json::from_value(request.params)
                .ok()
                .map(|params| serde_json::to_value(self.code_actions(params))),
            HoverRequest::METHOD => serde_json::from_value(request.params)
                .ok()
                .map(|params| serde_json::to_value(self.hover(params))),
            _ => None,
        };
        match result {
            Some(Ok(value)) => Response::new_ok(request.id, value),
            _ => Response::new_err(
                request.id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("realtor does not answer `{}`", request.method),
            ),
        }
    }

    fn code_actions(&self, params: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = params.text_document.uri;
        let Some(findings) = self.findings.get(uri.as_str()) else {
            return Vec::new();
        };
        findings
            .iter()
            .filter(|(range, _)| overlaps(range, &params.range))
            .filter_map(|(range, found)| {
                let fix = found.fix.as_ref()?;
                let edits = fix
                    .edits
                    .iter()
                    .map(|edit| TextEdit {
                        range: lsp_range(&found.file, edit.span.start, edit.span.end),
                        new_text: edit.text.clone(),
                    })
                    .collect();
                let unsafe_note = match fix.safety {
                    Safety::Safe => "",
                    Safety::Unsafe => " (may change behaviour)",
                };
                Some(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("{}: {}{unsafe_note}", found.rule.id, fix.description),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic(*range, found)]),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), edits)])),
                        ..WorkspaceEdit::default()
                    }),
                    is_preferred: Some(fix.safety == Safety::Safe),
                    ..CodeAction::default()
                }))
            })
            .collect()
    }

    fn hover(&self, params: HoverParams) -> Option<Hover> {
        let at = params.text_document_position_params;
        let findings = self.findings.get(at.text_document.uri.as_str())?;
        let point = Range {
            start: at.position,
            end: at.position,
        };
        let mut here: Vec<&(Range, Found)> = findings
            .iter()
            .filter(|(range, _)| overlaps(range, &point))
            .collect();
        here.dedup_by_key(|(_, found)| found.rule.id);
        let (range, _) = here.first()?;
        let docs: Vec<&str> = here
            .iter()
            .map(|(_, found)| {
                let doc = found
                    .rule
                    .doc
                    .splitn(3, "---\n")
                    .nth(2)
                    .unwrap_or(found.rule.doc);
                doc.trim()
            })
            .collect();
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: docs.join("\n\n---\n\n"),
            }),
            range: Some(*range),
        })
    }
}

fn publish(uri: Uri, diagnostics: Vec<Diagnostic>) -> Notification {
    let params = PublishDiagnosticsParams {
        uri,
        diagnostics,
        version: None,
    };
    Notification::new(PublishDiagnostics::METHOD.to_string(), params)
}

/// The findings of checking `main`, whose text is `text`, as `realtor check` checks a file
/// of that name: those in `main` itself, or, with `at`, those in any file at that path
/// (a template or patch of a rendered chart or overlay, or the chart's own file).
fn findings_of(
    main: &Path,
    text: &str,
    at: Option<&Path>,
    settings: &Settings,
) -> Vec<(Range, Found)> {
    let name = main
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let hint = discover::hint_for(&name).unwrap_or(Hint::Unknown);
    let shown = main.to_string_lossy().to_string();
    let report = check(SourceFile::new(shown, text), hint, true, settings);
    let wanted = at.map(Path::to_string_lossy);
    report
        .diagnostics
        .into_iter()
        .filter(|d| match &wanted {
            Some(wanted) => d.file.path == *wanted,
            None => Arc::ptr_eq(&d.file, &report.file),
        })
        .map(|d| (lsp_range(&d.file, d.span.start, d.span.end), d))
        .collect()
}

/// The chart or overlay whose rendering checks the file at `path`: the file itself when it
/// is a `Chart.yaml` or a kustomization; the `Chart.yaml` of the nearest chart above it
/// when the file is that chart's `values.yaml` or lies under its `templates/`; the
/// kustomization beside it when that names it as a patch.
fn rendered_by(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_string_lossy();
    if matches!(
        discover::hint_for(&name),
        Some(Hint::Chart | Hint::Kustomization)
    ) {
        return Some(path.to_path_buf());
    }
    let chart = path
        .ancestors()
        .skip(1)
        .find(|dir| dir.join("Chart.yaml").is_file());
    match chart {
        Some(chart) => {
            let source =
                *path == chart.join("values.yaml") || path.starts_with(chart.join("templates"));
            source.then(|| chart.join("Chart.yaml"))
        }
        None => patched_by(path),
    }
}

fn diagnostic(range: Range, found: &Found) -> Diagnostic {
    let message = match &found.workload {
        Some(workload) => format!("{} (in {workload})", found.message),
        None => found.message.clone(),
    };
    Diagnostic {
        range,
        severity: Some(match found.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(found.rule.id.to_string())),
        code_description: rules::catalog::doc_url(found.rule)
            .parse()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("realtor".into()),
        message: format!("{} {}: {message}", found.rule.id, found.rule.name),
        ..Diagnostic::default()
    }
}

/// An LSP range (0-based lines, UTF-16 columns) of a byte range of `file`.
fn lsp_range(file: &SourceFile, start: usize, end: usize) -> Range {
    Range {
        start: lsp_position(file, start),
        end: lsp_position(file, end),
    }
}

fn lsp_position(file: &SourceFile, offset: usize) -> Position {
    let at = file.position(offset);
    let character: usize = file
        .line_text(at.line)
        .chars()
        .take(at.column - 1)
        .map(char::len_utf16)
        .sum();
    Position {
        line: u32::try_from(at.line - 1).unwrap_or(u32::MAX),
        character: u32::try_from(character).unwrap_or(u32::MAX),
    }
}

fn overlaps(a: &Range, b: &Range) -> bool {
    let key = |p: &Position| (p.line, p.character);
    key(&a.start) <= key(&b.end) && key(&b.start) <= key(&a.end)
}

/// The file a `file:` URI names, percent-decoded; another URI is taken as a bare name.
fn path_of(uri: &Uri) -> PathBuf {
    let text = uri.as_str();
    let Some(path) = text.strip_prefix("file://") else {
        return PathBuf::from(text.rsplit('/').next().unwrap_or(text));
    };
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                decoded.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                i += 3;
            }
            (byte, _, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    Path::new(&String::from_utf8_lossy(&decoded).into_owned()).to_path_buf()
}
