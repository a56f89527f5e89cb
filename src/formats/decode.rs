//! Typed decoding of YAML values with the path of every failure and of every key the
//! target type does not know, so callers can point at the exact key in the source.
//! Paths are kept as steps, not text, so keys that contain dots (`a.b: 1`) stay one key.

use std::fmt;

use serde::de::{DeserializeOwned, Deserializer};

use crate::syntax::yaml::{Node, PathSegment};

mod node;

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A path into a document, shown as `spec.containers[0].image`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyPath(pub Vec<Step>);

impl KeyPath {
    /// The path in the form [`crate::syntax::yaml::Node::lookup`] takes.
    pub fn segments(&self) -> Vec<PathSegment<'_>> {
        self.0
            .iter()
            .map(|step| match step {
                Step::Key(key) => PathSegment::Key(key),
                Step::Index(index) => PathSegment::Index(*index),
            })
            .collect()
    }

    /// The last key of the path, if it ends in one.
    pub fn last_key(&self) -> Option<&str> {
        match self.0.last() {
            Some(Step::Key(key)) => Some(key),
            _ => None,
        }
    }

    /// This path below `prefix`.
    pub fn under(mut self, prefix: &[PathSegment<'_>]) -> KeyPath {
        let mut steps: Vec<Step> = prefix
            .iter()
            .map(|segment| match segment {
                PathSegment::Key(key) => Step::Key(key.to_string()),
                PathSegment::Index(index) => Step::Index(*index),
            })
            .collect();
        steps.append(&mut self.0);
        KeyPath(steps)
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str(".");
        }
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(key) if i == 0 => f.write_str(key)?,
                Step::Key(key) => write!(f, ".{key}")?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Why a value did not decode, at `path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub path: KeyPath,
    pub message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for DecodeError {}

/// A decoded value and the paths of keys it ignored, in document order.
#[derive(Debug)]
pub struct Decoded<T> {
    pub value: T,
    pub unknown_keys: Vec<KeyPath>,
}

pub fn decode<T: DeserializeOwned>(value: serde_yaml::Value) -> Result<Decoded<T>, DecodeError> {
    decode_from(value)
}

/// Decodes straight from the syntax tree, as [`decode`] decodes `node.to_value()`.
pub fn decode_node<T: DeserializeOwned>(node: &Node) -> Result<Decoded<T>, DecodeError> {
    decode_from(node::NodeDeserializer(node))
}

fn decode_from<'de, T: DeserializeOwned, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Decoded<T>, DecodeError> {
    let mut unknown_keys = Vec::new();
    let mut record = |path: serde_ignored::Path<'_>| {
        let mut steps = Vec::new();
        ignored_steps(&path, &mut steps);
        unknown_keys.push(KeyPath(steps));
    };
    let deserializer = serde_ignored::Deserializer::new(deserializer, &mut record);
    match serde_path_to_error::deserialize(deserializer) {
        Ok(value) => Ok(Decoded {
            value,
            unknown_keys,
        }),
        Err(error) => {
            use serde_path_to_error::Segment;
            let steps = error
                .path()
                .iter()
                .filter_map(|segment| match segment {
                    Segment::Seq { index } => Some(Step::Index(*index)),
                    Segment::Map { key } => Some(Step::Key(key.clone())),
                    Segment::Enum { .. } | Segment::Unknown => None,
                })
                .collect();
            Err(DecodeError {
                path: KeyPath(steps),
                message: error.into_inner().to_string(),
            })
        }
    }
}

fn ignored_steps(path: &serde_ignored::Path<'_>, steps: &mut Vec<Step>) {
    use serde_ignored::Path;
    match path {
        Path::Root => {}
        Path::Seq { parent, index } => {
            ignored_steps(parent, steps);
            steps.push(Step::Index(*index));
        }
        Path::Map { parent, key } => {
            ignored_steps(parent, steps);
            steps.push(Step::Key(key.clone()));
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => ignored_steps(parent, steps),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        items: Vec<Inner>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        count: Option<u32>,
    }

    fn value(text: &str) -> serde_yaml::Value {
        serde_yaml::from_str(text).expect("test YAML")
    }

    #[test]
    fn unknown_keys_keep_their_steps() {
        let decoded: Decoded<Outer> =
            decode(value("items:\n- count: 1\n  cuont: 2\n  a.b: 3\n")).unwrap();
        let shown: Vec<String> = decoded
            .unknown_keys
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(shown, vec!["items[0].cuont", "items[0].a.b"]);
        assert_eq!(decoded.unknown_keys[1].last_key(), Some("a.b"));
        assert_eq!(decoded.unknown_keys[1].0.len(), 3);
    }

    #[test]
    fn failures_name_their_path() {
        let error = decode::<Outer>(value("items:\n- count: many\n")).unwrap_err();
        assert_eq!(error.path.to_string(), "items[0].count");
        assert!(error.message.contains("invalid type"), "{}", error.message);
        let root = decode::<Outer>(value("[1]\n")).unwrap_err();
        assert_eq!(root.path.to_string(), ".");
    }
}
