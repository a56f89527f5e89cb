//! Package manager commands in `RUN` scripts: which words are the verb, the options and
//! the packages of an install, and the checks the pinning, cache and prompt rules share.

use crate::rules::Report;
use crate::source::Span;
use crate::syntax::dockerfile::Dockerfile;
use crate::syntax::shell::{SimpleCommand, Word};

use super::{RunCommand, run_commands};

/// How one package manager's command line reads.
pub struct Manager {
    /// Program names (`apt-get`); `pip` also matches `python -m pip`.
    pub programs: &'static [&'static str],
    /// Verbs that install packages.
    pub installs: &'static [&'static str],
    /// Options that take the next word as their value.
    pub valued: &'static [&'static str],
}

pub static APT_GET: Manager = Manager {
    programs: &["apt-get"],
    installs: &["install"],
    valued: &[
        "-o",
        "--option",
        "-t",
        "--target-release",
        "-c",
        "--config-file",
    ],
};

pub static APK: Manager = Manager {
    programs: &["apk"],
    installs: &["add"],
    valued: &[
        "-X",
        "--repository",
        "-t",
        "--virtual",
        "-p",
        "--root",
        "--repositories-file",
        "--keys-dir",
        "--arch",
        "--cache-dir",
    ],
};

pub static PIP: Manager = Manager {
    programs: &["pip", "pip3"],
    installs: &["install"],
    valued: &[
        "-r",
        "--requirement",
        "-c",
        "--constraint",
        "-e",
        "--editable",
        "-i",
        "--index-url",
        "--extra-index-url",
        "-f",
        "--find-links",
        "-t",
        "--target",
        "--prefix",
        "--root",
        "--trusted-host",
        "--platform",
        "--python-version",
        "--implementation",
        "--abi",
        "--cache-dir",
        "--src",
        "--upgrade-strategy",
        "--progress-bar",
        "--only-binary",
        "--no-binary",
        "--config-settings",
        "-C",
    ],
};

pub static NPM: Manager = Manager {
    programs: &["npm"],
    installs: &["install", "i", "add"],
    valued: &[
        "--prefix",
        "--registry",
        "--cache",
        "-w",
        "--workspace",
        "--tag",
    ],
};

pub static GEM: Manager = Manager {
    programs: &["gem"],
    installs: &["install", "i"],
    valued: &[
        "-v",
        "--version",
        "-i",
        "--install-dir",
        "-n",
        "--bindir",
        "-s",
        "--source",
        "--platform",
        "-g",
        "--file",
    ],
};

pub static GO: Manager = Manager {
    programs: &["go"],
    installs: &["install", "get"],
    valued: &[
        "-ldflags", "-gcflags", "-tags", "-o", "-p", "-mod", "-modfile",
    ],
};

/// Options of yum and dnf that take the next word as their value (yum is dnf on current
/// RPM distributions, and both read these).
const RPM_VALUED: &[&str] = &[
    "-c",
    "--config",
    "--installroot",
    "--releasever",
    "-d",
    "-e",
    "--forcearch",
    "--setopt",
    "--enablerepo",
    "--disablerepo",
    "--repo",
    "--repoid",
    "--exclude",
    "-x",
];

pub static YUM: Manager = Manager {
    programs: &["yum"],
    installs: &["install", "groupinstall", "localinstall"],
    valued: RPM_VALUED,
};

pub static DNF: Manager = Manager {
    programs: &["dnf", "microdnf"],
    installs: &["install", "groupinstall", "localinstall"],
    valued: RPM_VALUED,
};

pub static ZYPPER: Manager = Manager {
    programs: &["zypper"],
    installs: &["install", "in"],
    valued: &["-r", "--repo", "--from", "-t", "--type", "--root", "-R"],
};

/// One install command line.
pub struct Install<'c> {
    pub command: &'c SimpleCommand,
    pub verb: &'c Word,
    /// The options before and after the verb.
    pub options: Vec<&'c Word>,
    pub packages: Vec<&'c Word>,
}

impl Install<'_> {
    /// From the program name to the verb: `apt-get install`, `apt-get -q install`.
    pub fn head_span(&self) -> Span {
        self.command.words[0].span.start..self.verb.span.end
    }

    pub fn has_option(&self, short: &[char], long: &[&str]) -> bool {
        self.options
            .iter()
            .any(|w| super::is_option(&w.text, short, long))
    }
}

/// The words after the program name, with `python -m pip` read as `pip`.
fn program_args<'c>(command: &'c SimpleCommand, manager: &Manager) -> Option<&'c [Word]> {
    let name = command.name()?;
    if manager.programs.contains(&name) {
        return Some(command.args());
    }
    let is_python = name.starts_with("python");
    let is_versioned_pip = manager.programs.contains(&"pip")
        && name.starts_with("pip")
        && name[3..].chars().all(|c| c.is_ascii_digit() || c == '.');
    if is_versioned_pip {
        return Some(command.args());
    }
    match command.args() {
        [m, module, rest @ ..] if is_python && m.text == "-m" && module.text == "pip" => {
            manager.programs.contains(&"pip").then_some(rest)
        }
        _ => None,
    }
}

