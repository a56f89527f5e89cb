use super::*;
use crate::input::source::SourceFile;
use crate::syntax::yaml;

fn root(text: &str) -> Node {
    yaml::parse(&SourceFile::new("compose.yaml", text))
        .documents
        .remove(0)
        .root
}

#[test]
fn compose_files_are_told_from_manifests_by_their_keys() {
    assert!(is_compose(&root(
        "services:\n  web: {image: nginx}\nx-common: {}\n"
    )));
    assert!(!is_compose(&root(
        "apiVersion: v1\nkind: List\nservices:\n  web: {}\n"
    )));
    assert!(!is_compose(&root("services: [web]\n")));
    assert!(is_override("compose.override.yaml"));
    assert!(is_override("docker-compose.prod.yml"));
    assert!(!is_override("docker-compose.yml"));
    assert!(!is_override("compose.yaml.bak"));
}

#[test]
fn overrides_merge_as_compose_merges_them() {
    let base = root(
        "services:\n  web:\n    image: nginx:1.26\n    command: [nginx, -g, daemon off;]\n    ports: [\"80:80\"]\n    volumes:\n      - data:/var/lib/data\n    environment:\n      - A=1\n      - B=2\n",
    );
    let over = root(
        "services:\n  web:\n    image: nginx:1.27\n    command: [nginx-debug]\n    ports: [\"443:443\"]\n    volumes:\n      - other:/var/lib/data\n    environment:\n      - B=3\n",
    );
    let merged = merge(&base, &over, "");
    let web = &merged
        .get("services")
        .unwrap()
        .value
        .get("web")
        .unwrap()
        .value;
    let text = |key: &str| serde_json::to_string(&web.get(key).unwrap().value.to_value()).unwrap();
    assert_eq!(text("image"), "\"nginx:1.27\"");
    assert_eq!(
        text("command"),
        "[\"nginx-debug\"]",
        "commands are replaced"
    );
    assert_eq!(
        text("ports"),
        "[\"80:80\",\"443:443\"]",
        "other lists append"
    );
    assert_eq!(
        text("volumes"),
        "[\"other:/var/lib/data\"]",
        "volumes merge by target"
    );
    assert_eq!(
        text("environment"),
        "[\"A=1\",\"B=3\"]",
        "variables merge by name"
    );
}

#[test]
fn shifted_trees_keep_their_shape_with_spans_moved() {
    let tree = root("services:\n  web: {image: nginx}\n");
    let moved = shifted(&tree, 100);
    assert_eq!(moved.span, tree.span.start + 100..tree.span.end + 100);
    let image = |n: &Node| {
        n.get("services")
            .unwrap()
            .value
            .get("web")
            .unwrap()
            .value
            .get("image")
            .unwrap()
            .value
            .span
            .clone()
    };
    assert_eq!(
        image(&moved),
        image(&tree).start + 100..image(&tree).end + 100
    );
}

#[test]
fn ports_and_volumes_read_in_both_forms() {
    let item = |text: &str| {
        root(&format!("x: {text}\n"))
            .get("x")
            .unwrap()
            .value
            .clone()
    };
    let short = item("\"127.0.0.1:5432:5432/tcp\"");
    assert_eq!(
        port(&short),
        Some(Port {
            host_ip: Some("127.0.0.1"),
            published: true,
            target: Some(5432)
        })
    );
    assert_eq!(
        port(&item("\"[::1]:80:8080\"")).unwrap().host_ip,
        Some("::1")
    );
    assert_eq!(
        port(&item("\"9000-9001\"")),
        Some(Port {
            host_ip: None,
            published: false,
            target: Some(9000)
        })
    );
    let long = item("{target: 80, published: \"8080\"}");
    assert_eq!(
        port(&long),
        Some(Port {
            host_ip: None,
            published: true,
            target: Some(80)
        })
    );
    assert_eq!(
        volume(&item("\"/etc:/host/etc:ro,z\"")),
        Some((Some("/etc"), "/host/etc", true))
    );
    assert_eq!(volume(&item("/data")), Some((None, "/data", false)));
    let long = item("{type: bind, source: /, target: /host, read_only: true}");
    assert_eq!(volume(&long), Some((Some("/"), "/host", true)));
    assert!(is_host_path("./data") && is_host_path("${HOME}/x") && !is_host_path("pgdata"));
}

#[test]
fn schema_violations_point_at_the_key_or_value() {
    let text = "services:\n  web:\n    image: nginx:1.27\n    healthcheck: sometimes-maybe\n    portz: [\"80:80\"]\n";
    let tree = root(text);
    let found = schema::violations(&tree);
    let at: Vec<&str> = found.iter().map(|v| &text[v.span.clone()]).collect();
    assert_eq!(at, ["sometimes-maybe", "portz"], "{found:?}");
    assert!(
        found[1]
            .message
            .contains("`portz` is not a key of `services.web`"),
        "{found:?}"
    );
    assert!(
        schema::violations(&root(
            "services:\n  web:\n    image: nginx\n    x-note: ok\n"
        ))
        .is_empty()
    );
}
