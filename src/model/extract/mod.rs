//! Extraction of the common [`Workload`](super::Workload) model from each format's syntax
//! tree, one module per format. Every fact carries the span that proves it; what a file
//! does not say is left out, never guessed.

pub(crate) mod build_context;
mod compose;
mod dockerfile;
mod inventory;
mod kubernetes;

pub use compose::compose;
pub use dockerfile::dockerfile;
pub use inventory::inventory;
pub use kubernetes::kubernetes;

use crate::model::OsFact;

/// The OS an official base image names, as a fact.
pub fn os_of_image(image: &str) -> Option<OsFact> {
    crate::formats::os::of_image(image).map(|os| OsFact {
        family: Some(os.family.into()),
        distro: Some(os.distro),
        version: os.version,
    })
}
