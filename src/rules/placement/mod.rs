//! Placement rules: container <-> VM advice on the common [`crate::model::Workload`].
//! `P1xx` flag containers that behave like VMs; `P2xx` judge VMs as container candidates.

pub mod container_candidate;
pub mod host_control;
pub mod init_system;
pub mod kernel_modules;
pub mod legacy_guest_os;
pub mod sshd;

/// The program names of a command line: every word's basename, flags and assignments
/// skipped, split on shell separators.
pub fn programs(command: &str) -> impl Iterator<Item = &str> {
    command
        .split(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ';' | '&' | '|' | '(' | ')' | '"' | '\'' | '[' | ']' | ','
                )
        })
        .filter(|w| !w.is_empty() && !w.starts_with('-') && !w.contains('='))
        .map(|w| w.rsplit('/').next().unwrap_or(w))
}

/// The first program of a command line, skipping `exec` and shell wrappers' `sh -c`.
pub fn first_program(command: &str) -> Option<&str> {
    programs(command).find(|p| !matches!(*p, "exec" | "sh" | "bash" | "-c"))
}
