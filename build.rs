//! Adds the git commit to `realtor --version` when built from a git checkout; a build
//! from a source archive (no git, or not a repository) shows the version alone.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    (output.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let version = env!("CARGO_PKG_VERSION");
    let long = match git(&["rev-parse", "--short=12", "HEAD"]) {
        Some(commit) => {
            for dir in [
                git(&["rev-parse", "--git-dir"]),
                git(&["rev-parse", "--git-common-dir"]),
            ]
            .into_iter()
            .flatten()
            {
                for watched in ["HEAD", "refs/heads", "packed-refs"] {
                    let path = std::path::Path::new(&dir).join(watched);
                    if path.exists() {
                        println!("cargo:rerun-if-changed={}", path.display());
                    }
                }
            }
            format!("{version} ({commit})")
        }
        None => version.to_string(),
    };
    println!("cargo:rustc-env=REALTOR_LONG_VERSION={long}");
}
