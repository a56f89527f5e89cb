//! Helm charts and kustomize overlays, checked as their own tools render them: `helm
//! template` for a directory with `Chart.yaml` ([`helm`]), `kustomize build` or `kubectl
//! kustomize` for a `kustomization.yaml` ([`kustomize`]). The tool is the one installed on
//! the machine, never downloaded. Its output is checked like any manifest, then every
//! finding is traced back to the line a user edits ([`spot`]): a template, a `values.yaml`
//! key, a base or a patch. A finding that cannot be traced stays in the rendered output,
//! says so and names its object; no line is ever guessed.

mod helm;
mod kustomize;
mod spot;

use std::ffi::OsString;
use std::io::Read;
use std::process::{Child, Command, Output, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::yaml::check_object;
use super::*;
use crate::syntax::yaml;

pub(super) use helm::check_chart;
pub(super) use kustomize::check_kustomization;
pub use kustomize::patched_by;

/// What running a renderer gave.
enum Run {
    Output(String),
    /// The program is not on `PATH`.
    Missing,
    /// It ran and failed, with what it said.
    Failed(String),
}

/// How long a renderer may run before it is stopped and its chart or overlay reported:
/// 120 s, or `REALTOR_RENDER_TIMEOUT` seconds.
fn time_limit() -> Duration {
    let seconds = std::env::var("REALTOR_RENDER_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(120);
    Duration::from_secs(seconds)
}

fn run(program: &str, args: &[OsString]) -> Run {
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let limit = time_limit();
    let output = child.and_then(|child| within(child, limit));
    match output {
        Err(error) if error.kind() == std::io::ErrorKind::TimedOut => Run::Failed(format!(
            "{program} did not finish within {} s and was stopped",
            limit.as_secs()
        )),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Run::Missing,
        Err(error) => Run::Failed(format!("{program} could not be started: {error}")),
        Ok(output) if output.status.success() => {
            Run::Output(String::from_utf8_lossy(&output.stdout).into_owned())
        }
        Ok(output) => {
            let said = String::from_utf8_lossy(&output.stderr);
            let said = match said.trim() {
                "" => String::from_utf8_lossy(&output.stdout).trim().to_string(),
                said => said.to_string(),
            };
            Run::Failed(said)
        }
    }
}

/// The output of `child`, or `TimedOut` (the child killed) when it runs past `limit`. Its
/// output is read on threads meanwhile, so a large one cannot block it.
fn within(mut child: Child, limit: Duration) -> std::io::Result<Output> {
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Ok(Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// Reads all of `pipe` on a thread of its own.
fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

/// Where a finding on rendered output was traced to, in the check's span space.
struct Traced {
    span: Span,
    related: Vec<(Span, String)>,
}

/// How a renderer's output maps back to its sources.
trait Trace {
    /// The source span of `span`, which lies in `object` of the `rendered` output; files
    /// read to find it are attached to `out`.
    fn trace(
        &mut self,
        rendered: &str,
        object: &kubernetes::Object<'_>,
        span: &Span,
        out: &mut Outcome,
    ) -> Option<Traced>;
}

/// Checks `rendered`, the output of `command`, as the rendering of `main`: every object's
/// rules and workload, with findings and workloads traced to their sources by `tracer`,
/// or else left in the rendered output (attached to the check) with a note that says so.
fn check_rendered(
    main: &SourceFile,
    rendered: SourceFile,
    command: &str,
    settings: &Settings,
    out: &mut Outcome,
    tracer: &mut dyn Trace,
) {
    let (base, rendered) = attach(main.text.len(), out, rendered);
    let parsed = yaml::parse(&rendered);
    let enabled = |rule: &RuleMeta| settings.enabled(rule);
    let mut suppressions = suppress::yaml_comments(&rendered, &parsed.documents);
    let mut findings = Vec::new();
    let mut checked = Outcome::default();
    let objects: Vec<kubernetes::Object<'_>> = parsed
        .documents
        .iter()
        .flat_map(|d| kubernetes::objects(d, &rendered.text))
        .collect();
    for object in &objects {
        check_object(
            object,
            &enabled,
            &mut findings,
            &mut suppressions,
            &mut checked,
        );
    }
    if let Some(error) = parsed.error {
        let message = format!("YAML syntax: {}", error.message);
        findings.push(parse_error(error.span, message));
    }
    suppress::apply(&mut findings, &mut suppressions, &enabled);
    // The objects are in the order of the output, so the one a span starts in is found by
    // a binary search.
    let within = |span: &Span| {
        let after = objects.partition_point(|o| o.node.span.start <= span.start);
        let object = objects.get(after.checked_sub(1)?)?;
        (span.start <= object.node.span.end).then_some(object)
    };
    let untraced = |object: Option<&kubernetes::Object<'_>>| {
        let what = object.map_or_else(String::new, |o| format!(", {}", o.label()));
        format!(" (in the output of `{command}`{what}: no line of its sources could be traced)")
    };
    for mut finding in findings {
        // A fix would edit the rendered output, which no one keeps.
        finding.fix = None;
        let object = within(&finding.span);
        match object.and_then(|o| tracer.trace(&rendered.text, o, &finding.span, out)) {
            Some(traced) => {
                finding.span = traced.span;
                finding.related.extend(traced.related);
            }
            None => {
                finding.message.push_str(&untraced(object));
                finding.span = shift(&finding.span, base);
            }
        }
        out.findings.push(finding);
    }
    // The set-level rules judge rendered objects with the others, at traced spans too.
    for mut facts in checked.objects {
        let mut note = None;
        for span in facts.spans_mut() {
            let object = within(span);
            match object.and_then(|o| tracer.trace(&rendered.text, o, span, out)) {
                Some(traced) => *span = traced.span,
                None => {
                    note = Some(untraced(object));
                    *span = shift(span, base);
                }
            }
        }
        facts.untraced = note;
        out.objects.push(facts);
    }
    for mut workload in checked.workloads {
        // A name kustomize prefixed is found by its key where the object is declared.
        let traced = within(&workload.span).and_then(|object| {
            let name_key = object
                .node
                .get("metadata")
                .and_then(|m| m.value.get("name"))
                .map(|name| name.key.span.clone());
            tracer
                .trace(&rendered.text, object, &workload.span, out)
                .or_else(|| tracer.trace(&rendered.text, object, &name_key?, out))
        });
        workload.span = match traced {
            Some(traced) => traced.span,
            None => shift(&workload.span, base),
        };
        for fact in &mut workload.facts {
            fact.span = shift(&fact.span, base);
        }
        out.workloads.push(workload);
    }
}

fn shift(span: &Span, base: usize) -> Span {
    span.start + base..span.end + base
}

/// The notice for sources that were not rendered, at `span` of the file checked.
fn not_rendered(span: Span, message: String, help: String) -> Finding {
    Finding::new(&realtor::template_skipped::META, span, message).help(help)
}
