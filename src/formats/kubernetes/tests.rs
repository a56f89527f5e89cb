//! Tests of kubernetes.

use super::*;
use crate::input::source::SourceFile;
use crate::syntax::yaml;

fn value(text: &str) -> serde_yaml::Value {
    let parsed = yaml::parse(&SourceFile::new("t.yaml", text));
    kubectl_value(&parsed.documents[0].root)
}

#[test]
fn scalars_are_read_as_yaml_1_1_and_keys_become_strings() {
    let read = value("a: yes\nb: Off\nc: n\nd: 0644\ne: \"yes\"\nf: 'on'\n80: http\nno: x\n");
    let expected: serde_yaml::Value = serde_yaml::from_str(
        "a: true\nb: false\nc: false\nd: 420\ne: \"yes\"\nf: \"on\"\n\"80\": http\n\"false\": x\n",
    )
    .unwrap();
    assert_eq!(read, expected);
}

#[test]
fn the_quoting_hint_names_what_kubectl_reads() {
    let parsed = yaml::parse(&SourceFile::new(
        "t.yaml",
        "a: no\nb: 8080\nc: \"8080\"\nd: web\n",
    ));
    let root = &parsed.documents[0].root;
    let hint = |key: &str| quoting_hint(&root.get(key).unwrap().value);
    assert_eq!(
        hint("a").as_deref(),
        Some("kubectl reads the unquoted `no` as a boolean (YAML 1.1): quote it")
    );
    assert!(hint("b").unwrap().contains("`8080` as a number"));
    assert_eq!(hint("c"), None);
    assert_eq!(hint("d"), None);
}
