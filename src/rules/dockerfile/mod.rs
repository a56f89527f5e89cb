//! Dockerfile rules. They judge the syntax tree of [`crate::syntax::dockerfile`].

pub mod latest_tag;
pub mod maintainer;
pub mod relative_workdir;
pub mod root_user;
pub mod shell_form_cmd;
pub mod untagged_base_image;

use crate::image::ImageRef;
use crate::source::Span;
use crate::syntax::dockerfile::{Dockerfile, Instruction};

/// Each stage's base image that is a real image (not `scratch`, not an earlier stage),
/// with `ARG` defaults resolved, and the span of the image as written.
pub fn base_images(dockerfile: &Dockerfile<'_>) -> Vec<(String, Span)> {
    let mut images = Vec::new();
    for (index, stage) in dockerfile.stages.iter().enumerate() {
        let Instruction::From(from) = &dockerfile.instructions[stage.from] else {
            continue;
        };
        let Some(image) = dockerfile.resolved_image(stage) else {
            continue;
        };
        let earlier_stage = dockerfile.stages[..index].iter().any(|s| {
            s.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(&image))
        });
        if image.eq_ignore_ascii_case("scratch") || earlier_stage {
            continue;
        }
        images.push((image, from.image.span.clone()));
    }
    images
}

/// True when an image reference has neither tag nor digest.
pub fn is_untagged(image: &str) -> bool {
    let image = ImageRef::parse(image);
    image.tag.is_none() && image.digest.is_none()
}
