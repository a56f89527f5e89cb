//! The YAML tree on valid, broken and hostile input.

use super::*;
use crate::input::source::Position;

fn parse_text(text: &str) -> (SourceFile, Parsed) {
    let file = SourceFile::new("test.yaml", text);
    let parsed = parse(&file);
    (file, parsed)
}

fn root(text: &str) -> Node {
    let (_, parsed) = parse_text(text);
    assert!(parsed.error.is_none(), "{:?}", parsed.error);
    parsed
        .documents
        .into_iter()
        .next()
        .expect("a document")
        .root
}

/// The key and value text at `path`; the key is empty when the path ends in an index.
fn at<'t>(text: &'t str, node: &Node, path: &str) -> (&'t str, &'t str) {
    let located = node.lookup(&parse_path(path)).expect(path);
    (
        located.key.map_or("", |key| &text[key]),
        &text[located.node.span.clone()],
    )
}

fn pos(line: usize, column: usize) -> Position {
    Position { line, column }
}

fn error_of(text: &str) -> (SourceFile, Parsed, YamlError) {
    let (file, parsed) = parse_text(text);
    let error = parsed.error.clone().expect("an error");
    (file, parsed, error)
}

#[test]
fn block_spans_cover_exactly_the_token() {
    let text = "\
image: nginx:latest
name: 'web'
security:
  privileged: true
  caps:
    - NET_ADMIN
    - SYS_TIME   # comment

# trailing
script: &s |
  echo hi
  exit 0

next: 1
";
    let root = root(text);
    assert_eq!(at(text, &root, "image"), ("image", "nginx:latest"));
    assert_eq!(at(text, &root, "name"), ("name", "'web'"));
    assert_eq!(
        at(text, &root, "security.privileged"),
        ("privileged", "true")
    );
    let security = "privileged: true\n  caps:\n    - NET_ADMIN\n    - SYS_TIME";
    assert_eq!(at(text, &root, "security"), ("security", security));
    assert_eq!(at(text, &root, "security.caps[1]"), ("", "SYS_TIME"));
    assert_eq!(at(text, &root, "script").1, "|\n  echo hi\n  exit 0");
    assert_eq!(&text[root.span], text.trim_end());
}

#[test]
fn flow_spans_include_brackets() {
    let text = "a: {b: [1, \"two\"], c: &x d}\n";
    let root = root(text);
    assert_eq!(at(text, &root, "a").1, "{b: [1, \"two\"], c: &x d}");
    assert_eq!(at(text, &root, "a.b"), ("b", "[1, \"two\"]"));
    assert_eq!(at(text, &root, "a.b[1]").1, "\"two\"");
    assert_eq!(at(text, &root, "a.c"), ("c", "d"));
}

#[test]
fn locates_deployment_path_at_line_and_column() {
    let text = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    realtor.dev/ignore: \"R001\"
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:latest
          securityContext:
            privileged: true
";
    let (file, parsed) = parse_text(text);
    let root = &parsed.documents[0].root;
    let path = parse_path("spec.template.spec.containers[0].securityContext.privileged");
    let located = root.lookup(&path).expect("privileged");
    let key = located.key.expect("a key span");
    assert_eq!(file.position(key.start), pos(14, 13));
    assert_eq!(file.position(located.node.span.start), pos(14, 25));
    assert_eq!(located.node.to_value(), Value::Bool(true));
    let annotations = root
        .lookup(&parse_path("metadata.annotations"))
        .expect("annotations");
    let ignore = annotations
        .node
        .get("realtor.dev/ignore")
        .expect("annotation");
    assert_eq!(ignore.value.as_str(), Some("R001"));
}

#[test]
fn multi_document_stream_omits_empty_documents() {
    let text = "# head\na: 1\n...\n# between\n---\n# empty\n---\nb: [2]\n--- \n- c\n";
    let (_, parsed) = parse_text(text);
    assert!(parsed.error.is_none());
    let spans: Vec<&str> = parsed
        .documents
        .iter()
        .map(|d| &text[d.span.clone()])
        .collect();
    assert_eq!(spans, ["a: 1", "b: [2]", "- c"]);
}

