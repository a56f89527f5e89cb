//! Discovery: turn the paths on the command line into the files to check. Directories
//! are walked with the `ignore` crate (honouring `.gitignore`, and into hidden directories
//! such as `.docker/` and `.devcontainer/`, where Dockerfiles live too; `.git` is left
//! out); files are classified by name here and by content when parsed.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

/// What a file's name says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    Dockerfile,
    /// YAML or JSON: a Kubernetes manifest or a realtor inventory, known once parsed.
    Yaml,
    /// A file a VM inventory export may be in (`.csv`, `.xml`, `.vmx`, `.vbox`, `.xlsx`):
    /// read only when its content is one realtor imports.
    Export,
    /// A Helm chart's `Chart.yaml`: the chart is checked as `helm template` renders it.
    Chart,
    /// A `kustomization.yaml`: the overlay is checked as `kustomize build` renders it.
    Kustomization,
    /// A file named on the command line whose name says nothing: decided by content.
    Unknown,
}

/// A file to check.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where to read it; `None` for standard input.
    pub path: Option<PathBuf>,
    /// How it is shown: as given, or relative to the working directory, with `/`.
    pub display: String,
    pub hint: Hint,
    /// Named on the command line (not found by walking): an unsupported file is reported.
    pub explicit: bool,
    /// Why walking could not reach it (a directory that cannot be read), if so.
    pub error: Option<String>,
}

/// The names kustomize reads a directory's kustomization from.
pub const KUSTOMIZATIONS: [&str; 3] = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/// The kind a file name implies, if any.
pub fn hint_for(name: &str) -> Option<Hint> {
    let lower = name.to_ascii_lowercase();
    let dockerfile = ["dockerfile", "containerfile"].iter().any(|base| {
        lower == *base
            || [".", "-", "_"].iter().any(|sep| {
                lower.starts_with(&format!("{base}{sep}"))
                    || lower.ends_with(&format!("{sep}{base}"))
            })
    });
    // `dockerfile.rs` or `dockerfile.md` is source or documentation about Dockerfiles.
    let other_language = [
        ".rs", ".go", ".py", ".js", ".ts", ".java", ".rb", ".md", ".txt", ".sh", ".toml",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext));
    if dockerfile && !other_language {
        return Some(Hint::Dockerfile);
    }
    if name == "Chart.yaml" {
        return Some(Hint::Chart);
    }
    if KUSTOMIZATIONS.contains(&name) {
        return Some(Hint::Kustomization);
    }
    let yaml = [".yaml", ".yml", ".json"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    let export = [".csv", ".xml", ".vmx", ".vbox", ".xlsx"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    if yaml {
        Some(Hint::Yaml)
    } else {
        export.then_some(Hint::Export)
    }
}

/// Globs of paths to leave out (`ignore-paths` in the configuration).
pub fn ignore_set(globs: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        builder.add(Glob::new(glob).map_err(|e| format!("ignore-paths: `{glob}`: {e}"))?);
    }
    builder.build().map_err(|e| e.to_string())
}

/// The inputs under `paths`, sorted by display path. `-` is standard input.
pub fn discover(
    paths: &[PathBuf],
    stdin_name: Option<&str>,
    ignored: &GlobSet,
) -> Result<Vec<Input>, String> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let display = stdin_name.unwrap_or("<stdin>").to_string();
            let hint = hint_for(&display).unwrap_or(Hint::Unknown);
            inputs.push(Input {
                path: None,
                display,
                hint,
                explicit: true,
                error: None,
            });
        } else if path.is_dir() {
            walk(path, ignored, &mut inputs);
        } else if path.exists() {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            inputs.push(Input {
                path: Some(path.clone()),
                display: display_path(path),
                hint: hint_for(&name).unwrap_or(Hint::Unknown),
                explicit: true,
                error: None,
            });
        } else {
            return Err(format!("{}: no such file or directory", path.display()));
        }
    }
    inputs.sort_by(|a, b| a.display.cmp(&b.display));
    inputs.dedup_by(|a, b| a.display == b.display);
    leave_to_charts(&mut inputs);
    Ok(inputs)
}

