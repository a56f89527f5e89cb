//! A Helm chart, checked as `helm template` renders it. Helm heads every document with
//! `# Source: CHART/templates/FILE`, naming the template (subcharts as
//! `CHART/charts/SUB/templates/FILE`, by chart name). A finding is traced to the key in
//! `values.yaml` (or a `--helm-values` file) that its value came from, with the template
//! line as a related place, else to the template line that writes its key, else it stays
//! in the rendered output.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::spot::{self, On, Spot, Step};
use super::*;
use crate::input::read::read_named;

pub(in crate::pipeline::check) fn check_chart(
    file: &Arc<SourceFile>,
    settings: &Settings,
    out: &mut Outcome,
) -> FileKind {
    let dir = directory_of(&file.path);
    let at = chart_name_span(file);
    let shown = dir.display();
    let help = format!(
        "Install helm, or render the chart yourself and check the output: helm template {shown} | realtor check --stdin-filename rendered.yaml -"
    );
    let templates = || count_templates(&dir.join("templates"));
    if settings.render.off {
        let message = format!(
            "Helm chart not rendered (rendering is off): its {} template(s) were not checked",
            templates()
        );
        out.findings.push(not_rendered(at, message, help));
        return FileKind::Kubernetes;
    }
    let mut args: Vec<OsString> = vec!["template".into(), dir.clone().into()];
    for values in &settings.render.helm_values {
        args.extend(["--values".into(), values.clone().into()]);
    }
    for set in &settings.render.helm_set {
        args.extend(["--set".into(), set.into()]);
    }
    let command = format!("helm template {shown}");
    match run("helm", &args) {
        Run::Missing => {
            let message = format!(
                "Helm chart not rendered: `helm` is not on PATH, so its {} template(s) in {shown}/templates were not checked",
                templates()
            );
            out.findings.push(not_rendered(at, message, help));
        }
        Run::Failed(said) => {
            let finding = render_error(file, &dir, &said, at, out);
            out.findings.push(finding);
        }
        Run::Output(text) => {
            let rendered = SourceFile::new(format!("{shown} (helm template)"), &text);
            let mut tracer = Chart::new(file.text.len(), dir, &settings.render.helm_values);
            check_rendered(file, rendered, &command, settings, out, &mut tracer);
        }
    }
    FileKind::Kubernetes
}

/// The chart's `name` value in `Chart.yaml`, else its first key.
fn chart_name_span(file: &SourceFile) -> Span {
    let parsed = yaml::parse(file);
    let Some(root) = parsed.documents.first().map(|d| &d.root) else {
        return 0..0;
    };
    root.get("name")
        .map(|e| e.value.span.clone())
        .or_else(|| root.entries().first().map(|e| e.key.span.clone()))
        .unwrap_or(0..0)
}

fn count_templates(dir: &Path) -> usize {
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .build();
    walker
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".tpl")
        })
        .count()
}

/// R001 for a chart helm could not render: at the template position helm names
/// (`template: CHART/templates/FILE:LINE:COL:`), at the start of the template it names,
/// else at the chart's name.
fn render_error(
    chart: &SourceFile,
    dir: &Path,
    said: &str,
    at: Span,
    out: &mut Outcome,
) -> Finding {
    let said = said.lines().next().unwrap_or_default();
    let said = said.trim_start_matches("Error: ");
    let message = format!("`helm template` failed: {said}");
    let named = said
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| matches!(c, '(' | ')' | ':' | ',' | '"')))
        .find_map(|word| {
            let mut parts = word.splitn(3, ':');
            let source = parts.next()?;
            let path = resolve_source(dir, source)?;
            let line = parts.next().and_then(|l| l.parse::<usize>().ok());
            let column = parts.next().and_then(|c| c.parse::<usize>().ok());
            Some((path, line, column))
        });
    let Some((path, line, column)) = named else {
        return parse_error(at, message);
    };
    let Some(text) = read_named(&path) else {
        return parse_error(at, message);
    };
    let template = SourceFile::new(path.to_string_lossy().replace('\\', "/"), &text);
    let offset = line
        .and_then(|line| template.line_start(line))
        .map_or(0, |start| {
            let column = column.unwrap_or(1).saturating_sub(1);
            let rest = &template.text[start..];
            start
                + rest
                    .char_indices()
                    .nth(column)
                    .map_or(rest.len(), |(i, _)| i)
        });
    let (base, _) = attach(chart.text.len(), out, template);
    parse_error(base + offset..base + offset, message)
}

