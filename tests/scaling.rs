//! Every rule in time linear in its input: each rule runs alone on generated inputs of one
//! size and of eight times that size, for every input family (commands per `RUN`,
//! instructions, stages, `ENV` pairs, containers, env vars, documents, machines, CSV rows).
//! A linear rule takes about 8 times as long on the larger input, a quadratic one about 64
//! times; the test fails above 30, and only when the larger run takes over 40 ms, so
//! timer noise on a fast rule never decides. Each time is the best of three runs.
//! docs/performance.md has the growth figures.

use std::time::{Duration, Instant};

use realtor::formats::kubernetes;
use realtor::input::discover::Hint;
use realtor::input::source::SourceFile;
use realtor::model::extract;
use realtor::pipeline::{Settings, check};
use realtor::rules::{self, Check, Options, Report};
use realtor::syntax::{dockerfile, yaml};

const GROWTH: usize = 8;
const MAX_RATIO: f64 = 30.0;
const FLOOR: Duration = Duration::from_millis(40);

fn best_of_three(mut run: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .expect("three runs")
}

/// The time `rule` takes on each of the subjects `file` gives.
fn rule_time(rule: &rules::Rule, file: &SourceFile) -> Duration {
    let options = Options::default();
    let meta = rule.meta;
    let mut findings = Vec::new();
    if is_dockerfile(file) {
        let parsed = dockerfile::parse(file);
        let workload = extract::dockerfile(&parsed, 0..0);
        return match rule.check {
            Check::Dockerfile(check) => best_of_three(|| {
                findings.clear();
                check(&parsed, &mut Report::new(meta, &options, &mut findings));
            }),
            Check::Workload(check) => best_of_three(|| {
                findings.clear();
                check(&workload, &mut Report::new(meta, &options, &mut findings));
            }),
            _ => Duration::ZERO,
        };
    }
    let parsed = yaml::parse(file);
    let objects: Vec<_> = parsed
        .documents
        .iter()
        .flat_map(|d| kubernetes::objects(d, &file.text))
        .collect();
    let workloads: Vec<_> = objects.iter().filter_map(extract::kubernetes).collect();
    match rule.check {
        Check::Kubernetes(check) => best_of_three(|| {
            findings.clear();
            for object in &objects {
                check(object, &mut Report::new(meta, &options, &mut findings));
            }
        }),
        Check::Workload(check) => best_of_three(|| {
            findings.clear();
            for workload in &workloads {
                check(workload, &mut Report::new(meta, &options, &mut findings));
            }
        }),
        _ => Duration::ZERO,
    }
}

fn is_dockerfile(file: &SourceFile) -> bool {
    file.path.ends_with("Dockerfile")
}

/// Fail with every rule whose time grows faster than its input.
fn assert_linear(family: &str, name: &str, make: impl Fn(usize) -> String, n: usize) {
    let small = SourceFile::new(name, &make(n));
    let large = SourceFile::new(name, &make(n * GROWTH));
    let mut super_linear = Vec::new();
    let mut slowest = Vec::new();
    for rule in rules::registry() {
        let (a, b) = (rule_time(rule, &small), rule_time(rule, &large));
        let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-6);
        slowest.push((b, rule.meta.id, a, ratio));
        if b > FLOOR && ratio > MAX_RATIO {
            super_linear.push(format!("{} {:?} -> {:?} ({ratio:.0}x)", rule.meta.id, a, b));
        }
    }
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    for (b, id, a, ratio) in slowest.iter().take(3) {
        eprintln!("{family}: {id} {a:?} -> {b:?} ({ratio:.1}x for {GROWTH}x the input)");
    }
    assert!(
        super_linear.is_empty(),
        "{family}: rules super-linear in the input: {super_linear:?}"
    );
}

/// A `RUN` chaining many commands of every package manager the rules read.
fn commands_per_run(n: usize) -> String {
    let unit = " && apt-get update && apt-get install -y curl && yum install -y httpd && dnf install -y jq && zypper install vim && apk add git && pip install flask && npm install left-pad && gem install rails && go install example.com/x && yarn install && curl -fsSL https://x | sh && wget https://x && cd /tmp && sudo true && useradd -u 100000 app";
    format!(
        "FROM debian:12\nRUN true{}\n",
        unit.repeat(n / 16).replace(" && ", " \\\n    && ")
    )
}

fn instructions(n: usize) -> String {
    let mut text = String::from("FROM debian:12\n");
    for i in 0..n / 8 {
        text.push_str(&format!(
            "RUN apt-get install -y p{i}\nCOPY a{i} b{i}\nADD f{i} /g{i}\nENV K{i}=v{i}\nEXPOSE {i}\nLABEL l{i}=x\nUSER {i}\nWORKDIR w{i}\n"
        ));
    }
    text + "CMD run\n"
}

