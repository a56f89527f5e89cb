//! K030 dangling-service: the Service's selector matches no pod template among the files checked.

use crate::rules::Severity;
use crate::model::objects::SetView;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, SetSpan};

pub static META: RuleMeta = RuleMeta {
    id: "K030",
    name: "dangling-service",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["dangling-service"],
    summary: "The Service's selector matches no pod template among the files checked.",
    help: "Make the selector match the labels of the pods that serve it, or lint the files that define them together.",
    doc: include_str!("../../../rules/kubernetes/K030-dangling-service.md"),
    extra: Extra {
        set_span: Some(SetSpan::Selector),
        ..Extra::NONE
    },
};

pub fn check(set: &SetView<'_>, report: &mut Report<'_>) {
    let Some((selector, span)) = &set.object.selector else {
        return;
    };
    let selected = set.all.iter().any(|other| {
        other.same_namespace(set.object)
            && other
                .pod_labels
                .as_ref()
                .is_some_and(|labels| selector.iter().all(|(k, v)| labels.get(k) == Some(v)))
    });
    if !selected {
        let shown: Vec<String> = selector.iter().map(|(k, v)| format!("{k}={v}")).collect();
        report.at(
            span.clone(),
            format!(
                "selector `{}` of {} matches no pod template in the files checked",
                shown.join(","),
                set.object.label
            ),
        );
    }
}
