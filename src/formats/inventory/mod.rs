//! The native VM inventory format, schema v1 (`apiVersion: realtor.dev/v1`, `kind: Inventory`).
//!
//! This module owns the Rust types of the schema, their serde decoding and encoding, and
//! [`decode`], which turns a parsed YAML (or JSON) document into an [`Inventory`] while
//! collecting the paths of keys the schema does not know (the path tracking itself is shared
//! with other formats in `crate::formats::decode`). The published JSON Schema
//! (`schemas/inventory-v1.json`) is generated from these types by a unit test, and the
//! user-facing reference lives in `docs/inventory.md`.
//!
//! Unknown means unknown: every optional field is an `Option`, lists are `Option<Vec<_>>` so
//! that "not recorded" differs from "recorded as empty", and an absent flag is never `false`.

use std::fmt;

use crate::syntax::yaml::{Entry, Node, NodeKind, PathSegment};
use serde::{Deserialize, Deserializer, de};

mod devices;
mod machine;
#[cfg(test)]
mod tests;
mod workloads;

pub use devices::*;
pub use machine::*;
pub use workloads::*;

/// The only `apiVersion` this module decodes.
pub const API_VERSION: &str = "realtor.dev/v1";

/// The only `kind` this module decodes.
pub const KIND: &str = "Inventory";

pub use crate::formats::decode::DecodeError;

/// A decoded inventory and the keys in it that the schema does not know.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub inventory: Inventory,
    /// Paths of unknown keys, e.g. `machines[0].compute.vpcus`, in document order.
    pub unknown_keys: Vec<crate::formats::decode::KeyPath>,
}

/// Decodes a parsed YAML or JSON document as an inventory.
///
/// Besides the type checks of the schema, this checks `apiVersion` and `kind`, and that
/// every machine has a non-empty name. Keys the schema does not know are not errors: they
/// are returned in [`Decoded::unknown_keys`]. Duplicate machine names are not errors either
/// (rule V002 reports them).
pub fn decode(value: serde_yaml::Value) -> Result<Decoded, DecodeError> {
    checked(crate::formats::decode::decode(value)?)
}

fn checked(decoded: crate::formats::decode::Decoded<Inventory>) -> Result<Decoded, DecodeError> {
    check_machine_names(&decoded.value.machines)?;
    Ok(Decoded {
        inventory: decoded.value,
        unknown_keys: decoded.unknown_keys,
    })
}

/// Decodes an inventory's syntax tree directly, with no intermediate value tree: the header
/// once, then each machine on its own and in parallel. Errors and unknown keys carry the
/// same paths and messages as [`decode`] gives.
pub fn decode_tree(root: &Node) -> Result<Decoded, DecodeError> {
    use rayon::prelude::*;
    let machines = match root.get("machines").map(|e| &e.value.kind) {
        Some(NodeKind::Sequence(items)) => items,
        _ => return checked(crate::formats::decode::decode_node(root)?),
    };
    let header: Vec<Entry> = root
        .entries()
        .iter()
        .map(|e| Entry {
            key: e.key.clone(),
            value: match e.key.as_str() {
                Some("machines") => Node::new(NodeKind::Sequence(Vec::new()), e.value.span.clone()),
                _ => e.value.clone(),
            },
        })
        .collect();
    let header = Node::new(NodeKind::Mapping(header), root.span.clone());
    let header = crate::formats::decode::decode_node::<Inventory>(&header)?;
    let decoded: Vec<_> = machines
        .par_iter()
        .enumerate()
        .map(|(index, node)| {
            let prefix = [PathSegment::Key("machines"), PathSegment::Index(index)];
            match crate::formats::decode::decode_node::<Machine>(node) {
                Ok(machine) => Ok((
                    machine.value,
                    machine
                        .unknown_keys
                        .into_iter()
                        .map(|p| p.under(&prefix))
                        .collect::<Vec<_>>(),
                )),
                Err(error) => Err(DecodeError {
                    path: error.path.under(&prefix),
                    message: error.message,
                }),
            }
        })
        .collect();
    let mut inventory = header.value;
    let mut unknown_keys = header.unknown_keys;
    for machine in decoded {
        let (machine, unknown) = machine?;
        unknown_keys.extend(unknown);
        inventory.machines.push(machine);
    }
    check_machine_names(&inventory.machines)?;
    Ok(Decoded {
        inventory,
        unknown_keys,
    })
}

/// Checks that every machine has a non-empty name. Duplicate names decode; rule V002
/// (duplicate-machine) reports them with their position.
fn check_machine_names(machines: &[Machine]) -> Result<(), DecodeError> {
    match machines.iter().position(|m| m.name.trim().is_empty()) {
        Some(index) => Err(DecodeError {
            path: crate::formats::decode::KeyPath(vec![
                crate::formats::decode::Step::Key("machines".into()),
                crate::formats::decode::Step::Index(index),
                crate::formats::decode::Step::Key("name".into()),
            ]),
            message: "machine name must not be empty".to_owned(),
        }),
        None => Ok(()),
    }
}

fn api_version<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    expect_exact(deserializer, "apiVersion", API_VERSION)
}

fn kind<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    expect_exact(deserializer, "kind", KIND)
}

fn expect_exact<'de, D: Deserializer<'de>>(
    deserializer: D,
    key: &str,
    expected: &str,
) -> Result<String, D::Error> {
    let value = String::deserialize(deserializer)?;
    if value == expected {
        Ok(value)
    } else {
        Err(de::Error::custom(format_args!(
            "unsupported {key} `{value}`, expected `{expected}`"
        )))
    }
}

/// A string that may have been written as a bare YAML number (`version: 22.04`).
struct StringOrNumber(String);

impl<'de> Deserialize<'de> for StringOrNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl de::Visitor<'_> for Visitor {
            type Value = StringOrNumber;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string (quoted version) or a number")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(StringOrNumber(v.to_owned()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(StringOrNumber(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(StringOrNumber(v.to_string()))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(StringOrNumber(v.to_string()))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(StringOrNumber(v.to_string()))
            }
        }

        deserializer.deserialize_any(Visitor)
    }
}

/// A VM inventory file as inventory rules see it.
#[derive(Debug)]
pub struct InventoryFile<'a> {
    pub inventory: &'a Inventory,
    pub node: &'a crate::syntax::yaml::Node,
    /// Paths (relative to `node`) of keys the schema does not know.
    pub unknown_keys: &'a [crate::formats::decode::KeyPath],
}

#[cfg(test)]
impl schemars::JsonSchema for StringOrNumber {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "StringOrNumber".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["string", "number"] })
    }
}

/// Deserializes an optional string, accepting a bare number in its place.
fn string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(Option::<StringOrNumber>::deserialize(deserializer)?.map(|v| v.0))
}
