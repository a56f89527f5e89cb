//! The HTML placement report in a real browser: Debian's headless Chromium opens it at a
//! desktop width and, inside a 390-pixel frame, at a phone's, with axe-core (from npm) and
//! `tests/report/probe.js` injected into a copy. The probe records what must be visible
//! (the totals, every chart and its labels, the rows), whether the page overflows its
//! width, and axe-core's accessibility violations. Screenshots of both widths are written
//! to the target directory for a person to look at; they are checked into no repository.
//! html-validate (from npm) checks the markup.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{realtor, repo};
use serde_json::Value;

/// A file of the npm packages `.ci/run` installs (axe-core, html-validate).
fn node_module(path: &str) -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var_os("HOME")?)
        .join(".cache/realtor/node/node_modules")
        .join(path);
    match path.is_file() {
        true => Some(path),
        false if std::env::var_os("CI").is_some() => {
            panic!("{} is missing, and CI is set: run .ci/run", path.display())
        }
        false => {
            eprintln!("skipped: {} not found (run .ci/run)", path.display());
            None
        }
    }
}

/// Chromium, headless, with the flags a closed network needs; `page` is opened and its
/// DOM printed after scripts ran.
fn chromium(browser: &Path, profile: &Path, page: &Path, extra: &[String]) -> String {
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1280,900",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What the probe found on `page`, opened in Chromium with the profile `profile`.
fn probe(browser: &Path, profile: &Path, page: &Path) -> Value {
    let dom = chromium(browser, profile, page, &["--dump-dom".into()]);
    let start = dom.find("<pre id=\"probe\">").expect("the probe ran") + "<pre id=\"probe\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let text = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&text).unwrap()
}

/// Writes `html` to `to` with `scripts` and the probe run after it loads.
fn inject(html: &str, scripts: &[&Path], to: &Path) {
    let probe = repo().join("tests/report/probe.js");
    let injected: String = scripts
        .iter()
        .copied()
        .chain([probe.as_path()])
        .map(|path| {
            format!(
                "<script>{}</script>",
                std::fs::read_to_string(path).unwrap()
            )
        })
        .collect();
    std::fs::write(to, html.replace("</body>", &format!("{injected}</body>"))).unwrap();
}

/// The names of the rows the probe saw, from its JSON.
fn names(found: &Value, key: &str) -> Vec<String> {
    found[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key} in {found}"))
        .iter()
        .map(|name| name.as_str().unwrap().to_string())
        .collect()
}

/// Whether `names` are in descending order as the report's script compares them.
fn descending(names: &[String]) -> bool {
    names
        .windows(2)
        .all(|pair| pair[0].to_lowercase() >= pair[1].to_lowercase())
}

#[test]
fn the_report_shows_its_totals_and_charts_at_desktop_and_phone_width_accessibly() {
    let (Some(browser), Some(axe)) = (common::tool("chromium"), node_module("axe-core/axe.min.js"))
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    let output = realtor()
        .current_dir(repo())
        .args(["advise", "--format", "html", "-o"])
        .arg(&report)
        .args(["examples", "fixtures/compose/real"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains(" src="),
        "self-contained: nothing to fetch"
    );
    let probed = dir.path().join("probed.html");
    inject(&html, &[&axe], &probed);
    let phone = dir.path().join("phone.html");
    std::fs::write(
        &phone,
        "<!DOCTYPE html><html><body style=\"margin:0\"><iframe title=\"report\" src=\"probed.html\" style=\"width:390px;height:844px;border:0\"></iframe><script>window.addEventListener('message', function (e) { var out = document.createElement('pre'); out.id = 'probe'; out.textContent = e.data; document.body.appendChild(out); });</script></body></html>",
    )
    .unwrap();
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for (name, page, width) in [("desktop", &probed, 1280), ("phone", &phone, 390)] {
        let profile = dir.path().join(format!("profile-{name}"));
        let found = probe(&browser, &profile, page);
        assert_eq!(found["width"], width, "{name}");
        assert_eq!(
            found["overflow"], false,
            "{name}: the page is wider than the screen"
        );
        let totals = found["totals"].as_str().unwrap();
        assert!(
            totals.starts_with("123 workloads: 116 container, 0 sandboxed container, 6 VM"),
            "{name}: {totals}"
        );
        assert!(
            totals.contains("Reclaimable from VMs that fit containers: 3.6 vCPU"),
            "{name}: {totals}"
        );
        assert_eq!(
            found["charts"],
            serde_json::json!([
                "placements",
                "fit",
                "vm-reasons",
                "container-reasons",
                "reclaim"
            ]),
            "{name}: every chart is on screen"
        );
        let labels: Vec<&str> = found["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        for label in [
            "container (120)",
            "vm (3)",
            "excellent",
            "no-fit",
            "P104 host-control",
            "vCPU",
            "memory GiB",
        ] {
            assert!(
                labels.contains(&label),
                "{name}: no visible `{label}` in {labels:?}"
            );
        }
        assert_eq!(
            (&found["rows"], &found["tables"]),
            (&123.into(), &1.into()),
            "{name}"
        );
        assert_eq!(found["sortedBy"], "descending", "{name}");
        let sorted = names(&found, "namesAfterSort");
        assert!(
            sorted.len() == 123 && descending(&sorted),
            "{name}: {sorted:?}"
        );
        let wanted = sorted.last().unwrap().to_lowercase();
        let filtered = names(&found, "namesAfterFilter");
        assert!(
            filtered.contains(sorted.last().unwrap()) && filtered.len() < 123,
            "{name}: filtering on {wanted} shows {filtered:?}"
        );
        assert_eq!(
            found["filter"], true,
            "{name}: the filter shows once scripts run"
        );
        assert_eq!(
            (&found["backBeforeOpening"], &found["opened"]),
            (&false.into(), &serde_json::json!([true, true, false])),
            "{name}: an opened page, its link back, and no other page"
        );
        assert_eq!(
            found["violations"],
            serde_json::json!([]),
            "{name}: axe-core violations"
        );
        let screenshot = shots.join(format!("{name}.png"));
        let profile = dir.path().join(format!("shot-{name}"));
        chromium(
            &browser,
            &profile,
            page,
            &[format!("--screenshot={}", screenshot.display())],
        );
        let png = std::fs::read(&screenshot).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let png_width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        assert_eq!(png_width, 1280, "{name}");
        assert!(png.len() > 20_000, "{name}: the screenshot is nearly blank");
    }
    // A workload's page opened from a link, at a phone's width: it covers the screen. (When
    // it sat below the tables, the browser scrolled to where the skipped tables were
    // estimated to end, and the screenshot was blank: 3 kB.)
    let screenshot = shots.join("phone-page.png");
    chromium(
        &browser,
        &dir.path().join("shot-page"),
        Path::new(&format!("{}#w0", report.display())),
        &[
            "--window-size=390,844".into(),
            format!("--screenshot={}", screenshot.display()),
        ],
    );
    let png = std::fs::read(&screenshot).unwrap();
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 390);
    assert!(png.len() > 20_000, "the opened page is nearly blank");
}

#[test]
fn every_workload_has_a_page_that_shows_without_javascript() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    realtor()
        .current_dir(repo())
        .args(["advise", "--format", "html", "-o"])
        .arg(&report)
        .arg("examples")
        .assert()
        .success();
    let html = std::fs::read_to_string(&report).unwrap();
    let rows = html.matches("<tr><td><a href=\"#w").count();
    let pages = html.matches("<section class=\"workload\" id=\"w").count();
    let tables = html.matches("<div class=\"rows\"><table>").count();
    assert_eq!((rows, pages, tables), (7, 7, 1));
    let start = html
        .find("<tr><td><a href=\"#w0\">examples/docker/Dockerfile</a>")
        .expect("its row");
    let row = &html[start..html[start..].find("</tr>").unwrap() + start];
    assert!(
        row.ends_with("<code>examples/docker/Dockerfile:7:5</code><code>CMD service ssh start &amp;&amp; nginx -g 'daemon off;'</code></td>"),
        "the row's evidence, with its place and source line: {row}"
    );
    assert!(html.contains(".workload:target { display: block; position: fixed;"));
    let start = html
        .find("Dockerfile examples/docker/Dockerfile</h2>")
        .expect("its page");
    let page = &html[start..html[start..].find("</section>").unwrap() + start];
    assert!(page.contains("<strong>container → vm</strong>"), "{page}");
    assert!(
        page.contains("<code>examples/docker/Dockerfile:7:5</code><pre>CMD service ssh start &amp;&amp; nginx -g 'daemon off;'</pre>"),
        "the evidence, with its source line: {page}"
    );
}

