//! The HTML placement report in a real browser: Debian's headless Chromium opens it at a
//! desktop width and, inside a 390-pixel frame, at a phone's, with axe-core (from npm) and
//! `tests/report/probe.js` injected into a copy. The probe records what must be visible
//! (the totals, every chart and its labels, the rows), whether the page overflows its
//! width, and axe-core's accessibility violations. Screenshots of both widths are written
//! to the target directory for a person to look at; they are checked into no repository.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{realtor, repo};
use serde_json::Value;

/// axe-core as `.ci/run` installs it.
fn axe() -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var_os("HOME")?)
        .join(".cache/realtor/node/node_modules/axe-core/axe.min.js");
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

/// The probe's JSON from a dumped DOM.
fn probe(dom: &str) -> Value {
    let start = dom.find("<pre id=\"probe\">").expect("the probe ran") + "<pre id=\"probe\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let text = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_report_shows_its_totals_and_charts_at_desktop_and_phone_width_accessibly() {
    let (Some(browser), Some(axe)) = (common::tool("chromium"), axe()) else {
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
    let script = |path: &Path| {
        format!(
            "<script>{}</script>",
            std::fs::read_to_string(path).unwrap()
        )
    };
    let injected = format!(
        "{}{}</body>",
        script(&axe),
        script(&repo().join("tests/report/probe.js"))
    );
    std::fs::write(&probed, html.replace("</body>", &injected)).unwrap();
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
        let found = probe(&chromium(&browser, &profile, page, &["--dump-dom".into()]));
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
        assert_eq!(found["rows"], 123, "{name}");
        assert_eq!(
            found["filter"], true,
            "{name}: the filter shows once scripts run"
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
    assert_eq!((rows, pages), (7, 7));
    assert!(html.contains(".workload:target { display: block; }"));
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