/// The file a `# Source:` path names: its first part is the chart, and each
/// `charts/NAME` a subchart, found by directory or by the name in its `Chart.yaml`.
fn resolve_source(dir: &Path, source: &str) -> Option<PathBuf> {
    let mut parts = source.split('/');
    parts.next()?;
    let mut current = dir.to_path_buf();
    let rest: Vec<&str> = parts.collect();
    let mut index = 0;
    while rest.get(index) == Some(&"charts") {
        let name = rest.get(index + 1)?;
        current = subchart(&current, name)?;
        index += 2;
    }
    let path = rest[index..]
        .iter()
        .fold(current, |path, part| path.join(part));
    path.is_file().then_some(path)
}

fn subchart(dir: &Path, name: &str) -> Option<PathBuf> {
    let charts = dir.join("charts");
    let direct = charts.join(name);
    if direct.join("Chart.yaml").is_file() {
        return Some(direct);
    }
    std::fs::read_dir(&charts)
        .ok()?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| {
            read_named(&path.join("Chart.yaml")).is_some_and(|text| {
                text.lines().any(|l| {
                    l.trim() == format!("name: {name}") || l.trim() == format!("name: \"{name}\"")
                })
            })
        })
}

/// A file of the chart read for tracing, attached to the check.
struct Attached {
    base: usize,
    file: Arc<SourceFile>,
}

/// A values file, parsed.
struct Values {
    attached: Attached,
    root: yaml::Node,
}

struct Chart {
    /// The length of `Chart.yaml`, after which the span space of the check goes on.
    main_len: usize,
    dir: PathBuf,
    /// `--helm-values` files, which win over the chart's own `values.yaml`.
    given: Vec<PathBuf>,
    templates: HashMap<PathBuf, Option<Attached>>,
    values: HashMap<PathBuf, Option<Values>>,
}

impl Chart {
    fn new(main_len: usize, dir: PathBuf, given: &[PathBuf]) -> Self {
        Chart {
            main_len,
            dir,
            given: given.to_vec(),
            templates: HashMap::new(),
            values: HashMap::new(),
        }
    }
}

impl Trace for Chart {
    fn trace(
        &mut self,
        rendered: &str,
        object: &kubernetes::Object<'_>,
        span: &Span,
        out: &mut Outcome,
    ) -> Option<Traced> {
        let source = source_of(rendered, object.node.span.start)?;
        let path = resolve_source(&self.dir, source)?;
        let chart_dir = chart_of(&path)?;
        let spot = spot::spot(object.node, span)?;
        let template = load(self.main_len, &mut self.templates, &path, out, Some)?;
        let (base, template) = (template.base, Arc::clone(&template.file));
        let line = template_line(&template.text, rendered, object.node, &spot, span);
        let from_values = self.values_source(&chart_dir, &template.text, object.node, &spot, out);
        match (from_values, line) {
            (Some((found, reference_line)), _) => Some(Traced {
                span: found,
                related: vec![(
                    base + reference_line.start..base + reference_line.end,
                    "the template line that renders this value".to_string(),
                )],
            }),
            (None, Some(line)) => Some(Traced {
                span: base + line.start..base + line.end,
                related: Vec::new(),
            }),
            (None, None) => None,
        }
    }
}