/// Reports of every shape (one table, three tables, no workload) are valid HTML by
/// html-validate's recommended rules, which add accessibility and good practice (no
/// inline styles, labelled inputs) to the standard.
#[test]
fn reports_are_valid_html() {
    let Some(validator) = node_module(".bin/html-validate") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("inventory.yaml"), inventory(1200)).unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    std::fs::write(
        dir.path().join("config.json"),
        r#"{"extends": ["html-validate:recommended"]}"#,
    )
    .unwrap();
    let examples = repo().join("examples");
    let compose = repo().join("fixtures/compose/real");
    let cases: [(&str, Vec<&Path>); 3] = [
        ("examples.html", vec![&examples, &compose]),
        ("large.html", vec![Path::new("inventory.yaml")]),
        ("empty.html", vec![Path::new("empty")]),
    ];
    for (name, inputs) in &cases {
        std::fs::write(dir.path().join(name), report_of(dir.path(), inputs)).unwrap();
    }
    let checked = Command::new(validator)
        .current_dir(dir.path())
        .args(["--config", "config.json"])
        .args(cases.iter().map(|(name, _)| name))
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "{}{}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
}

/// The report of `realtor advise --format html INPUTS` run in `dir`.
fn report_of(dir: &Path, inputs: &[&Path]) -> String {
    let output = realtor()
        .current_dir(dir)
        .args(["advise", "--format", "html"])
        .args(inputs)
        .output()
        .unwrap();
    assert!(output.status.success(), "{inputs:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_report_of_no_workload_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let html = report_of(dir.path(), &[Path::new(".")]);
    assert!(html.contains("<strong>0 workloads</strong>"));
    assert!(html.contains(
        "<div class=\"scroll\" id=\"workloads\">\n<p>No workload was found.</p>\n</div>"
    ));
}

/// A native inventory of `machines` small VMs named `vm-000000` on.
fn inventory(machines: usize) -> String {
    let mut yaml = String::from("apiVersion: realtor.dev/v1\nkind: Inventory\nmachines:\n");
    for i in 0..machines {
        yaml.push_str(&format!(
            "  - name: vm-{i:06}\n    platform: {{hypervisor: kvm}}\n    os: {{family: linux, distro: ubuntu, version: \"22.04\"}}\n    compute: {{vcpus: 2, memoryMiB: 4096}}\n"
        ));
    }
    yaml
}

#[test]
fn a_large_report_sorts_and_filters_across_its_tables() {
    let Some(browser) = common::tool("chromium") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("inventory.yaml"), inventory(1200)).unwrap();
    let probed = dir.path().join("probed.html");
    inject(
        &report_of(dir.path(), &[Path::new("inventory.yaml")]),
        &[],
        &probed,
    );
    let found = probe(&browser, &dir.path().join("profile"), &probed);
    assert_eq!(
        (&found["rows"], &found["tables"]),
        (&1200.into(), &3.into())
    );
    assert_eq!(found["sortedBy"], "descending");
    let sorted = names(&found, "namesAfterSort");
    assert_eq!(sorted.len(), 1200);
    assert!(descending(&sorted), "sorted across the three tables");
    assert_eq!(
        (sorted[0].as_str(), sorted[1199].as_str()),
        ("vm-001199", "vm-000000")
    );
    assert_eq!(names(&found, "namesAfterFilter"), ["vm-000000"]);
    assert_eq!(
        found["tablesAfterFilter"], 1,
        "the tables left without a row are hidden"
    );
    assert_eq!(found["opened"], serde_json::json!([true, true, false]));
    // Opened from a link: the page is on the screen, although the browser has skipped the
    // tables above it.
    let linked = dir.path().join("probed.html#w1100");
    let found = probe(&browser, &dir.path().join("profile-linked"), &linked);
    assert_eq!(
        found["openedOnLoad"],
        serde_json::json!(["w1100", true, true])
    );
}
