//! The inventory schema and its decoding, on the fixtures and on hand-written documents.

use std::collections::BTreeMap;

use super::*;

fn shown(paths: &[crate::formats::decode::KeyPath]) -> Vec<String> {
    paths.iter().map(ToString::to_string).collect()
}

fn yaml(text: &str) -> serde_yaml::Value {
    serde_yaml::from_str::<serde_yaml::Value>(text).expect("test YAML parses")
}

fn fixture(name: &str) -> String {
    let path = format!("{}/fixtures/inventory/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

fn decode_str(text: &str) -> Result<Decoded, DecodeError> {
    decode(yaml(text))
}

const HEADER: &str = "apiVersion: realtor.dev/v1\nkind: Inventory\n";

#[test]
fn json_schema_is_up_to_date() {
    let schema = schemars::schema_for!(Inventory);
    let generated = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/inventory-v1.json");
    if std::env::var_os("REALTOR_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(std::path::Path::new(path).parent().unwrap()).unwrap();
        std::fs::write(path, &generated).unwrap();
        return;
    }
    let published = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        published == generated,
        "{path} is out of date; regenerate it with REALTOR_BLESS=1 cargo test --lib inventory"
    );
    let value: serde_json::Value = serde_json::from_str(&published).unwrap();
    assert_eq!(
        value["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(
        value["$id"],
        "https://realtor.dev/schemas/inventory-v1.json"
    );
    assert_eq!(value["title"], "realtor VM inventory v1");
}

#[test]
fn the_tree_decodes_machine_by_machine_as_the_whole_value_does() {
    let text = format!(
        "{HEADER}typo: 1\nmachines:\n  - name: a\n    compute: {{vcpus: 2, colour: red}}\n  - name: b\n"
    );
    let file = crate::input::source::SourceFile::new("i.yaml", &text);
    let root = &crate::syntax::yaml::parse(&file).documents[0].root;
    let (whole, tree) = (decode(root.to_value()).unwrap(), decode_tree(root).unwrap());
    assert_eq!(whole.inventory, tree.inventory);
    assert_eq!(
        shown(&tree.unknown_keys),
        ["typo", "machines[0].compute.colour"]
    );
    let bad = format!("{HEADER}machines:\n  - name: a\n  - name: b\n    compute: {{vcpus: x}}\n");
    let file = crate::input::source::SourceFile::new("i.yaml", &bad);
    let root = &crate::syntax::yaml::parse(&file).documents[0].root;
    let error = decode_tree(root).unwrap_err();
    assert_eq!(error.path.to_string(), "machines[1].compute.vcpus");
    assert_eq!(error.message, decode(root.to_value()).unwrap_err().message);
}

#[test]
fn full_fixture_decodes_every_field() {
    let decoded = decode(yaml(&fixture("full.yaml"))).unwrap();
    assert!(decoded.unknown_keys.is_empty());
    let inv = &decoded.inventory;
    assert_eq!(inv.api_version, API_VERSION);
    assert_eq!(inv.metadata.as_ref().unwrap().name, "dc-east");
    assert_eq!(inv.machines.len(), 1);
    let m = &inv.machines[0];
    let expected = Machine {
        name: "web-01".into(),
        id: Some("vm-4211".into()),
        platform: Some(Platform {
            hypervisor: Some(Hypervisor::Vmware),
            firmware: Some(Firmware::Efi),
        }),
        os: Some(Os {
            family: Some(OsFamily::Linux),
            distro: Some("ubuntu".into()),
            version: Some("22.04".into()),
            kernel: Some("5.15.0-91-generic".into()),
            arch: Some("x86_64".into()),
        }),
        compute: Some(Compute {
            vcpus: Some(4),
            memory_mib: Some(8192),
            sockets: Some(2),
            cores_per_socket: Some(2),
        }),
        storage: Some(Storage {
            disks: Some(vec![
                Disk {
                    capacity_gib: Some(40.0),
                    mode: Some(DiskMode::Dependent),
                    rdm: Some(Rdm::None),
                    shared: Some(false),
                },
                Disk {
                    capacity_gib: Some(512.5),
                    mode: Some(DiskMode::IndependentPersistent),
                    rdm: Some(Rdm::Physical),
                    shared: Some(true),
                },
            ]),
            network_mounts: Some(vec![NetworkMount {
                kind: Some(NetworkMountType::Nfs),
                remote: Some("nas:/export/www".into()),
                mount: Some("/mnt/www".into()),
            }]),
            filesystems: Some(vec![Filesystem {
                mount: Some("/".into()),
                capacity_gib: Some(39.06),
                used_gib: Some(12.0),
            }]),
        }),
        utilization: Some(Utilization {
            cpu_pct: Some(Percentiles {
                avg: Some(5.0),
                p95: Some(12.0),
                max: Some(40.0),
                current: None,
            }),
            mem_pct: Some(Percentiles {
                avg: Some(30.0),
                p95: Some(45.5),
                max: Some(60.0),
                current: Some(41.2),
            }),
        }),
        workloads: Some(Workloads {
            services: Some(vec![Service {
                name: "nginx".into(),
                kind: Some(ServiceKind::Web),
                ports: Some(vec![80, 443]),
                stateful: Some(false),
            }]),
            software: Some(vec![Software {
                name: "openjdk".into(),
                version: Some("17".into()),
                kind: Some(SoftwareKind::Runtime),
            }]),
            kernel_modules: Some(vec![KernelModule {
                name: "pf_ring".into(),
                in_tree: Some(false),
            }]),
            gui_session: Some(false),
        }),
        hardware: Some(Hardware {
            usb_devices: Some(vec![UsbDevice {
                kind: Some("license-dongle".into()),
                connected: Some(true),
            }]),
            passthrough: Some(vec![Passthrough {
                kind: Some(PassthroughKind::Gpu),
                model: Some("NVIDIA A100".into()),
            }]),
            network_adapters: None,
        }),
        licensing: Some(vec![Licence {
            product: Some("AcmeCAD".into()),
            model: Some(LicenceModel::NodeLocked),
            bound_to: Some(LicenceBinding::HostId),
        }]),
        requirements: Some(Requirements {
            isolation: Some(Isolation::DedicatedHardware),
            multi_tenant: Some(false),
            untrusted_code: Some(false),
            interactive_login: Some(InteractiveLogin::Rdp),
            scaling: Some(Scaling {
                elastic: Some(true),
            }),
            startup: Some(Startup {
                max_seconds: Some(30),
            }),
            compliance: Some(vec!["pci-dss".into()]),
        }),
        tags: Some(BTreeMap::from([
            ("env".to_owned(), "prod".to_owned()),
            ("owner".to_owned(), "web-team".to_owned()),
        ])),
        ignore: Some(vec!["V001".into(), "unknown-key".into()]),
    };
    assert_eq!(m, &expected);
}

#[test]
fn minimal_fixture_keeps_unknowns_unknown() {
    let decoded = decode(yaml(&fixture("minimal.yaml"))).unwrap();
    assert!(decoded.unknown_keys.is_empty());
    let machines = &decoded.inventory.machines;
    assert_eq!(machines.len(), 2);
    let web = &machines[0];
    assert_eq!(
        web.workloads
            .as_ref()
            .unwrap()
            .services
            .as_ref()
            .unwrap()
            .len(),
        1
    );
    assert!(web.utilization.is_some());
    let bare = &machines[1];
    assert_eq!(
        bare,
        &Machine {
            name: bare.name.clone(),
            id: None,
            platform: None,
            os: None,
            compute: None,
            storage: None,
            utilization: None,
            workloads: None,
            hardware: None,
            licensing: None,
            requirements: None,
            tags: None,
            ignore: None,
        }
    );
}

#[test]
fn absent_and_empty_lists_differ() {
    let doc = format!(
        "{HEADER}machines:\n  - name: a\n    workloads: {{services: []}}\n  - name: b\n    workloads: {{}}\n"
    );
    let inv = decode_str(&doc).unwrap().inventory;
    assert_eq!(
        inv.machines[0].workloads.as_ref().unwrap().services,
        Some(vec![])
    );
    assert_eq!(inv.machines[1].workloads.as_ref().unwrap().services, None);
    assert_eq!(
        inv.machines[1].workloads.as_ref().unwrap().gui_session,
        None
    );
}

#[test]
fn serialization_round_trips() {
    for name in ["full.yaml", "minimal.yaml"] {
        let original = decode(yaml(&fixture(name))).unwrap().inventory;
        let as_yaml = serde_yaml::to_string(&original).unwrap();
        let again = decode_str(&as_yaml).unwrap();
        assert_eq!(again.inventory, original, "{name} via YAML");
        assert!(again.unknown_keys.is_empty());
        let as_json = serde_json::to_string(&original).unwrap();
        assert_eq!(
            serde_json::from_str::<Inventory>(&as_json).unwrap(),
            original,
            "{name} via JSON"
        );
    }
    let bare = decode(yaml(&fixture("minimal.yaml"))).unwrap().inventory;
    let text = serde_yaml::to_string(&bare.machines[1]).unwrap();
    assert_eq!(
        text.trim(),
        "name: legacy-app-07",
        "None fields are not written"
    );
}

#[test]
fn typo_is_reported_as_unknown_key_with_bracketed_path() {
    let doc = format!("{HEADER}machines:\n  - name: web-01\n    compute: {{vpcus: 4}}\n");
    let decoded = decode_str(&doc).unwrap();
    assert_eq!(
        shown(&decoded.unknown_keys),
        vec!["machines[0].compute.vpcus"]
    );
    assert_eq!(
        decoded.inventory.machines[0]
            .compute
            .as_ref()
            .unwrap()
            .vcpus,
        None
    );
}

#[test]
fn unknown_keys_are_listed_in_document_order_at_every_depth() {
    let doc = format!(
        "{HEADER}spec: {{}}\nmachines:\n  - name: a\n    colour: red\n  - name: b\n    storage:\n      disks:\n        - capacityGiB: 1\n        - sizeGiB: 2\n"
    );
    let decoded = decode_str(&doc).unwrap();
    assert_eq!(
        shown(&decoded.unknown_keys),
        vec![
            "spec",
            "machines[0].colour",
            "machines[1].storage.disks[1].sizeGiB"
        ]
    );
}

#[test]
fn type_error_reports_its_path() {
    let doc = format!("{HEADER}machines:\n  - name: web-01\n    compute: {{vcpus: four}}\n");
    let err = decode_str(&doc).unwrap_err();
    assert_eq!(err.path.to_string(), "machines[0].compute.vcpus");
    assert!(err.message.contains("invalid type"), "{}", err.message);
    assert!(err.to_string().starts_with("machines[0].compute.vcpus: "));
}

#[test]
fn unknown_enum_value_reports_its_path() {
    let doc = format!(
        "{HEADER}machines:\n  - name: a\n  - name: b\n    storage: {{disks: [{{mode: sometimes}}]}}\n"
    );
    let err = decode_str(&doc).unwrap_err();
    assert_eq!(err.path.to_string(), "machines[1].storage.disks[0].mode");
    assert!(
        err.message.contains("independent_persistent"),
        "{}",
        err.message
    );
}

#[test]
fn api_version_and_kind_must_match() {
    let err =
        decode_str("apiVersion: realtor.dev/v2\nkind: Inventory\nmachines: []\n").unwrap_err();
    assert_eq!(err.path.to_string(), "apiVersion");
    assert!(err.message.contains("realtor.dev/v1"), "{}", err.message);

    let err =
        decode_str("apiVersion: realtor.dev/v1\nkind: Deployment\nmachines: []\n").unwrap_err();
    assert_eq!(err.path.to_string(), "kind");

    let err = decode_str("kind: Inventory\nmachines: []\n").unwrap_err();
    assert_eq!(err.path.to_string(), ".");
    assert!(err.message.contains("apiVersion"), "{}", err.message);
}

#[test]
fn machine_names_are_required_and_non_empty_but_may_repeat() {
    let err = decode_str(&format!("{HEADER}machines:\n  - id: x\n")).unwrap_err();
    assert_eq!(err.path.to_string(), "machines[0]");
    assert!(err.message.contains("name"), "{}", err.message);

    let err = decode_str(&format!("{HEADER}machines:\n  - name: a\n  - name: ' '\n")).unwrap_err();
    assert_eq!(err.path.to_string(), "machines[1].name");

    // Duplicates are left to rule V002 so that they get a precise position.
    let doc = format!("{HEADER}machines:\n  - name: a\n  - name: a\n");
    assert_eq!(decode_str(&doc).unwrap().inventory.machines.len(), 2);
}

#[test]
fn versions_accept_numbers() {
    let doc = format!(
        "{HEADER}machines:\n  - name: a\n    os: {{version: 22.04}}\n    workloads: {{software: [{{name: java, version: 17}}]}}\n  - name: b\n    os: {{version: 8.10}}\n  - name: c\n    os: {{version: '8.10'}}\n  - name: d\n    os: {{version: null}}\n"
    );
    let inv = decode_str(&doc).unwrap().inventory;
    let version = |i: usize| inv.machines[i].os.as_ref().unwrap().version.clone();
    assert_eq!(version(0).as_deref(), Some("22.04"));
    assert_eq!(
        version(1).as_deref(),
        Some("8.1"),
        "unquoted 8.10 is the number 8.1"
    );
    assert_eq!(version(2).as_deref(), Some("8.10"));
    assert_eq!(version(3), None);
    let software = inv.machines[0]
        .workloads
        .as_ref()
        .unwrap()
        .software
        .as_ref()
        .unwrap();
    assert_eq!(software[0].version.as_deref(), Some("17"));

    let err = decode_str(&format!(
        "{HEADER}machines:\n  - name: a\n    os: {{version: [1]}}\n"
    ))
    .unwrap_err();
    assert_eq!(err.path.to_string(), "machines[0].os.version");
}

#[test]
fn json_documents_decode_too() {
    let value: serde_yaml::Value = serde_json::from_str(
            r#"{"apiVersion":"realtor.dev/v1","kind":"Inventory","machines":[{"name":"a","compute":{"memoryMiB":1024}}]}"#,
        )
        .unwrap();
    let inv = decode(value).unwrap().inventory;
    assert_eq!(
        inv.machines[0].compute.as_ref().unwrap().memory_mib,
        Some(1024)
    );
}
