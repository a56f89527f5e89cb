//! P115 machine-software: the build installs or enables a machine's software (an init
//! system or supervisor, an SSH server, a desktop or VNC server, a hypervisor, services
//! enabled at boot) and PID 1 is a start script that is not in view, or is not set. The
//! installs are then the only evidence of what runs: weaker than a PID 1 fact, and the
//! advisor lowers its confidence when this is the verdict's strongest reason.
//!
//! An SSH server that serves only SFTP (`ForceCommand internal-sftp`) is a file service,
//! not a machine people log in to, and does not count.
//!
//! A process supervisor alone is no machine: images commonly run two processes of one
//! application under supervisord (nginx and php-fpm). It counts only beside other machine
//! software or services enabled at boot.

use crate::rules::Severity;
use crate::model::{FactKind, Workload};
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P115",
    name: "machine-software",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The build installs or enables a machine's software and PID 1 is an opaque start script.",
    help: "Make PID 1 the one program the container runs, or run the machine as a VM.",
    doc: include_str!("../../../rules/placement/P115-machine-software.md"),
    extra: Extra {
        weight: Some(Weight::new(3, 3, 0).indirect()),
        ..Extra::NONE
    },
};

/// Packages that make an image a machine, and what they are.
const MACHINE_PACKAGES: &[(&str, &str)] = &[
    ("supervisor", "a process supervisor"),
    ("systemd-sysv", "an init system"),
    ("sysvinit-core", "an init system"),
    ("runit", "an init system"),
    ("s6", "an init system"),
    ("openrc", "an init system"),
    ("openssh-server", "an SSH server"),
    ("openssh-server-pam", "an SSH server"),
    ("dropbear", "an SSH server"),
    ("xfce4", "a desktop environment"),
    ("lxde", "a desktop environment"),
    ("lxde-core", "a desktop environment"),
    ("lxqt", "a desktop environment"),
    ("mate-desktop-environment", "a desktop environment"),
    ("kde-plasma-desktop", "a desktop environment"),
    ("gnome-session", "a desktop environment"),
    ("ubuntu-desktop", "a desktop environment"),
    ("xubuntu-desktop", "a desktop environment"),
    ("fluxbox", "a desktop environment"),
    ("openbox", "a desktop environment"),
    ("xserver-xorg", "an X server"),
    ("xorg", "an X server"),
    ("tigervnc-standalone-server", "a VNC server"),
    ("tigervnc-server", "a VNC server"),
    ("tigervnc", "a VNC server"),
    ("xorg-server", "an X server"),
    ("tightvncserver", "a VNC server"),
    ("x11vnc", "a VNC server"),
    ("xrdp", "an RDP server"),
    ("novnc", "a browser VNC client"),
    ("qemu-kvm", "a hypervisor"),
    ("qemu-system-x86", "a hypervisor"),
    ("qemu-system", "a hypervisor"),
    ("libvirt-daemon-system", "a hypervisor manager"),
    ("libvirt-daemon", "a hypervisor manager"),
    ("libvirt-bin", "a hypervisor manager"),
    ("libvirt", "a hypervisor manager"),
    ("qemu", "a hypervisor"),
    ("qemu-full", "a hypervisor"),
    ("qemu-base", "a hypervisor"),
    ("qemu-desktop", "a hypervisor"),
    ("qemu-system-x86_64", "a hypervisor"),
];

const SUPERVISOR: &str = "a process supervisor";
const SSH_SERVER: &str = "an SSH server";

/// Words a start script's name carries (`/start.sh`, `docker-entrypoint`, `run`).
const SCRIPT_WORDS: &[&str] = &["entrypoint", "start", "run", "launch", "boot", "init"];

/// Shell words that begin an inline script rather than run a program (`! [[ -e x ]] && ...`).
const SHELL_KEYWORDS: &[&str] = &["!", "if", "test", "for", "while", "until", "case", "{"];

/// Whether PID 1 says nothing about what runs: unset, a start script, or an inline shell
/// script.
fn opaque_pid1(workload: &Workload) -> bool {
    let mut inits = workload.facts(|f| match f {
        FactKind::Init(command) => Some(command),
        _ => None,
    });
    let Some((_, command)) = inits.next() else {
        return true;
    };
    let Some(program) = super::first_program(command) else {
        return true;
    };
    if super::init_system::INIT_SYSTEMS.contains(&program) {
        return false;
    }
    if SHELL_KEYWORDS.contains(&program) {
        return true;
    }
    let stem = program.trim_end_matches(".sh").trim_end_matches(".bash");
    stem.len() != program.len() || SCRIPT_WORDS.iter().any(|w| stem.contains(w))
}

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if !super::judged_container(workload) || !opaque_pid1(workload) {
        return;
    }
    let sftp_only = super::sftp_only(workload);
    let mut found = Vec::new();
    for fact in &workload.facts {
        let (what, message) = match &fact.kind {
            FactKind::Package(package) => {
                let name = package.split(['=', ':']).next().unwrap_or(package);
                let Some((_, what)) = MACHINE_PACKAGES.iter().find(|(p, _)| *p == name) else {
                    continue;
                };
                if sftp_only && *what == SSH_SERVER {
                    continue;
                }
                (
                    *what,
                    format!(
                        "the build installs `{name}` ({what}) and PID 1 is a start script: the image is likely a machine"
                    ),
                )
            }
            FactKind::BootService(service) => (
                "a boot service",
                format!(
                    "the build enables `{service}` to start at boot, as on a machine, and PID 1 is a start script"
                ),
            ),
            _ => continue,
        };
        found.push((fact.span.clone(), what, message));
    }
    if found.iter().all(|(_, what, _)| *what == SUPERVISOR) {
        return;
    }
    for (span, _, message) in found {
        report.at(span, message);
    }
}