/// Files found by walking inside a chart's `templates/` and `charts/` are what the chart
/// renders: they are checked in its output, not on their own (nor are subcharts as charts).
fn leave_to_charts(inputs: &mut Vec<Input>) {
    let charts: Vec<String> = inputs
        .iter()
        .filter(|i| i.hint == Hint::Chart)
        .filter_map(|i| i.display.strip_suffix("Chart.yaml").map(str::to_string))
        .collect();
    inputs.retain(|input| {
        input.explicit
            || !charts.iter().any(|dir| {
                ["templates/", "charts/"]
                    .iter()
                    .any(|sub| input.display.starts_with(&format!("{dir}{sub}")))
            })
    });
}

fn walk(root: &Path, ignored: &GlobSet, inputs: &mut Vec<Input>) {
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(false)
        .require_git(false)
        .hidden(false)
        .filter_entry(|entry| entry.file_name() != ".git")
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                inputs.push(walk_error(root, &error));
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let display = display_path(path);
        if ignored.is_match(&display) || ignored.is_match(path) {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if let Some(hint) = hint_for(&name) {
            inputs.push(Input {
                path: Some(path.to_path_buf()),
                display,
                hint,
                explicit: false,
                error: None,
            });
        }
    }
}

/// A directory or entry the walk could not read, reported against its own path.
fn walk_error(root: &Path, error: &ignore::Error) -> Input {
    let path = match error {
        ignore::Error::WithPath { path, .. } => path.clone(),
        ignore::Error::WithDepth { err, .. } => match err.as_ref() {
            ignore::Error::WithPath { path, .. } => path.clone(),
            _ => root.to_path_buf(),
        },
        _ => root.to_path_buf(),
    };
    Input {
        path: None,
        display: display_path(&path),
        hint: Hint::Unknown,
        explicit: true,
        error: Some(format!("cannot be walked: {error}")),
    }
}

/// A path relative to the working directory when under it, else as given; `/` separated.
fn display_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_classify() {
        for name in [
            "Dockerfile",
            "Containerfile",
            "api.Dockerfile",
            "Dockerfile.prod",
            "Dockerfile-alpine",
            "Dockerfile_dev",
            "dockerfile",
        ] {
            assert_eq!(hint_for(name), Some(Hint::Dockerfile), "{name}");
        }
        for name in ["app.yaml", "app.yml", "list.json"] {
            assert_eq!(hint_for(name), Some(Hint::Yaml), "{name}");
        }
        for name in [
            "RVTools_tabvInfo.csv",
            "db.xml",
            "app.vmx",
            "kiosk.vbox",
            "rv.xlsx",
        ] {
            assert_eq!(hint_for(name), Some(Hint::Export), "{name}");
        }
        assert_eq!(hint_for("README.md"), None);
        assert_eq!(hint_for("dockerfile.rs"), None);
        assert_eq!(hint_for("Dockerfile.md"), None);
        assert_eq!(hint_for("Dockerfiles.txt"), None);
    }

    #[test]
    fn walks_hidden_directories_but_not_git_or_ignored_files() {
        let dir = tempfile::tempdir().unwrap();
        for path in [
            ".docker/judge/Dockerfile",
            ".devcontainer/Dockerfile",
            ".git/Dockerfile",
            "build/Dockerfile",
            "Dockerfile",
        ] {
            let file = dir.path().join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, "FROM scratch\n").unwrap();
        }
        std::fs::write(dir.path().join(".gitignore"), "build/\n").unwrap();
        let mut inputs = Vec::new();
        walk(dir.path(), &GlobSet::empty(), &mut inputs);
        let mut found: Vec<String> = inputs
            .iter()
            .filter(|i| i.hint == Hint::Dockerfile)
            .map(|i| {
                let path = i.path.as_ref().unwrap().strip_prefix(dir.path()).unwrap();
                path.to_string_lossy().replace('\\', "/")
            })
            .collect();
        found.sort();
        assert_eq!(
            found,
            [
                ".devcontainer/Dockerfile",
                ".docker/judge/Dockerfile",
                "Dockerfile"
            ]
        );
    }
}
