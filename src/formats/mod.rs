//! The typed formats realtor reads from syntax trees: Kubernetes objects ([`kubernetes`]),
//! Docker Compose files ([`compose`]), the native inventory ([`inventory`]) and the VM exports imported into
//! it ([`importers`]), with the serde decoding they share (`decode`), and what is known
//! of operating systems (`os`) and image references (`image`).

pub mod compose;
pub(crate) mod decode;
pub(crate) mod image;
pub mod importers;
pub mod inventory;
pub mod kubernetes;
pub(crate) mod os;
