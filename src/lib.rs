//! realtor: lints Dockerfiles, Kubernetes manifests and VM inventories, and advises
//! whether each workload belongs in a container or a virtual machine.
//!
//! Data flows one way: [`discover`] files, parse each format into its own syntax tree
//! ([`syntax`]), extract the common [`model`], run [`rules`], then [`render`].

pub mod advise;
pub mod baseline;
pub mod build_context;
pub mod check;
pub mod cli;
pub mod config;
pub mod decode;
pub mod diagnostic;
pub mod discover;
pub mod extract;
pub mod image;
pub mod importers;
pub mod inventory;
pub mod kubernetes;
pub mod model;
pub mod objectset;
pub mod os;
pub mod packages;
pub mod progress;
pub mod read;
pub mod render;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod syntax;
