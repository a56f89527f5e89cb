//! What programs a command line runs (`CMD`, a container's `command`, a `RUN` script),
//! read from its text: the first word of each simple command, through wrappers, init shims
//! and `sh -c`. A light reading for facts about PID 1, not the full shell parse of
//! [`super::shell`].

/// Programs that start another program as PID 1 and reap zombies, but supervise nothing.
const INIT_SHIMS: &[&str] = &["tini", "dumb-init", "catatonit", "docker-init"];

/// The programs a command line runs: the first word of each simple command (split on
/// `;`, `&`, `|` and line breaks), past variable assignments and `sudo`/`exec`/`env`
/// wrappers and init shims (`tini`, `dumb-init`), as basenames; `sh -c "..."` scripts are
/// followed. The body of a here-document fed to a command (`cat <<EOF > file`) is data,
/// not commands, and is skipped when its closing delimiter is there.
pub fn programs(command: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let lines: Vec<&str> = command.lines().collect();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        index += 1;
        for simple in line.split([';', '&', '|', '(', ')']) {
            if let Some(program) = program_of(simple) {
                found.push(program);
            }
        }
        if let Some(delimiter) = here_document_delimiter(line)
            && let Some(end) = lines[index..].iter().position(|l| l.trim() == delimiter)
        {
            index += end + 1;
        }
    }
    found
}

/// The program a simple command runs.
fn program_of(simple: &str) -> Option<&str> {
    let mut words = simple
        .split_whitespace()
        .map(|w| w.trim_matches(['"', '\'', '[', ']', ',']))
        .filter(|w| !w.is_empty() && !w.contains('='));
    while let Some(word) = words.next() {
        let program = word.rsplit('/').next().unwrap_or(word);
        match program {
            "sudo" | "exec" | "env" | "nohup" => continue,
            shim if INIT_SHIMS.contains(&shim) => {
                while words.clone().next().is_some_and(|w| w.starts_with('-')) {
                    words.next();
                }
                continue;
            }
            "sh" | "bash" | "ash" | "dash" if words.clone().next() == Some("-c") => {
                words.next();
                continue;
            }
            _ => return Some(program),
        }
    }
    None
}

/// The delimiter of a here-document a line feeds to a command other than a shell
/// (`cat << 'EOF' > /etc/app.conf`).
fn here_document_delimiter(line: &str) -> Option<&str> {
    let (before, after) = line.split_once("<<")?;
    let feeds = program_of(before.rsplit([';', '&', '|']).next().unwrap_or(before))?;
    if matches!(feeds, "sh" | "bash" | "ash" | "dash") {
        return None;
    }
    let delimiter = after
        .trim_start_matches(['-', '~'])
        .split_whitespace()
        .next()?;
    Some(delimiter.trim_matches(['\'', '"']))
}
