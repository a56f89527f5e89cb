//! Package installs in `RUN` scripts and the checks the pinning, cache and prompt rules
//! share. How each manager's command line reads is `crate::syntax::packages`.

use crate::rules::{Fix, Report, Safety};
use crate::syntax::dockerfile::Dockerfile;
pub use crate::syntax::packages::{
    APK, APT_GET, DNF, GEM, GO, Install, Manager, NPM, PIP, YUM, ZYPPER, install,
};
use crate::syntax::shell::SimpleCommand;

use super::{RunCommand, run_commands};

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

/// The option a fix adds after the verb (`-y` after `apt-get install`), and how safe it is.
pub type AddOption = (&'static str, Safety);

/// Report each install of `manager` (in any stage) that `satisfied` rejects, with a fix that
/// adds `option` after the verb.
pub fn report_missing_option(
    dockerfile: &Dockerfile<'_>,
    manager: &Manager,
    satisfied: &dyn Fn(&Install<'_>) -> bool,
    (message, option): (&str, AddOption),
    report: &mut Report<'_>,
) {
    for (_, install) in installs(dockerfile, manager) {
        if !satisfied(&install) {
            report
                .at(install.head_span(), message)
                .fix(add_option(&install, option));
        }
    }
}

/// The fix that writes `option` right after the install's verb.
pub fn add_option(install: &Install<'_>, (option, safety): AddOption) -> Fix {
    Fix::insert(
        safety,
        format!("add `{option}`"),
        install.verb.span.end,
        format!(" {option}"),
    )
}

/// Report each install of `manager` in a stage that ships, in a `RUN` without a cache
/// mount, that `satisfied` rejects (given where the install is and the install), with a
/// fix that adds `option` after the verb when one is given.
pub fn report_missing_cleanup(
    dockerfile: &Dockerfile<'_>,
    manager: &Manager,
    satisfied: &dyn Fn(&RunCommand<'_>, &Install<'_>) -> bool,
    (message, option): (&str, Option<AddOption>),
    report: &mut Report<'_>,
) {
    let shipped = super::shipped_stages(dockerfile);
    for (run, install) in installs(dockerfile, manager) {
        if shipped.get(run.stage).copied().unwrap_or(true)
            && !super::has_cache_mount(dockerfile, run.instruction)
            && !satisfied(&run, &install)
        {
            let finding = report.at(install.head_span(), message);
            if let Some(option) = option {
                finding.fix(add_option(&install, option));
            }
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