/// The command as an install of `manager`, if it is one.
pub fn install<'c>(command: &'c SimpleCommand, manager: &Manager) -> Option<Install<'c>> {
    let args = program_args(command, manager)?;
    let mut options = Vec::new();
    let mut words = args.iter();
    let verb = loop {
        let word = words.next()?;
        if word.text.starts_with('-') {
            options.push(word);
            if manager.valued.contains(&word.text.as_str()) {
                words.next();
            }
        } else {
            break word;
        }
    };
    if !manager.installs.contains(&verb.text.as_str()) {
        return None;
    }
    let mut packages = Vec::new();
    while let Some(word) = words.next() {
        if word.text == "--" {
            continue;
        }
        if word.text.starts_with('-') {
            options.push(word);
            if manager.valued.contains(&word.text.as_str()) {
                words.next();
            }
        } else {
            packages.push(word);
        }
    }
    Some(Install {
        command,
        verb,
        options,
        packages,
    })
}

/// The installs of `manager` in every `RUN`, with where they are.
pub fn installs<'d>(
    dockerfile: &'d Dockerfile<'_>,
    manager: &'d Manager,
) -> impl Iterator<Item = (RunCommand<'d>, Install<'d>)> {
    run_commands(dockerfile).filter_map(move |run| Some((run, install(run.command, manager)?)))
}

/// Whether a package argument is a file, a URL or a variable rather than a name.
pub fn is_local(name: &str) -> bool {
    name.contains("://")
        || name.starts_with(['.', '/', '~'])
        || name.contains('$')
        || [
            ".deb", ".apk", ".rpm", ".whl", ".tar.gz", ".tgz", ".zip", ".gem",
        ]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Report each package that `pinned` rejects; packages that are files, URLs or
/// variables are not judged.
pub fn report_unpinned(
    dockerfile: &Dockerfile<'_>,
    manager: &Manager,
    pinned: &dyn Fn(&Install<'_>, &str) -> bool,
    report: &mut Report<'_>,
) {
    for (_, install) in installs(dockerfile, manager) {
        for package in &install.packages {
            let name = package.text.as_str();
            if !is_local(name) && !pinned(&install, name) {
                report.at(
                    package.span.clone(),
                    format!("`{name}` is installed without a version pin"),
                );
            }
        }
    }
}

/// Report each install of `manager` (in any stage) that `satisfied` rejects.
pub fn report_missing_option(
    dockerfile: &Dockerfile<'_>,
    manager: &Manager,
    satisfied: &dyn Fn(&Install<'_>) -> bool,
    message: &str,
    report: &mut Report<'_>,
) {
    for (_, install) in installs(dockerfile, manager) {
        if !satisfied(&install) {
            report.at(install.head_span(), message);
        }
    }
}

/// Report each install of `manager` in a stage that ships, in a `RUN` without a cache
/// mount, that `satisfied` rejects (given where the install is and the install).
pub fn report_missing_cleanup(
    dockerfile: &Dockerfile<'_>,
    manager: &Manager,
    satisfied: &dyn Fn(&RunCommand<'_>, &Install<'_>) -> bool,
    message: &str,
    report: &mut Report<'_>,
) {
    let shipped = super::shipped_stages(dockerfile);
    for (run, install) in installs(dockerfile, manager) {
        if shipped.get(run.stage).copied().unwrap_or(true)
            && !super::has_cache_mount(dockerfile, run.instruction)
            && !satisfied(&run, &install)
        {
            report.at(install.head_span(), message);
        }
    }
}

/// `command` runs `program` with `verb` as its first non-option argument.
pub fn runs(command: &SimpleCommand, programs: &[&str], verb: &str) -> bool {
    command.name().is_some_and(|n| programs.contains(&n))
        && command
            .args()
            .iter()
            .find(|w| !w.text.starts_with('-'))
            .is_some_and(|w| w.text == verb)
}

/// `command` is `rm` of a path under `dir`.
pub fn removes(command: &SimpleCommand, dir: &str) -> bool {
    command.name() == Some("rm")
        && command
            .args()
            .iter()
            .any(|w| w.text.trim_end_matches(['*', '/']).starts_with(dir))
}

/// An RPM package with a `-version` suffix (`httpd-2.4.57`), or a group (`@core`),
/// which has none.
pub fn rpm_pinned(_: &Install<'_>, package: &str) -> bool {
    package.starts_with('@')
        || package
            .split('-')
            .skip(1)
            .any(|part| part.starts_with(|c: char| c.is_ascii_digit()))
}
