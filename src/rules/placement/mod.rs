//! Placement rules: container <-> VM advice on the common [`crate::model::Workload`].
//! `P1xx` flag containers that behave like VMs; `P2xx` judge VMs as container candidates.

pub mod container_candidate;
pub mod host_control;
pub mod init_system;
pub mod kernel_modules;
pub mod legacy_guest_os;
pub mod sshd;

/// The programs a command line runs: the first word of each simple command (split on
/// `;`, `&`, `|` and line breaks), past variable assignments and `sudo`/`exec`/`env`
/// wrappers, as basenames; `sh -c "..."` scripts are followed.
pub fn programs(command: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for simple in command.split([';', '&', '|', '\n', '(', ')']) {
        let mut words = simple
            .split_whitespace()
            .map(|w| w.trim_matches(['"', '\'', '[', ']', ',']))
            .filter(|w| !w.is_empty() && !w.contains('='));
        while let Some(word) = words.next() {
            let program = word.rsplit('/').next().unwrap_or(word);
            match program {
                "sudo" | "exec" | "env" | "nohup" => continue,
                "sh" | "bash" | "ash" | "dash" => {
                    if words.next() == Some("-c") {
                        continue;
                    }
                    found.push(program);
                }
                _ => found.push(program),
            }
            break;
        }
    }
    found
}

/// The first program of a command line.
pub fn first_program(command: &str) -> Option<&str> {
    programs(command).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::programs;

    #[test]
    fn programs_are_the_commands_run_not_their_arguments() {
        assert_eq!(
            programs("apt-get update && sudo modprobe x; echo sshd"),
            vec!["apt-get", "modprobe", "echo"]
        );
        assert_eq!(
            programs("/usr/bin/env FOO=1 /usr/sbin/sshd -D"),
            vec!["sshd"]
        );
        assert_eq!(programs("sh -c modprobe br_netfilter"), vec!["modprobe"]);
        assert_eq!(programs("exec /sbin/init"), vec!["init"]);
    }
}
