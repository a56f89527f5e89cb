//! Typed decoding of YAML values with the path of every failure and of every key the
//! target type does not know, so callers can point at the exact key in the source.

use serde::de::DeserializeOwned;

/// Why a value did not decode, at `path` (`spec.containers[0].image`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for DecodeError {}

/// A decoded value and the paths of keys it ignored, in document order.
#[derive(Debug)]
pub struct Decoded<T> {
    pub value: T,
    pub unknown_keys: Vec<String>,
}

pub fn decode<T: DeserializeOwned>(value: serde_yaml::Value) -> Result<Decoded<T>, DecodeError> {
    let mut unknown_keys = Vec::new();
    let mut record = |path: serde_ignored::Path<'_>| unknown_keys.push(bracketed(&path));
    let deserializer = serde_ignored::Deserializer::new(value, &mut record);
    match serde_path_to_error::deserialize(deserializer) {
        Ok(value) => Ok(Decoded {
            value,
            unknown_keys,
        }),
        Err(error) => Err(DecodeError {
            path: error.path().to_string(),
            message: error.into_inner().to_string(),
        }),
    }
}

/// `a.b[0].c`, the form [`crate::syntax::yaml::parse_path`] reads.
fn bracketed(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", bracketed(parent)),
        Path::Map { parent, key } => {
            let parent = bracketed(parent);
            if parent.is_empty() {
                key.clone()
            } else {
                format!("{parent}.{key}")
            }
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => bracketed(parent),
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
    fn unknown_keys_are_reported_with_bracketed_paths() {
        let decoded: Decoded<Outer> = decode(value("items:\n- count: 1\n  cuont: 2\n")).unwrap();
        assert_eq!(decoded.unknown_keys, vec!["items[0].cuont"]);
    }

    #[test]
    fn failures_name_their_path() {
        let error = decode::<Outer>(value("items:\n- count: many\n")).unwrap_err();
        assert_eq!(error.path, "items[0].count");
        assert!(error.message.contains("invalid type"), "{}", error.message);
    }
}
