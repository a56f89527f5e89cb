//! Criterion benchmarks of the parsers and the rule engine over real files: the Dockerfiles
//! and Kubernetes manifests of `../shared/corpus` (or `REALTOR_BENCH_CORPUS`), falling back
//! to the repository's own fixtures when the corpus is absent, and a generated native
//! inventory for the advisor. Run with `cargo bench`; results are in docs/performance.md.

use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use realtor::input::discover::{Hint, hint_for};
use realtor::input::source::SourceFile;
use realtor::pipeline::{Settings, check};
use realtor::syntax::{dockerfile, yaml};

/// Every readable file under `dir` whose name gives `hint`.
fn files(dir: &Path, hint: Hint) -> Vec<SourceFile> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                stack.push(path);
            } else if hint_for(name) == Some(hint)
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                found.push(SourceFile::new(path.display().to_string(), &text));
            }
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

fn corpus() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::var_os("REALTOR_BENCH_CORPUS")
        .map(PathBuf::from)
        .or_else(|| Some(root.join("../shared/corpus")).filter(|p| p.is_dir()))
        .unwrap_or_else(|| root.join("fixtures"))
}

fn bytes(files: &[SourceFile]) -> u64 {
    files.iter().map(|f| f.text.len() as u64).sum()
}

/// One group per format: parsing alone, then the whole check (parse, extract, every rule),
/// over the corpus files whose name gives `hint`.
fn parse_and_check(c: &mut Criterion, label: &str, hint: Hint, parse: fn(&SourceFile) -> usize) {
    let files = files(&corpus(), hint);
    let mut group = c.benchmark_group(format!("{label} ({} files)", files.len()));
    group.throughput(Throughput::Bytes(bytes(&files)));
    group.bench_function("parse", |b| {
        b.iter(|| files.iter().map(parse).sum::<usize>())
    });
    let settings = Settings::default();
    group.bench_function("check", |b| {
        b.iter_batched(
            || files.clone(),
            |files| {
                files
                    .into_iter()
                    .map(|f| check::check(f, hint, true, &settings).diagnostics.len())
                    .sum::<usize>()
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn dockerfiles(c: &mut Criterion) {
    parse_and_check(c, "dockerfiles", Hint::Dockerfile, |f| {
        dockerfile::parse(f).instructions.len()
    });
}

fn manifests(c: &mut Criterion) {
    parse_and_check(c, "manifests", Hint::Yaml, |f| {
        yaml::parse(f).documents.len()
    });
}

/// A native inventory of `count` machines, varied enough to reach most placement rules.
fn inventory(count: usize) -> SourceFile {
    let oses = [
        "{family: linux, distro: centos, version: \"6\"}",
        "{family: windows, distro: windows-server, version: \"2019\"}",
        "{family: linux, distro: ubuntu, version: \"22.04\"}",
    ];
    let mut text = String::from("apiVersion: realtor.dev/v1\nkind: Inventory\nmachines:\n");
    for i in 0..count {
        text.push_str(&format!(
            "  - name: vm-{i}\n    os: {}\n    compute: {{vcpus: {}, memoryMiB: {}}}\n    utilization:\n      cpuPct: {{avg: 4, max: {}}}\n    workloads:\n      services: [{{name: svc-{i}, kind: web, ports: [8080]}}]\n",
            oses[i % oses.len()],
            2 + i % 8,
            2048 * (1 + i % 8),
            10 + i % 80,
        ));
    }
    SourceFile::new("inventory.yaml", &text)
}

fn advisor(c: &mut Criterion) {
    let file = inventory(10_000);
    let settings = Settings::default();
    let mut group = c.benchmark_group("inventory (10,000 machines)");
    group.sample_size(10);
    group.bench_function("check and advise", |b| {
        b.iter_batched(
            || file.clone(),
            |file| {
                let report = check::check(file, Hint::Yaml, true, &settings);
                realtor::advise::advise(&[report]).len()
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, dockerfiles, manifests, advisor);
criterion_main!(benches);
