//! A serde [`Deserializer`] over the YAML syntax tree, so a large document is decoded
//! without first being copied into a [`serde_yaml::Value`]. Scalars are typed as
//! [`Node::to_value`] types them, and every request is answered as the `Value`
//! deserializer answers it: null reads as an empty sequence or map, enums are strings, and
//! a repeated key keeps its first position with its last value. Errors and unknown keys
//! therefore read the same either way.

use std::collections::HashMap;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    Visitor,
};

use crate::syntax::yaml::{Entry, Node, NodeKind, Typed};

/// A decoding failure; its text is serde's, as with `serde_yaml::Value`.
#[derive(Debug)]
pub struct Error(String);

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// Deserializes the node it holds.
#[derive(Clone, Copy)]
pub struct NodeDeserializer<'de>(pub &'de Node);

/// Mappings this long or shorter are searched for repeated keys pairwise.
const PAIRWISE: usize = 16;

impl<'de> NodeDeserializer<'de> {
    fn typed(self) -> Option<Typed<'de>> {
        match &self.0.kind {
            NodeKind::Scalar(scalar) => Some(scalar.typed()),
            _ => None,
        }
    }

    fn unexpected(self) -> Unexpected<'de> {
        match (&self.0.kind, self.typed()) {
            (_, Some(Typed::Null)) => Unexpected::Unit,
            (_, Some(Typed::Bool(b))) => Unexpected::Bool(b),
            (_, Some(Typed::Unsigned(n))) => Unexpected::Unsigned(n),
            (_, Some(Typed::Signed(n))) => Unexpected::Signed(n),
            (_, Some(Typed::Float(n))) => Unexpected::Float(n),
            (_, Some(Typed::Str(s))) => Unexpected::Str(s),
            (NodeKind::Sequence(_), _) => Unexpected::Seq,
            _ => Unexpected::Map,
        }
    }

    fn invalid_type(self, expected: &dyn de::Expected) -> Error {
        de::Error::invalid_type(self.unexpected(), expected)
    }

    fn is_null(self) -> bool {
        self.typed() == Some(Typed::Null)
    }
}

