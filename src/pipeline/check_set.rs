//! The second phase of a run, after every file has been checked: the rules over the whole
//! set of Kubernetes objects, those of rendered charts and overlays among them.

use super::Settings;
use crate::model::objects::{ObjectFacts, SetView};
use crate::report::{Diagnostic, FileReport};
use crate::rules::{self, Finding, RuleMeta, Subject};

/// The second phase, after every file has been checked: rules that judge each object
/// against all the objects of the set (a Service's selector against every pod template).
/// Their findings join the report of the object's file.
pub fn check_set(reports: &mut [FileReport], settings: &Settings) {
    let enabled = |rule: &RuleMeta| settings.enabled(rule);
    let all: Vec<&ObjectFacts> = reports.iter().flat_map(|r| &r.objects).collect();
    let mut found: Vec<(usize, Finding)> = Vec::new();
    for (index, report) in reports.iter().enumerate() {
        for object in &report.objects {
            let mut findings = Vec::new();
            let view = SetView { object, all: &all };
            rules::run(
                &Subject::ObjectSet(&view),
                &enabled,
                &settings.options,
                &mut findings,
            );
            for mut finding in findings {
                if !object.suppressed.contains(&finding.rule.id) {
                    finding.workload = Some(object.label.clone());
                    if let Some(note) = &object.untraced {
                        finding.message.push_str(note);
                    }
                    found.push((index, finding));
                }
            }
        }
    }
    for (index, finding) in found {
        let report = &mut reports[index];
        if let Some(severity) = settings.severity(finding.rule) {
            // A rendered object's span may be in a file its chart or overlay read.
            let (file, span) = report.place(&finding.span);
            let file = file.clone();
            let diagnostic = Diagnostic::new(Finding { span, ..finding }, severity, &file);
            report.diagnostics.push(diagnostic);
        }
    }
    for report in reports {
        report
            .diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
}
