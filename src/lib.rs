//! realtor: lints Dockerfiles, Kubernetes manifests and VM inventories, and advises
//! whether each workload belongs in a container or a virtual machine.
//!
//! Data flows one way, and the folders follow it: [`input`] finds and reads files,
//! [`syntax`] parses each format into its own tree with byte spans, [`formats`] decodes the
//! typed documents (Kubernetes objects, inventories, VM exports), [`model`] extracts the
//! common workload model, [`rules`] judge trees and workloads, [`pipeline`] runs it all per
//! file and over the set of files into [`report`]s, [`advise`] weighs the placement
//! findings, [`render`] prints, and [`cli`] is the command line.

pub mod advise;
pub mod cli;
pub mod formats;
pub mod input;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod rules;
pub mod syntax;