impl<'de> Deserializer<'de> for NodeDeserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.kind {
            NodeKind::Scalar(scalar) => match scalar.typed() {
                Typed::Null => visitor.visit_unit(),
                Typed::Bool(b) => visitor.visit_bool(b),
                Typed::Unsigned(n) => visitor.visit_u64(n),
                Typed::Signed(n) => visitor.visit_i64(n),
                Typed::Float(n) => visitor.visit_f64(n),
                Typed::Str(s) => visitor.visit_borrowed_str(s),
            },
            NodeKind::Sequence(items) => visit_sequence(items, visitor),
            NodeKind::Mapping(entries) => visit_mapping(entries, visitor),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.typed() {
            Some(Typed::Str(s)) => visitor.visit_borrowed_str(s),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match (&self.0.kind, self.typed()) {
            (_, Some(Typed::Str(s))) => visitor.visit_borrowed_str(s),
            (NodeKind::Sequence(items), _) => visit_sequence(items, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            visitor.visit_unit()
        } else {
            Err(self.invalid_type(&visitor))
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.kind {
            NodeKind::Sequence(items) => visit_sequence(items, visitor),
            _ if self.is_null() => visit_sequence(&[], visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.kind {
            NodeKind::Mapping(entries) => visit_mapping(entries, visitor),
            _ if self.is_null() => visit_mapping(&[], visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.typed() {
            Some(Typed::Str(variant)) => visitor.visit_enum(variant.into_deserializer()),
            _ => Err(self.invalid_type(&"a Value::Tagged enum")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64
    }
}

fn visit_sequence<'de, V: Visitor<'de>>(items: &'de [Node], visitor: V) -> Result<V::Value, Error> {
    let mut access = Items(items.iter());
    let value = visitor.visit_seq(&mut access)?;
    if access.0.len() == 0 {
        Ok(value)
    } else {
        Err(de::Error::invalid_length(
            items.len(),
            &"fewer elements in sequence",
        ))
    }
}

fn visit_mapping<'de, V: Visitor<'de>>(
    entries: &'de [Entry],
    visitor: V,
) -> Result<V::Value, Error> {
    let pairs = match merge_repeated(entries) {
        Some(merged) => PairIter::Merged(merged.into_iter()),
        None => PairIter::Entries(entries.iter()),
    };
    let len = pairs.len();
    let mut access = Pairs { pairs, value: None };
    let value = visitor.visit_map(&mut access)?;
    if access.pairs.len() == 0 {
        Ok(value)
    } else {
        Err(de::Error::invalid_length(len, &"fewer elements in map"))
    }
}

/// The entries with each repeated key kept at its first position and given its last
/// value, as a `serde_yaml::Mapping` keeps them; `None` when no key repeats.
fn merge_repeated(entries: &[Entry]) -> Option<Vec<(&Node, &Node)>> {
    if entries.len() <= PAIRWISE {
        let mut keys = [Typed::Null; PAIRWISE];
        let mut all_scalars = true;
        for (slot, entry) in keys.iter_mut().zip(entries) {
            match &entry.key.kind {
                NodeKind::Scalar(scalar) => *slot = scalar.typed(),
                _ => all_scalars = false,
            }
        }
        let keys = &keys[..entries.len()];
        let repeats = (1..keys.len()).any(|i| keys[..i].contains(&keys[i]));
        if all_scalars && !repeats {
            return None;
        }
    }
    let mut first_at: HashMap<serde_yaml::Value, usize> = HashMap::new();
    let mut pairs: Vec<(&Node, &Node)> = Vec::with_capacity(entries.len());
    for entry in entries {
        match first_at.entry(entry.key.to_value()) {
            std::collections::hash_map::Entry::Occupied(at) => pairs[*at.get()].1 = &entry.value,
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(pairs.len());
                pairs.push((&entry.key, &entry.value));
            }
        }
    }
    (pairs.len() < entries.len()).then_some(pairs)
}

struct Items<'de>(std::slice::Iter<'de, Node>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|item| seed.deserialize(NodeDeserializer(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// A mapping's key-value pairs, with repeated keys merged when there are any.
enum PairIter<'de> {
    Entries(std::slice::Iter<'de, Entry>),
    Merged(std::vec::IntoIter<(&'de Node, &'de Node)>),
}

impl<'de> Iterator for PairIter<'de> {
    type Item = (&'de Node, &'de Node);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            PairIter::Entries(entries) => entries.next().map(|e| (&e.key, &e.value)),
            PairIter::Merged(pairs) => pairs.next(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            PairIter::Entries(entries) => entries.size_hint(),
            PairIter::Merged(pairs) => pairs.size_hint(),
        }
    }
}

impl ExactSizeIterator for PairIter<'_> {}

struct Pairs<'de> {
    pairs: PairIter<'de>,
    value: Option<&'de Node>,
}

impl<'de> MapAccess<'de> for Pairs<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.pairs.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(NodeDeserializer(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(NodeDeserializer(value)),
            None => Err(de::Error::custom(
                "a map value was asked for before its key",
            )),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.pairs.len())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use crate::formats::decode::{decode, decode_node};
    use crate::input::source::SourceFile;
    use crate::syntax::yaml;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Mode {
        Fast,
        Slow,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    struct Inner {
        count: Option<u32>,
        name: String,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Strict {
        #[serde(rename = "only")]
        _only: u8,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    struct Probe {
        name: Option<String>,
        count: Option<u32>,
        delta: Option<i64>,
        ratio: Option<f64>,
        flag: Option<bool>,
        letter: Option<char>,
        modes: Vec<Mode>,
        tags: Option<BTreeMap<String, String>>,
        items: Vec<Inner>,
        nested: Option<Inner>,
        empty: Inner,
        unit: Option<()>,
        pair: Option<(u8, String)>,
        strict: Option<Strict>,
        any: Option<serde_yaml::Value>,
    }

    /// Decodes `text` both ways and shows each result as text.
    fn both(text: &str) -> (String, String) {
        let file = SourceFile::new("probe.yaml".to_owned(), text);
        let parsed = yaml::parse(&file);
        let root = &parsed.documents[0].root;
        let show = |decoded: Result<crate::formats::decode::Decoded<Probe>, _>| match decoded {
            Ok(decoded) => format!("{:?} unknown {:?}", decoded.value, decoded.unknown_keys),
            Err(error) => format!("error {error}"),
        };
        (show(decode(root.to_value())), show(decode_node(root)))
    }

    #[test]
    fn the_tree_decodes_as_its_value_does() {
        let many_tags: String = (0..20).map(|i| format!("  k{}: v{i}\n", i % 18)).collect();
        let cases = [
            "name: web\ncount: 3\n".to_owned(),
            "count: 0x10\ndelta: -0o7\nratio: .5\nflag: True\nletter: x\n".into(),
            "delta: -0\nratio: .nan\n".into(),
            "ratio: 18446744073709551616\n".into(),
            "modes: [fast, slow]\n".into(),
            "nested:\nempty: ~\nitems: ~\n".into(),
            "items: [{count: 1}, {cuont: 2, name: b}]\nextra: {deep: 1}\n".into(),
            "name: a\nname: b\nnested: {count: 1, count: 2, other: 3}\n".into(),
            format!("tags:\n{many_tags}"),
            "unit: ~\npair: [1, x]\n".into(),
            "name: !!str 5\nany: {a: [1, '2', ~]}\n".into(),
            "strict: {only: 1}\n".into(),
        ];
        let failures = [
            "count: -1\n",
            "count: 1.0\n",
            "count: many\n",
            "name: [a]\n",
            "name: 5\n",
            "flag: yes\n",
            "letter: xy\n",
            "modes: [Fast]\n",
            "modes: [{fast: 1}]\n",
            "modes: [1]\n",
            "items: 5\n",
            "empty: 5\n",
            "tags: {a: 1}\n",
            "tags: {1: b}\n",
            "unit: 0\n",
            "pair: [1, x, extra]\n",
            "pair: [300, x]\n",
            "strict: {only: 1, other: 2}\n",
            "? [a]\n: 1\n",
            "- 1\n",
        ];
        for text in cases.iter().map(String::as_str).chain(failures) {
            let (from_value, from_tree) = both(text);
            assert_eq!(from_value, from_tree, "{text}");
        }
        for text in failures {
            assert!(both(text).1.starts_with("error "), "{text}");
        }
        assert!(both(&cases[8]).1.contains("\"k0\": \"v18\""));
    }
}
