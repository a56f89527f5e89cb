//! Running the rules: one file end to end ([`check`]), the rules over the whole set of
//! files afterwards, suppressions ([`suppress`]), the configuration file ([`config`]),
//! baselines of accepted findings ([`baseline`]) and the index of Kubernetes objects that
//! set-level rules read ([`objectset`]).

pub mod baseline;
pub mod check;
pub mod config;
pub mod objectset;
pub mod suppress;
