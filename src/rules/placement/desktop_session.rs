//! P109 desktop-session: a container that runs a desktop: an X server, a VNC or RDP
//! server, or exposes their ports, or its image is named for one (`consol/rocky-xfce-vnc`,
//! `linuxserver/webtop`). Containers have no GUI; a desktop is a machine's job.

use crate::rules::Severity;
use crate::model::FactKind;
use crate::model::Workload;
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Weight};

pub static META: RuleMeta = RuleMeta {
    id: "P109",
    name: "desktop-session",
    severity: Severity::Warning,
    applies_to: AppliesTo::Workload,
    aliases: &[],
    summary: "The container runs a desktop (X11, VNC or RDP server).",
    help: "Serve the app over HTTP, or give the desktop a VM (or a virtual-desktop service).",
    doc: include_str!("../../../rules/placement/P109-desktop-session.md"),
    extra: Extra {
        weight: Some(Weight::new(4, 4, 0)),
        ..Extra::NONE
    },
};

/// X servers, desktop sessions, VNC and RDP servers.
const DESKTOP_PROGRAMS: &[&str] = &[
    "Xvfb",
    "Xorg",
    "Xvnc",
    "x11vnc",
    "vncserver",
    "tigervncserver",
    "xrdp",
    "startxfce4",
    "startlxde",
    "startplasma-x11",
    "gnome-session",
];

/// Words of an image name (split at `/`, `-`, `_` and `.`) that name a desktop or a
/// remote-desktop server.
const DESKTOP_IMAGE_WORDS: &[&str] = &[
    "vnc", "novnc", "x11vnc", "tigervnc", "kasmvnc", "xrdp", "webtop", "xfce", "xfce4", "lxde",
    "lxqt",
];

/// The word of an image's name that names a desktop, if any.
fn desktop_image(image: &str) -> Option<&str> {
    crate::formats::image::ImageRef::parse(image)
        .name
        .split(['/', '-', '_', '.'])
        .find(|word| DESKTOP_IMAGE_WORDS.contains(word))
}

pub fn check(workload: &Workload, report: &mut Report<'_>) {
    if !super::judged_container(workload) {
        return;
    }
    for fact in &workload.facts {
        let message = match &fact.kind {
            FactKind::Init(command) => match super::programs(command)
                .into_iter()
                .find(|p| DESKTOP_PROGRAMS.contains(p))
            {
                Some(program) => format!("`{program}` runs a desktop session in the container"),
                None => continue,
            },
            FactKind::BaseImage(image) => match desktop_image(image) {
                Some(word) => format!("the image `{image}` is named for a desktop (`{word}`)"),
                None => continue,
            },
            FactKind::ExposedPort(port @ (3389 | 5900..=5909)) => {
                format!("port {port} serves a remote desktop (RDP/VNC)")
            }
            FactKind::ExposedPort(port @ (6080 | 6081)) => {
                format!("port {port} serves noVNC, a remote desktop in the browser")
            }
            _ => continue,
        };
        report.at(fact.span.clone(), message);
    }
}
