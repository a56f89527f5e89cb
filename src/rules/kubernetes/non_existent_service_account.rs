//! K031 non-existent-service-account: the pod names a ServiceAccount that none of the files checked defines.

use crate::rules::Severity;
use crate::model::objects::SetView;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, SetSpan};

pub static META: RuleMeta = RuleMeta {
    id: "K031",
    name: "non-existent-service-account",
    severity: Severity::Warning,
    applies_to: AppliesTo::Kubernetes,
    aliases: &["non-existent-service-account"],
    summary: "The pod names a ServiceAccount that none of the files checked defines.",
    help: "Add the ServiceAccount to the manifests, or fix the name.",
    doc: include_str!("../../../rules/kubernetes/K031-non-existent-service-account.md"),
    extra: Extra {
        set_span: Some(SetSpan::ServiceAccount),
        ..Extra::NONE
    },
};

pub fn check(set: &SetView<'_>, report: &mut Report<'_>) {
    let Some((account, span)) = &set.object.service_account else {
        return;
    };
    if account == "default" || !is_dns_subdomain(account) {
        return;
    }
    let defined = set.all.iter().any(|other| {
        other.kind == "ServiceAccount"
            && other.name.as_deref() == Some(account.as_str())
            && other.same_namespace(set.object)
    });
    if !defined {
        report.at(
            span.clone(),
            format!("service account `{account}` is not defined in the files checked"),
        );
    }
}

/// Whether a name can be an object's name at all (lowercase letters, digits, `-` and
/// `.`); anything else is a placeholder left for a renderer (`${SA_NAME}`, `<KSA_NAME>`).
fn is_dns_subdomain(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
}