fn stages(n: usize) -> String {
    let mut text = String::from("ARG BASE=debian:12\n");
    for i in 0..n {
        let from = if i == 0 {
            "${BASE}".to_string()
        } else {
            format!("s{}", i - 1)
        };
        text.push_str(&format!(
            "FROM {from} AS s{i}\nCOPY --from=s{} /a /b\nRUN yarn install\n",
            i.saturating_sub(1)
        ));
    }
    text
}

fn env_pairs(n: usize) -> String {
    let pairs: Vec<String> = (0..n).map(|i| format!("SECRET_{i}=v{i}")).collect();
    format!(
        "FROM debian:12\nENV {}\nARG {}\n",
        pairs.join(" "),
        pairs.join(" ")
    )
}

fn pod(containers: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      hostPID: true\n      containers:\n{containers}"
    )
}

fn container(i: usize, env: &str) -> String {
    format!(
        "        - name: c{i}\n          image: nginx\n          securityContext:\n            privileged: true\n            capabilities:\n              add: [SYS_ADMIN]\n          ports:\n            - containerPort: {i}\n              name: p{i}\n          volumeMounts:\n            - name: v\n              mountPath: /var/run/docker.sock\n          env:\n{env}"
    )
}

fn env_var(i: usize) -> String {
    format!("            - name: DB_PASSWORD_{i}\n              value: hunter{i}\n")
}

fn containers(n: usize) -> String {
    pod(&(0..n)
        .map(|i| container(i, &env_var(i)))
        .collect::<String>())
}

fn env_vars(n: usize) -> String {
    pod(&container(0, &(0..n).map(env_var).collect::<String>()))
}

fn documents(n: usize) -> String {
    (0..n)
        .map(|i| pod(&container(i, &env_var(i))).replace("name: web", &format!("name: web{i}")))
        .collect::<Vec<_>>()
        .join("---\n")
}

#[test]
fn dockerfile_rules_are_linear_in_commands_instructions_stages_and_env_pairs() {
    assert_linear("commands per RUN", "Dockerfile", commands_per_run, 1_600);
    assert_linear("instructions", "Dockerfile", instructions, 2_000);
    assert_linear("stages", "Dockerfile", stages, 300);
    assert_linear("ENV pairs", "Dockerfile", env_pairs, 2_000);
}

#[test]
fn kubernetes_rules_are_linear_in_containers_env_vars_and_documents() {
    assert_linear("containers", "pod.yaml", containers, 100);
    assert_linear("env vars", "pod.yaml", env_vars, 1_000);
    assert_linear("documents", "pods.yaml", documents, 40);
}

/// The whole check of a file, for the families whose rules see a decoded inventory.
fn assert_check_linear(family: &str, name: &str, make: impl Fn(usize) -> String, n: usize) {
    let time = |n: usize| {
        let text = make(n);
        best_of_three(|| {
            let file = SourceFile::new(name, &text);
            check::check(file, Hint::Unknown, true, &Settings::default());
        })
    };
    let (a, b) = (time(n), time(n * GROWTH));
    let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-6);
    eprintln!("{family}: whole check {a:?} -> {b:?} ({ratio:.1}x for {GROWTH}x the input)");
    assert!(
        b <= FLOOR || ratio <= MAX_RATIO,
        "{family}: {a:?} -> {b:?} ({ratio:.0}x)"
    );
}

fn machines(n: usize) -> String {
    let mut text = String::from("apiVersion: realtor.dev/v1\nkind: Inventory\nmachines:\n");
    for i in 0..n {
        text.push_str(&format!(
            "  - name: vm{i}\n    os: {{family: windows, name: Windows Server, version: \"2008\"}}\n    vcpus: 4\n    memoryMiB: 8192\n    roles: [database]\n"
        ));
    }
    // Every name twice: the duplicate check sees the worst case.
    text.clone() + &text[text.find("  - ").expect("a machine")..]
}

fn csv_rows(n: usize) -> String {
    let mut text = String::from(
        "\"Name\",\"VMId\",\"State\",\"Generation\",\"ProcessorCount\",\"MemoryStartup\",\"MemoryAssigned\",\"DynamicMemoryEnabled\",\"UptimeSeconds\",\"OSName\",\"DiskSizesGiB\",\"AssignableDevices\"\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "\"vm{i}\",\"0b5c1a0e-7f3e-4c1d-9a55-{i:012}\",\"Running\",\"2\",\"4\",\"8589934592\",\"8589934592\",\"False\",\"86400\",\"Windows Server 2019 Datacenter\",\"127;40.5\",\"\"\n"
        ));
    }
    text
}

#[test]
fn inventory_checks_are_linear_in_machines_and_csv_rows() {
    assert_check_linear("machines", "inventory.yaml", machines, 500);
    assert_check_linear("CSV rows", "hyperv.csv", csv_rows, 1_000);
}