impl Chart {
    /// Where in a values file the value at `spot` comes from, and the template line that
    /// reads it. The `--helm-values` files are searched last first (they win), then the
    /// chart's `values.yaml`; in the first file that has a match, all matches must agree.
    fn values_source(
        &mut self,
        chart_dir: &Path,
        template: &str,
        object: &yaml::Node,
        spot: &Spot,
        out: &mut Outcome,
    ) -> Option<(Span, Span)> {
        let (rendered, _) = spot::node_at(object, &spot.steps)?;
        let rendered = rendered.to_value();
        let mut files: Vec<PathBuf> = Vec::new();
        if chart_dir == self.dir {
            files.extend(self.given.iter().rev().cloned());
        }
        files.push(chart_dir.join("values.yaml"));
        for file in files {
            let Some(values) = load(self.main_len, &mut self.values, &file, out, values) else {
                continue;
            };
            let hits: Vec<(Span, Span)> = references(template)
                .into_iter()
                .filter_map(|(reference, at)| {
                    value_at(&values.root, &reference, spot, &rendered, |key| {
                        key_line_near(template, at.start, key)
                    })
                })
                .collect();
            let Some((found, line)) = hits.first() else {
                continue;
            };
            if hits.iter().any(|(other, _)| other != found) {
                return None;
            }
            let base = values.attached.base;
            return Some((base + found.start..base + found.end, line.clone()));
        }
        None
    }
}

/// The directory of the chart a template belongs to: the parent of its `templates/`.
fn chart_of(template: &Path) -> Option<PathBuf> {
    template
        .ancestors()
        .find(|dir| dir.file_name().is_some_and(|n| n == "templates"))
        .and_then(Path::parent)
        .map(Path::to_path_buf)
}

/// The `# Source:` path heading the document that starts before `offset`.
fn source_of(rendered: &str, offset: usize) -> Option<&str> {
    let before = &rendered[..offset.min(rendered.len())];
    let at = before.rfind("# Source: ")?;
    let line = &before[at + "# Source: ".len()..];
    Some(line.lines().next()?.trim())
}

/// A file of the chart read once and attached to the check, made into `T` by `make`;
/// `None` when it cannot be read or made.
fn load<'a, T>(
    main_len: usize,
    cache: &'a mut HashMap<PathBuf, Option<T>>,
    path: &Path,
    out: &mut Outcome,
    make: impl FnOnce(Attached) -> Option<T>,
) -> Option<&'a T> {
    cache
        .entry(path.to_path_buf())
        .or_insert_with(|| {
            let text = read_named(path)?;
            let file = SourceFile::new(path.to_string_lossy().replace('\\', "/"), &text);
            let (base, file) = attach(main_len, out, file);
            make(Attached { base, file })
        })
        .as_ref()
}

/// A values file's tree.
fn values(attached: Attached) -> Option<Values> {
    let root = yaml::parse(&attached.file)
        .documents
        .into_iter()
        .next()?
        .root;
    Some(Values { attached, root })
}

