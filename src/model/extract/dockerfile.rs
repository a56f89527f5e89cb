//! The workload a Dockerfile builds: its final stage, following `FROM <stage>` back, with
//! its base image and OS, what its `RUN`s install and start, its ports and its PID 1.

use crate::input::source::Span;
use crate::model::{FactKind, Platform, Workload};
use crate::syntax::dockerfile::{
    Command, Dockerfile, Instruction, Source, arg_pairs, command_span, command_text, expand_args,
};

use super::os_of_image;

/// The image a Dockerfile builds: its final stage, following `FROM <stage>` back.
pub fn dockerfile(dockerfile: &Dockerfile<'_>, span: Span) -> Workload {
    let mut workload = Workload {
        name: dockerfile.file.path.clone(),
        kind: "Dockerfile".into(),
        namespace: None,
        span,
        platform: Platform::Container,
        facts: Vec::new(),
    };
    let mut chain = Vec::new();
    let mut stage = dockerfile.stages.len().checked_sub(1);
    while let Some(index) = stage {
        chain.push(index);
        let image = dockerfile
            .resolved_image(&dockerfile.stages[index])
            .unwrap_or_default();
        stage = dockerfile.stages[..index].iter().rposition(|s| {
            s.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(&image))
        });
    }
    let Some(&root) = chain.last() else {
        return workload;
    };
    if let (Some(image), Instruction::From(from)) = (
        dockerfile.resolved_image(&dockerfile.stages[root]),
        &dockerfile.instructions[dockerfile.stages[root].from],
    ) {
        let span = from.image.span.clone();
        if let Some(os) = os_of_image(&image) {
            workload.add(span.clone(), FactKind::Os(os));
        }
        workload.add(span, FactKind::BaseImage(image));
    }
    let (mut entrypoint, mut cmd) = (None, None);
    let mut values = dockerfile.global_arg_defaults();
    for &index in chain.iter().rev() {
        let mut cmd_set_here = false;
        let stage = &dockerfile.stages[index];
        for (at, instruction) in stage
            .range
            .clone()
            .zip(dockerfile.stage_instructions(stage))
        {
            match instruction {
                Instruction::Run(run) => {
                    let mut text = command_text(&run.arguments);
                    for heredoc in &run.here_docs {
                        text.push('\n');
                        text.push_str(&heredoc.value);
                    }
                    if writes_sftp_only_config(&text) {
                        let kind = FactKind::SftpOnly("the sshd_config a RUN writes".into());
                        workload.add(command_span(&run.arguments), kind);
                    }
                    workload.add(command_span(&run.arguments), FactKind::Runs(text));
                    script_facts(&dockerfile.scripts[at], &mut workload);
                }
                Instruction::Arg(arg) => {
                    for (name, value) in arg_pairs(&arg.arguments.value) {
                        if let Some(value) = value {
                            values.insert(name.to_string(), value.to_string());
                        }
                    }
                }
                Instruction::Env(env) => {
                    for (name, value) in arg_pairs(&env.arguments.value) {
                        let value = value.and_then(|v| expand_args(v, &values));
                        values.insert(name.to_string(), value.unwrap_or_default());
                    }
                }
                Instruction::Entrypoint(e) => {
                    entrypoint = Some(&e.arguments);
                    if !cmd_set_here {
                        cmd = None;
                    }
                }
                Instruction::Cmd(c) => {
                    cmd = Some(&c.arguments);
                    cmd_set_here = true;
                }
                Instruction::Copy(copy) => {
                    let source = copy.src.iter().find_map(|s| match s {
                        Source::Path(path) => Some(path),
                        _ => None,
                    });
                    let source_text = source.map(|s| s.value.as_ref());
                    if let Some(name) = copied_program(source_text, &copy.dest.value) {
                        // The name shows in the source when the destination is a directory.
                        let span = match source {
                            Some(s) if s.value.ends_with(name) => s.span.clone(),
                            _ => copy.dest.span.clone(),
                        };
                        workload.add(span, FactKind::Software(name.to_string()));
                    }
                }
                Instruction::Add(add) => {
                    for source in &add.src {
                        let Source::Path(path) = source else { continue };
                        if let Some(name) = local_archive(&path.value) {
                            let kind = FactKind::Software(name.to_string());
                            workload.add(path.span.clone(), kind);
                        }
                    }
                }
                Instruction::Expose(expose) => {
                    for port in &expose.arguments {
                        let expanded = expand_args(&port.value, &values).unwrap_or_default();
                        let number = expanded.split('/').next().unwrap_or("");
                        if let Ok(number) = number.parse() {
                            workload.add(port.span.clone(), FactKind::ExposedPort(number));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let init = match (entrypoint, cmd) {
        (Some(e), Some(c)) if matches!(e, Command::Exec(_)) => Some((
            command_span(e),
            format!("{} {}", command_text(e), command_text(c)),
        )),
        (Some(e), _) => Some((command_span(e), command_text(e))),
        (None, Some(c)) => Some((command_span(c), command_text(c))),
        (None, None) => None,
    };
    if let Some((span, text)) = init {
        workload.add(span, FactKind::Init(text));
    }
    workload
}

/// What a release archive's URL ships: its file name up to the platform or version
/// (`https://.../actions-runner-linux-x64-2.311.0.tar.gz` is `actions-runner`).
/// The program a `COPY` puts on a program path: the file it names there
/// (`COPY runner /usr/bin/gitlab-runner`), or the source's name when the destination is the
/// program directory itself (`COPY --from=build /usr/local/bin/isolate /usr/local/bin`).
fn copied_program<'s>(source: Option<&'s str>, dest: &'s str) -> Option<&'s str> {
    const PROGRAM_DIRS: &[&str] = &["/usr/bin", "/usr/local/bin", "/bin", "/usr/sbin"];
    let dir = dest.trim_end_matches('/');
    let name = if PROGRAM_DIRS.contains(&dir) {
        source?.trim_end_matches('/').rsplit('/').next()?
    } else if PROGRAM_DIRS
        .iter()
        .any(|d| dest.strip_prefix(d).is_some_and(|r| r.starts_with('/')))
    {
        dest.rsplit('/').next()?
    } else {
        return None;
    };
    (!name.is_empty() && !name.contains(['$', '*', '?'])).then_some(name)
}

/// What a local tar archive that `ADD` unpacks into the image is named after
/// (`ADD judgehost.tar.gz /` unpacks `judgehost`); URLs are downloads, not unpacked.
fn local_archive(source: &str) -> Option<&str> {
    if source.contains("://") {
        return None;
    }
    let name = source.rsplit('/').next()?;
    [".tar.gz", ".tgz", ".tar.xz", ".tar.bz2", ".tar"]
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .filter(|stem| !stem.is_empty() && !stem.contains(['$', '*', '?']))
}

fn released_software(url: &str) -> Option<String> {
    if !url.starts_with("https://") && !url.starts_with("http://") {
        return None;
    }
    let file = url.rsplit('/').next()?;
    let file = [".tar.gz", ".tgz", ".tar.xz", ".zip", ".deb", ".rpm"]
        .iter()
        .find_map(|ext| file.strip_suffix(ext))?;
    let all: Vec<&str> = file.split(['-', '_']).collect();
    let name = all
        .iter()
        .take_while(|part| {
            !part.starts_with(|c: char| c.is_ascii_digit() || c == '$' || c == 'v')
                && !matches!(**part, "linux" | "amd64" | "x64" | "x86" | "arm64")
        })
        .count();
    (name > 0 && name < all.len()).then(|| all[..name].join("-"))
}

/// The command `sudo` runs (`sudo -E pacman -S qemu`), when the command is a `sudo`.
fn without_sudo(
    command: &crate::syntax::shell::SimpleCommand,
) -> Option<crate::syntax::shell::SimpleCommand> {
    if command.name() != Some("sudo") {
        return None;
    }
    let mut start = 1;
    while let Some(word) = command.words.get(start)
        && word.text.starts_with('-')
    {
        let valued = matches!(word.text.as_str(), "-u" | "-g" | "-U" | "-C" | "-h" | "-p");
        start += if valued { 2 } else { 1 };
    }
    (start < command.words.len()).then(|| crate::syntax::shell::SimpleCommand {
        assignments: Vec::new(),
        words: command.words[start..].to_vec(),
        next: None,
    })
}

/// Package managers whose installs name the machine's software.
const OS_PACKAGE_MANAGERS: &[&crate::syntax::packages::Manager] = &[
    &crate::syntax::packages::APT_GET,
    &crate::syntax::packages::APT,
    &crate::syntax::packages::YUM,
    &crate::syntax::packages::DNF,
    &crate::syntax::packages::APK,
    &crate::syntax::packages::ZYPPER,
    &crate::syntax::packages::PACMAN,
];

/// The packages a `RUN` installs and the services it enables or starts at boot
/// (`systemctl enable`, `update-rc.d`, `chkconfig`, `rc-update add`, `service x start`,
/// `/etc/init.d/x start`).
fn script_facts(script: &[crate::syntax::shell::SimpleCommand], workload: &mut Workload) {
    for command in script {
        let unwrapped = without_sudo(command);
        let command = unwrapped.as_ref().unwrap_or(command);
        if let Some(install) = OS_PACKAGE_MANAGERS
            .iter()
            .find_map(|m| crate::syntax::packages::install(command, m))
        {
            for package in install.packages {
                workload.add(
                    package.span.clone(),
                    FactKind::Package(package.text.clone()),
                );
            }
            continue;
        }
        if matches!(command.name(), Some("curl" | "wget")) {
            for word in command.args() {
                if let Some(name) = released_software(&word.text) {
                    workload.add(word.span.clone(), FactKind::Software(name));
                }
            }
        }
        let words: Vec<&str> = command.words.iter().map(|w| w.text.as_str()).collect();
        let service = match (command.name(), words.as_slice()) {
            (Some("systemctl"), [_, rest @ ..]) => match rest
                .iter()
                .filter(|w| !w.starts_with('-'))
                .collect::<Vec<_>>()
                .as_slice()
            {
                [verb, unit, ..] if **verb == "enable" => Some(unit.trim_end_matches(".service")),
                _ => None,
            },
            (Some("update-rc.d"), [_, name, ..]) => Some(*name),
            (Some("chkconfig"), [_, name, on]) if on.eq_ignore_ascii_case("on") => Some(*name),
            (Some("rc-update"), [_, "add", name, ..]) => Some(*name),
            (Some("service"), [_, name, "start" | "restart", ..]) => Some(*name),
            (Some(program), [path, "start" | "restart", ..])
                if path.starts_with("/etc/init.d/") =>
            {
                Some(program)
            }
            _ => None,
        };
        if let (Some(service), Some(last)) = (service, command.words.last()) {
            let span = command.words[0].span.start..last.span.end;
            workload.add(span, FactKind::BootService(service.to_string()));
        }
    }
}

/// Whether a `RUN` writes `ForceCommand internal-sftp` into the SSH server's configuration
/// for every login (no `Match` block, which would bind it to some users only).
fn writes_sftp_only_config(run: &str) -> bool {
    run.contains("sshd_config")
        && run.contains("ForceCommand internal-sftp")
        && !run.contains("Match ")
}

#[cfg(test)]
mod tests {
    use super::{copied_program, local_archive, released_software};

    #[test]
    fn programs_copied_or_unpacked_into_the_image_are_named() {
        let copied = |source, dest| copied_program(Some(source), dest);
        assert_eq!(
            copied("runner", "/usr/bin/gitlab-runner"),
            Some("gitlab-runner")
        );
        assert_eq!(
            copied("/usr/local/bin/isolate", "/usr/local/bin"),
            Some("isolate")
        );
        assert_eq!(copied("build/isolate", "/usr/local/bin/"), Some("isolate"));
        assert_eq!(copied("app.jar", "/opt/app/app.jar"), None);
        assert_eq!(copied("tools/", "/usr/local/bin/$TOOL"), None);
        assert_eq!(local_archive("judgehost.tar.gz"), Some("judgehost"));
        assert_eq!(local_archive("dist/app.tgz"), Some("app"));
        assert_eq!(local_archive("https://example.com/x.tar.gz"), None);
        assert_eq!(local_archive("config.yaml"), None);
    }

    #[test]
    fn release_archives_are_named_by_what_they_ship() {
        let name = |url: &str| released_software(url);
        assert_eq!(
            name("https://github.com/actions/runner/releases/download/v2.3/actions-runner-linux-x64-2.3.tar.gz").as_deref(),
            Some("actions-runner")
        );
        assert_eq!(
            name("https://example.com/gitlab-runner_amd64.deb").as_deref(),
            Some("gitlab-runner")
        );
        assert_eq!(name("https://example.com/install.sh"), None);
        assert_eq!(name("runner.tar.gz"), None, "a local file is no download");
        assert_eq!(name("https://example.com/1.2.tar.gz"), None);
    }
}
