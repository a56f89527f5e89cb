//! Package manager command lines (`apt-get -q install -y curl`, `apk add --virtual .b gcc`):
//! which words are the verb, the options and the packages of an install. The Dockerfile
//! rules and the workload extraction read installs through it.

use crate::input::source::Span;
use crate::syntax::shell::{SimpleCommand, Word};

/// How one package manager's command line reads.
pub struct Manager {
    /// Program names (`apt-get`); `pip` also matches `python -m pip`.
    pub programs: &'static [&'static str],
    /// Verbs that install packages.
    pub installs: &'static [&'static str],
    /// Options that take the next word as their value.
    pub valued: &'static [&'static str],
}

/// Options of apt-get and apt that take the next word as their value.
const APT_VALUED: &[&str] = &[
    "-o",
    "--option",
    "-t",
    "--target-release",
    "-c",
    "--config-file",
];

pub static APT_GET: Manager = Manager {
    programs: &["apt-get"],
    installs: &["install"],
    valued: APT_VALUED,
};

/// `apt`, apt-get's interactive front end.
pub static APT: Manager = Manager {
    programs: &["apt"],
    installs: &["install"],
    valued: APT_VALUED,
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

/// Arch Linux's pacman, whose install verb is an option (`pacman -Syu --noconfirm qemu`).
pub static PACMAN: Manager = Manager {
    programs: &["pacman"],
    installs: &["-S", "-Sy", "-Syy", "-Su", "-Syu", "-Syyu", "--sync"],
    valued: &[
        "-r",
        "--root",
        "-b",
        "--dbpath",
        "--cachedir",
        "--config",
        "--ignore",
        "--ignoregroup",
        "--overwrite",
    ],
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
            .any(|w| crate::syntax::shell::is_option(&w.text, short, long))
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
        if manager.installs.contains(&word.text.as_str()) {
            break word;
        }
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
