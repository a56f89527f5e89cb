//! The build context of a Dockerfile: files its `COPY` and `ADD` instructions bring in from
//! the Dockerfile's own directory (what `docker build .` beside it sends), read when they say
//! how the image's programs are configured. A file is read only when realtor has a use for
//! it, once, and only when it is a small text file inside that directory: a source that is a
//! URL, a glob, another stage's (`--from`), an absolute path or one leaving the directory is
//! left alone, and a missing file is no finding (the context may be elsewhere).
//!
//! Today that is the SSH server's configuration: a `sshd_config` copied to
//! `/etc/ssh/sshd_config` (or a drop-in under `/etc/ssh/sshd_config.d/`) that forces
//! `internal-sftp` for every login makes the image a file-transfer service that nobody logs
//! in to, which the placement rules must know before they call an SSH server a machine.

use std::path::{Component, Path};

use crate::syntax::dockerfile::{Instruction, Source};

use crate::model::{FactKind, Workload};
use crate::syntax::dockerfile::Dockerfile;

/// The largest context file read: configuration, not data.
const MAX_CONTEXT_FILE: u64 = 64 * 1024;

/// Adds the facts the Dockerfile's copied configuration proves, each at the `COPY`
/// source that brings the file in.
pub fn add_facts(dockerfile: &Dockerfile<'_>, workload: &mut Workload) {
    let Some(dir) = Path::new(&dockerfile.file.path).parent() else {
        return;
    };
    for instruction in &dockerfile.instructions {
        let (options, sources, dest) = match instruction {
            Instruction::Copy(copy) => (&copy.options, &copy.src, &copy.dest),
            Instruction::Add(add) => (&add.options, &add.src, &add.dest),
            _ => continue,
        };
        if options.iter().any(|flag| flag.name.value == "from") {
            continue;
        }
        let dest: &str = dest.value.as_ref();
        for source in sources {
            let Source::Path(source) = source else {
                continue;
            };
            let Some(target) = sshd_config_target(&source.value, dest, sources.len()) else {
                continue;
            };
            let Some(text) = read_context_file(dir, &source.value) else {
                continue;
            };
            if forces_sftp(&text) {
                workload.add(
                    source.span.clone(),
                    FactKind::SftpOnly(format!("{} copied to {target}", source.value)),
                );
            }
        }
    }
}

/// Where a copied source lands when that is the SSH server's configuration.
fn sshd_config_target(source: &str, dest: &str, sources: usize) -> Option<String> {
    let name = source.rsplit('/').next().unwrap_or(source);
    let target = if dest.ends_with('/') || sources > 1 {
        format!("{}/{name}", dest.trim_end_matches('/'))
    } else {
        dest.to_string()
    };
    let is_config = target == "/etc/ssh/sshd_config"
        || (target.starts_with("/etc/ssh/sshd_config.d/") && target.ends_with(".conf"));
    is_config.then_some(target)
}

/// A small text file at a relative path inside `dir`.
fn read_context_file(dir: &Path, source: &str) -> Option<String> {
    let relative = Path::new(source);
    let inside = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let plain = !source.contains(['*', '?', '[', '$']) && !source.contains("://");
    if !inside || !plain {
        return None;
    }
    let path = dir.join(relative);
    let metadata = std::fs::metadata(&path).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_CONTEXT_FILE {
        return None;
    }
    String::from_utf8(std::fs::read(path).ok()?).ok()
}

/// Whether an `sshd_config` forces `internal-sftp` on every login: `ForceCommand
/// internal-sftp` before any `Match` block (inside one it binds only the users it matches).
pub fn forces_sftp(text: &str) -> bool {
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let mut words = line.split(|c: char| c.is_whitespace() || c == '=');
        let keyword = words.next().unwrap_or("");
        if keyword.eq_ignore_ascii_case("match") {
            return false;
        }
        if keyword.eq_ignore_ascii_case("forcecommand") {
            return words.find(|w| !w.is_empty()) == Some("internal-sftp");
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_global_force_command_makes_sftp_only() {
        assert!(forces_sftp(
            "Subsystem sftp internal-sftp\nForceCommand internal-sftp\n"
        ));
        assert!(forces_sftp("forcecommand=internal-sftp # jail\n"));
        assert!(!forces_sftp("# ForceCommand internal-sftp\n"));
        assert!(
            !forces_sftp("Subsystem sftp internal-sftp\n"),
            "SFTP beside shells"
        );
        assert!(!forces_sftp(
            "Match Group sftp\n    ForceCommand internal-sftp\n"
        ));
        assert!(!forces_sftp("ForceCommand /usr/bin/audit-shell\n"));
    }

    #[test]
    fn the_copied_config_lands_where_sshd_reads_it() {
        let at = |s, d| sshd_config_target(s, d, 1);
        assert_eq!(
            at("files/sshd_config", "/etc/ssh/sshd_config").as_deref(),
            Some("/etc/ssh/sshd_config")
        );
        assert_eq!(
            at("sshd_config", "/etc/ssh/").as_deref(),
            Some("/etc/ssh/sshd_config")
        );
        assert!(at("sftp.conf", "/etc/ssh/sshd_config.d/").is_some());
        assert!(at("ssh_config", "/etc/ssh/").is_none());
        assert!(at("sshd_config", "/tmp/").is_none());
    }
}