#[test]
fn alias_is_a_copy_spanning_its_use() {
    let text = "base: &b {x: 1}\nuse: *b\nlist: [&s str, *s]\n";
    let root = root(text);
    let used = &root.get("use").expect("use").value;
    assert_eq!(&text[used.span.clone()], "*b");
    assert_eq!(&text[*used.alias_of.clone().expect("an alias")], "{x: 1}");
    assert_eq!(at(text, used, "x"), ("x", "1"));
    assert_eq!(at(text, &root, "list[1]").1, "*s");
    assert_eq!(
        root.lookup(&parse_path("list[1]"))
            .expect("item")
            .node
            .as_str(),
        Some("str")
    );
}

#[test]
fn merge_keys_yield_to_explicit_keys_and_earlier_sources() {
    let text = "\
base: &base
  a: 1
  b: 2
other: &other
  b: 3
  c: 4
one:
  a: 10
  <<: *base
two:
  <<: [*other, *base]
  d: 5
";
    let root = root(text);
    let keys = |path: &str| -> Vec<&str> {
        let node = root.lookup(&parse_path(path)).expect(path).node;
        node.entries()
            .iter()
            .filter_map(|e| e.key.as_str())
            .collect()
    };
    assert_eq!(keys("one"), ["a", "b"]);
    assert_eq!(keys("two"), ["b", "c", "a", "d"]);
    assert_eq!(at(text, &root, "one.a").1, "10");
    assert_eq!(at(text, &root, "two.b").1, "3");
    let merged = root.lookup(&parse_path("one.b")).expect("merged");
    assert_eq!(merged.key.map(|k| k.start), text.find("b: 2"));
}

#[test]
fn billion_laughs_exceeds_the_alias_budget() {
    let mut text = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..9 {
        let aliases = vec![format!("*l{}", level - 1); 9].join(", ");
        text.push_str(&format!("l{level}: &l{level} [{aliases}]\n"));
    }
    let (_, _, error) = error_of(&text);
    assert!(
        error.message.starts_with("alias expansion exceeds"),
        "{}",
        error.message
    );
    assert!(text[error.span].starts_with("[*l3"));
}

#[test]
fn deep_flow_nesting_is_rejected_without_overflow() {
    let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let (_, parsed, error) = error_of(&text);
    assert_eq!(error.message, "nesting deeper than 256 levels");
    assert_eq!(error.span.start, 255);
    assert!(parsed.documents.is_empty());
}

#[test]
fn deep_block_nesting_is_rejected_without_overflow() {
    let text = format!("{}x\n", "- ".repeat(10_000));
    let (_, _, error) = error_of(&text);
    assert_eq!(error.message, "nesting deeper than 256 levels");
    assert_eq!(error.span.start, 512);
}

#[test]
fn nesting_through_aliases_counts_toward_depth() {
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let text = format!(
        "a: &a {deep}\nb: {}*a{}\n",
        "[".repeat(100),
        "]".repeat(100)
    );
    let (_, _, error) = error_of(&text);
    assert_eq!(error.message, "nesting deeper than 256 levels");
    assert_eq!(&text[error.span], "*a");
}

#[test]
fn syntax_error_is_positioned_and_keeps_earlier_documents() {
    let (file, parsed, error) = error_of("a: 1\n---\nb: c: d\n");
    assert_eq!(
        error.message,
        "mapping values are not allowed in this context"
    );
    assert_eq!(file.position(error.span.start), pos(3, 5));
    assert_eq!(parsed.documents.len(), 1);
}

#[test]
fn a_broken_document_keeps_the_documents_after_it() {
    let text = "a: 1\n---\nb: [unclosed\n---\nc: 3\n";
    let (file, parsed, error) = error_of(text);
    assert_eq!(file.position(error.span.start), pos(4, 1));
    let roots: Vec<_> = parsed.documents.iter().map(|d| d.root.to_value()).collect();
    assert_eq!(roots.len(), 2);
    assert_eq!(roots[1]["c"], serde_yaml::Value::from(3));
    let c = parsed.documents[1].root.get("c").unwrap();
    assert_eq!(&text[c.value.span.clone()], "3");
}

#[test]
fn flow_collections_closed_at_the_parent_indentation_are_read_as_kubectl_reads_them() {
    let text =
        "spec:\n  args: [\n    \"--x\", # one\n    \"--y\"\n  ]\n  command: [\"a\",\n  \"b\"\n]\n";
    let (_, parsed) = parse_text(text);
    assert!(parsed.error.is_none(), "{:?}", parsed.error);
    let root = &parsed.documents[0].root;
    let args = root.lookup(&parse_path("spec.args")).unwrap().node;
    assert_eq!(args.items().len(), 2);
    assert_eq!(&text[args.items()[1].span.clone()], "\"--y\"");
    let command = root.lookup(&parse_path("spec.command[1]")).unwrap().node;
    assert_eq!(command.as_str(), Some("b"));
}

