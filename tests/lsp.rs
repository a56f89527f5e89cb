//! `realtor lsp` end to end: a scripted client speaking JSON-RPC with `Content-Length`
//! framing over the binary's standard input and output, as an editor does.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{Value, json};

mod common;

struct Client {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    next_id: u64,
}

impl Client {
    fn start() -> Client {
        Client::start_with(Command::new(env!("CARGO_BIN_EXE_realtor")))
    }

    /// The server, started by `command` (with its environment).
    fn start_with(mut command: Command) -> Client {
        let mut child = command
            .arg("lsp")
            .env("REALTOR_TODAY", "2026-12-01")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start realtor lsp");
        let input = child.stdin.take().unwrap();
        let output = BufReader::new(child.stdout.take().unwrap());
        Client {
            child,
            input,
            output,
            next_id: 1,
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.input, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.input.flush().unwrap();
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut header = String::new();
            self.output.read_line(&mut header).unwrap();
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some(value) = header.strip_prefix("Content-Length: ") {
                length = value.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.output.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.receive();
            if message["id"] == id {
                return message;
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next `publishDiagnostics` for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let message = self.receive();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
            {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

#[test]
fn an_editor_sees_findings_as_it_types_fixes_them_and_reads_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".realtor.yaml"), "rules:\n  D010: off\n").unwrap();
    let uri = format!("file://{}/api%20server/Dockerfile", dir.path().display());
    let mut client = Client::start();
    let init = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    let capabilities = &init["result"]["capabilities"];
    assert_eq!(
        capabilities["textDocumentSync"],
        json!({"openClose": true, "change": 1, "save": {"includeText": false}}),
        "full text sync, and saves"
    );
    assert_eq!(capabilities["codeActionProvider"], true);
    assert_eq!(capabilities["hoverProvider"], true);
    client.notify("initialized", json!({}));

    // Not on disk: the buffer is what is checked.
    let text = "FROM debian:12\nRUN apt-get update && apt-get install curl && rm -rf /var/lib/apt/lists/*\n";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}}),
    );
    let found = client.diagnostics(&uri);
    let codes_found = codes(&found);
    assert!(codes_found.contains(&"D023"), "{found:?}");
    assert!(
        !codes_found.contains(&"D010"),
        "the project's .realtor.yaml turns D010 off"
    );
    let d023 = found.iter().find(|d| d["code"] == "D023").unwrap();
    assert_eq!(
        d023["range"],
        json!({"start": {"line": 1, "character": 22}, "end": {"line": 1, "character": 37}})
    );
    assert_eq!(d023["source"], "realtor");
    assert_eq!(d023["severity"], 2);

    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": d023["range"],
            "context": {"diagnostics": [d023]}
        }),
    );
    let actions = actions["result"].as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("D023"))
        .expect("a quick fix for D023");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(
        fix["edit"]["changes"][&uri][0],
        json!({"range": {"start": {"line": 1, "character": 37}, "end": {"line": 1, "character": 37}}, "newText": " -y"})
    );

    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 30}}),
    );
    let doc = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(doc.contains("# D023 apt-get-yes"), "{doc}");
    assert!(
        doc.contains("# D019 apt-install-recommends"),
        "both rules report there"
    );

    let fixed = "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n";
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let after = client.diagnostics(&uri);
    assert!(!codes(&after).contains(&"D023"), "{after:?}");

    let shutdown = client.request("shutdown", Value::Null);
    assert!(shutdown["error"].is_null(), "{shutdown}");
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert!(status.success());
}

#[test]
fn a_manifest_buffer_gets_yaml_positions_in_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let uri = format!("file://{}/pod.yaml", dir.path().display());
    let mut client = Client::start();
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    client.notify("initialized", json!({}));
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"🚀web\"\nspec:\n  containers:\n    - name: \"🚀web\"\n      image: nginx:1.27\n      securityContext: {privileged: true}\n";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let found = client.diagnostics(&uri);
    let k001 = found.iter().find(|d| d["code"] == "K001").expect("K001");
    assert_eq!(
        k001["range"],
        json!({"start": {"line": 8, "character": 24}, "end": {"line": 8, "character": 40}})
    );
    assert!(
        k001["message"].as_str().unwrap().contains("Pod 🚀web"),
        "{k001}"
    );
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().unwrap().success());
}

/// A chart's templates cannot be checked as they are written: the server renders the
/// chart, from the disk, on open and on save, and shows each template the findings traced
/// to it. A stand-in `helm` prints what the real one printed for helm's own test chart
/// (see tests/rendered.rs).
#[test]
fn a_chart_template_gets_the_findings_of_its_rendered_chart_on_open_and_save() {
    let work = tempfile::tempdir().unwrap();
    let chart = work.path().join("subchart");
    std::fs::create_dir(&chart).unwrap();
    common::copy_dir(
        &common::repo().join("fixtures/rendered/helm/subchart"),
        &chart,
    );
    let helm = common::helm_printing(&common::repo().join("fixtures/rendered/helm/recorded"));
    let mut command = Command::new(env!("CARGO_BIN_EXE_realtor"));
    command.env("PATH", helm.path());
    let mut client = Client::start_with(command);
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    client.notify("initialized", json!({}));
    let template = chart.join("templates/tests/test-nothing.yaml");
    let uri = format!("file://{}", template.display());
    let text = std::fs::read_to_string(&template).unwrap();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let found = client.diagnostics(&uri);
    let at = |code: &str| {
        let d = found.iter().find(|d| d["code"] == code);
        d.map(|d| d["range"].clone())
            .unwrap_or_else(|| panic!("no {code} in {found:?}"))
    };
    // As `realtor check` reports them (tests/rendered.rs), 0-based.
    assert_eq!(
        at("K007"),
        json!({"start": {"line": 9, "character": 13}, "end": {"line": 9, "character": 28}})
    );
    assert_eq!(
        at("K003"),
        json!({"start": {"line": 8, "character": 12}, "end": {"line": 8, "character": 16}})
    );
    assert!(
        !codes(&found).contains(&"R003"),
        "rendered, not skipped: {found:?}"
    );

    // Typing changes the buffer, not the disk the chart renders from: nothing is checked
    // until the save, which renders the chart again.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "{{ unfinished"}]}),
    );
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(client.diagnostics(&uri), found);

    // A template of no chart is checked as the file it is.
    let loose = work.path().join("loose.yaml");
    let loose_uri = format!("file://{}", loose.display());
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": loose_uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    assert_eq!(codes(&client.diagnostics(&loose_uri)), ["R003"]);
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().unwrap().success());
}

/// A kustomize patch is only a fragment: the server renders the overlay beside it that
/// names it (the real `kubectl kustomize` or `kustomize`) and shows the findings traced to
/// the patch, on open.
#[test]
fn a_kustomize_patch_gets_the_findings_of_its_rendered_overlay() {
    if common::kustomize_dir().is_none() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    common::copy_dir(
        &common::repo().join("fixtures/rendered/kustomize/springboot"),
        work.path(),
    );
    let patch = work
        .path()
        .join("overlays/production/memorylimit_patch.yaml");
    let uri = format!("file://{}", patch.display());
    let mut client = Client::start();
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    client.notify("initialized", json!({}));
    let text = std::fs::read_to_string(&patch).unwrap();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let found = client.diagnostics(&uri);
    // As `realtor check` reports it (tests/rendered.rs), 0-based; no R003 notice.
    assert_eq!(codes(&found), ["K014"], "{found:?}");
    assert_eq!(
        found[0]["range"],
        json!({"start": {"line": 13, "character": 12}, "end": {"line": 13, "character": 20}})
    );
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().unwrap().success());
}