/// Every `.Values.a.b` a template reads, with the span of the reference.
fn references(template: &str) -> Vec<(Vec<&str>, Span)> {
    let mut found = Vec::new();
    for (at, _) in template.match_indices(".Values.") {
        let start = at + ".Values.".len();
        let len = template[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(template.len() - start);
        let path: Vec<&str> = template[start..start + len]
            .split('.')
            .filter(|p| !p.is_empty())
            .collect();
        if !path.is_empty() {
            found.push((path, at + 1..start + len));
        }
    }
    found
}

/// The span in a values tree of the node equal to the rendered one, at `reference` followed
/// by a tail of the finding's path (`toYaml .Values.securityContext` puts the values'
/// `securityContext.privileged` at `...containers[0].securityContext.privileged`), with the
/// template line that writes the key the reference is rendered under: `near(key)` finds it
/// on the reference's line or the line before, so that a `.Values` read elsewhere (an
/// `if`, another key) is never taken for the source.
fn value_at(
    root: &yaml::Node,
    reference: &[&str],
    spot: &Spot,
    rendered: &serde_yaml::Value,
    near: impl Fn(&str) -> Option<Span>,
) -> Option<(Span, Span)> {
    let steps = &spot.steps;
    (0..=steps.len()).rev().find_map(|from| {
        let key = steps[..from].iter().rev().find_map(|step| match step {
            Step::Key(key) => Some(key.as_str()),
            Step::Item { .. } => None,
        })?;
        let mut path: Vec<Step> = reference
            .iter()
            .map(|key| Step::Key((*key).to_string()))
            .collect();
        path.extend(steps[from..].iter().cloned());
        let (node, key_span) = spot::node_at(root, &path)?;
        if node.to_value() != *rendered {
            return None;
        }
        let line = near(key)?;
        let found = match spot.on {
            On::Key => key_span?,
            _ => node.span.clone(),
        };
        Some((found, line))
    })
}

/// The line writing `key:` that holds `offset`, or the line before it.
fn key_line_near(template: &str, offset: usize, key: &str) -> Option<Span> {
    let line_start = template[..offset].rfind('\n').map_or(0, |i| i + 1);
    let previous = template[..line_start.saturating_sub(1)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = template[offset..]
        .find('\n')
        .map_or(template.len(), |i| offset + i);
    key_lines(template, key, previous..line_end)
        .into_iter()
        .next_back()
}

/// The template line that writes the finding's key: the key's only line in the template,
/// or, when the template writes it as often as the rendered document holds it, the one in
/// the same place in order. The span runs from the key to the end of its line.
fn template_line(
    template: &str,
    rendered: &str,
    object: &yaml::Node,
    spot: &Spot,
    span: &Span,
) -> Option<Span> {
    let key = spot.last_key()?;
    let in_template = key_lines(template, key, 0..template.len());
    let document = object.span.clone();
    let in_rendered = key_lines(rendered, key, document);
    let nth = in_rendered
        .iter()
        .rposition(|line| line.start <= span.start)
        .unwrap_or(0);
    let line = match in_template.len() {
        1 => in_template.into_iter().next(),
        n if n == in_rendered.len() => in_template.into_iter().nth(nth),
        _ => None,
    }?;
    Some(narrow(template, line, key, &spot.on))
}

/// The part of a template line `key: value` a finding is about: the key for a finding on
/// a key, the value when the line writes the rendered scalar as it is (quotes included),
/// else the whole line.
fn narrow(template: &str, line: Span, key: &str, on: &On) -> Span {
    let text = &template[line.clone()];
    match on {
        On::Key => text.find(key).map_or(line.clone(), |at| {
            line.start + at..line.start + at + key.len()
        }),
        On::Scalar(value) if !value.is_empty() => {
            let Some(colon) = text.find(':') else {
                return line;
            };
            let Some(at) = text[colon..].find(value.as_str()).map(|i| colon + i) else {
                return line;
            };
            let mut span = line.start + at..line.start + at + value.len();
            let before = template[..span.start].chars().next_back();
            if matches!(before, Some('"' | '\''))
                && template[span.end..].starts_with(before.unwrap_or('"'))
            {
                span = span.start - 1..span.end + 1;
            }
            span
        }
        _ => line,
    }
}

/// The lines of `text` within `range` that write `key:` (after indentation or `- `), each
/// from the key to the end of the line.
fn key_lines(text: &str, key: &str, range: Span) -> Vec<Span> {
    let mut found = Vec::new();
    let mut offset = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let body = line.trim_start_matches([' ', '\t', '-']);
        let indent = line.len() - body.len();
        let unquoted = body.trim_start_matches(['"', '\'']);
        if unquoted.starts_with(key)
            && unquoted[key.len()..]
                .trim_start_matches(['"', '\''])
                .starts_with(':')
        {
            let end = offset + line.trim_end().len();
            found.push(offset + indent..end);
        }
        offset += line.len();
    }
    found
}