#[test]
fn unknown_aliases_are_errors() {
    let (_, parsed, error) = error_of("a: &x 1\n---\nb: *x\n");
    assert_eq!(
        (error.message.as_str(), parsed.documents.len()),
        ("unknown alias", 1)
    );
    assert_eq!(error_of("a: &r [*r]\n").2.message, "unknown alias");
    assert!(error_of("a: *nope\n").2.message.contains("unknown anchor"));
}

#[test]
fn to_value_types_plain_scalars_only() {
    let text = "\
mode: 0644
yes: yes
quoted: \"true\"
ratio: 1.5
nothing: ~
empty:
hex: 0x1F
octal: 0o17
exp: 1e3
neg_inf: -.inf
neg: -12
big: 18446744073709551615
forced: !!str 5
flag: True
version: 1.10.2
zero: 0
nine: 09
block: |
  5
";
    let value = root(text).to_value();
    let int = |n: i64| Value::Number(serde_yaml::Number::from(n));
    assert_eq!(value["mode"], int(420));
    assert_eq!(value["yes"], Value::String("yes".into()));
    assert_eq!(value["quoted"], Value::String("true".into()));
    assert_eq!(value["ratio"].as_f64(), Some(1.5));
    assert_eq!(
        (&value["nothing"], &value["empty"]),
        (&Value::Null, &Value::Null)
    );
    assert_eq!((&value["hex"], &value["octal"]), (&int(31), &int(15)));
    assert_eq!(value["exp"].as_f64(), Some(1000.0));
    assert_eq!(value["neg_inf"].as_f64(), Some(f64::NEG_INFINITY));
    assert_eq!(value["neg"], int(-12));
    assert_eq!(value["big"].as_u64(), Some(u64::MAX));
    assert_eq!(value["forced"], Value::String("5".into()));
    assert_eq!(value["flag"], Value::Bool(true));
    assert_eq!(value["version"], Value::String("1.10.2".into()));
    assert_eq!((&value["zero"], &value["nine"]), (&int(0), &int(9)));
    assert_eq!(value["block"], Value::String("5\n".into()));
}

#[test]
fn crlf_line_endings() {
    let text = "a: 1\r\nb:\r\n  c: \"x\"\r\n  d: [y]\r\n";
    let (file, parsed) = parse_text(text);
    let root = &parsed.documents[0].root;
    assert_eq!(at(text, root, "b"), ("b", "c: \"x\"\r\n  d: [y]"));
    let located = root.lookup(&parse_path("b.d[0]")).expect("item");
    assert_eq!(file.position(located.node.span.start), pos(4, 7));
}

#[test]
fn non_ascii_text_before_a_key() {
    let text = "ключ: значение\nmetadata:\n  name: wéb\n  next: ünï\n";
    let (file, parsed) = parse_text(text);
    let root = &parsed.documents[0].root;
    assert_eq!(at(text, root, "ключ"), ("ключ", "значение"));
    assert_eq!(at(text, root, "metadata.name"), ("name", "wéb"));
    assert_eq!(at(text, root, "metadata.next"), ("next", "ünï"));
    let name = root.lookup(&parse_path("metadata.next")).expect("next");
    assert_eq!(file.position(name.node.span.start), pos(4, 9));
}

#[test]
fn parse_path_splits_keys_and_indexes() {
    use PathSegment::{Index, Key};
    assert_eq!(
        parse_path("a.b[0].c"),
        [Key("a"), Key("b"), Index(0), Key("c")]
    );
    assert_eq!(
        parse_path("a.0[1][2]"),
        [Key("a"), Key("0"), Index(1), Index(2)]
    );
    assert_eq!(parse_path("x-y/z[n]"), [Key("x-y/z[n]")]);
    assert!(parse_path("").is_empty());
}

#[test]
fn get_prefers_the_last_duplicate_key() {
    let root = root("a: 1\na: 2\nrealtor.dev/ignore: x\n");
    assert_eq!(root.get("a").and_then(|e| e.value.as_str()), Some("2"));
    assert!(root.get("realtor.dev/ignore").is_some());
    assert!(root.items().is_empty() && root.index(0).is_none());
    assert_eq!(root.lookup(&[]).map(|l| l.key), Some(None));
}
