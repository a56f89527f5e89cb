//! D040 untrusted-registry: a base image from a registry outside `trusted-registries`.

use crate::rules::Severity;
use crate::formats::image::ImageRef;
use crate::syntax::dockerfile::Dockerfile;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "D040",
    name: "untrusted-registry",
    severity: Severity::Error,
    applies_to: AppliesTo::Dockerfile,
    aliases: &["DL3026"],
    summary: "The base image comes from a registry that is not in `trusted-registries`.",
    help: "Pull the image through a trusted registry or mirror, or add the registry to `trusted-registries` in `.realtor.yaml`.",
    doc: include_str!("../../../rules/dockerfile/D040-untrusted-registry.md"),
    extra: Extra::NONE,
};

pub fn check(dockerfile: &Dockerfile<'_>, report: &mut Report<'_>) {
    let trusted = &report.options().trusted_registries;
    if trusted.is_empty() {
        return;
    }
    let untrusted: Vec<_> = super::base_images(dockerfile)
        .into_iter()
        .filter_map(|(image, span)| {
            let registry = registry(&image);
            let allowed = trusted.iter().any(|t| matches(t, registry));
            (!allowed).then(|| {
                (
                    span,
                    format!("`{image}` comes from `{registry}`, which is not trusted"),
                )
            })
        })
        .collect();
    for (span, message) in untrusted {
        report.at(span, message);
    }
}

/// The registry host of an image reference; Docker Hub when the name has none.
fn registry(image: &str) -> &str {
    let name = ImageRef::parse(image).name;
    match name.split_once('/') {
        Some((first, _)) if first.contains(['.', ':']) || first == "localhost" => first,
        _ => "docker.io",
    }
}

/// `trusted` is a host, or `*.domain` for any host under the domain.
fn matches(trusted: &str, registry: &str) -> bool {
    let registry = registry.to_ascii_lowercase();
    let trusted = trusted.to_ascii_lowercase();
    match trusted.strip_prefix("*.") {
        Some(domain) => registry.ends_with(&format!(".{domain}")),
        None => registry == trusted || (trusted == "docker.io" && registry == "index.docker.io"),
    }
}
