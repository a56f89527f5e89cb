//! What realtor knows of operating systems, in one place. It turns the OS strings that
//! hypervisors and discovery tools write ("Microsoft Windows Server 2008 R2 (64-bit)",
//! VMware guest ids such as `rhel6_64Guest`, libosinfo ids such as
//! `http://centos.org/centos/7.0`, "Ubuntu 22.04.3 LTS") and official base images
//! (`centos:centos6`, `debian:jessie-slim`) into a family, a distribution and a version,
//! and looks up the end of standard support of that release.
//!
//! What a string does not say stays unknown: "CentOS 4/5 or later (64-bit)" names the
//! distribution but no single version, so the version is left out.

use crate::formats::inventory::OsFamily;

/// What an OS string says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OsInfo {
    pub family: OsFamily,
    /// The distribution or edition, as the native schema spells it (`rhel`, `windows-server`).
    pub distro: Option<&'static str>,
    /// The release, e.g. `7`, `22.04.3`, `2008 R2`.
    pub version: Option<String>,
    /// End of standard support of the release (`YYYY-MM-DD`), when it is known.
    pub end_of_life: Option<&'static str>,
}

/// Names written in free text, lower-case, checked in order (longer names first), with the
/// distribution they mean and its family.
const NAMES: &[(&str, &str, OsFamily)] = &[
    ("red hat enterprise linux", "rhel", OsFamily::Linux),
    ("rhel", "rhel", OsFamily::Linux),
    ("centos", "centos", OsFamily::Linux),
    ("ubuntu", "ubuntu", OsFamily::Linux),
    ("debian", "debian", OsFamily::Linux),
    ("suse linux enterprise", "sles", OsFamily::Linux),
    ("sles", "sles", OsFamily::Linux),
    ("opensuse", "opensuse", OsFamily::Linux),
    ("oracle linux", "oracle-linux", OsFamily::Linux),
    ("rocky", "rocky", OsFamily::Linux),
    ("almalinux", "almalinux", OsFamily::Linux),
    ("fedora", "fedora", OsFamily::Linux),
    ("alpine", "alpine", OsFamily::Linux),
    ("amazon linux", "amazon-linux", OsFamily::Linux),
    ("photon", "photon", OsFamily::Linux),
    ("windows server", "windows-server", OsFamily::Windows),
    ("windows", "windows", OsFamily::Windows),
    ("solaris", "solaris", OsFamily::Unix),
    ("aix", "aix", OsFamily::Unix),
    ("hp-ux", "hp-ux", OsFamily::Unix),
    ("macos", "macos", OsFamily::Unix),
    ("mac os x", "macos", OsFamily::Unix),
    ("os x", "macos", OsFamily::Unix),
    ("darwin", "macos", OsFamily::Unix),
    ("freebsd", "freebsd", OsFamily::Bsd),
    ("openbsd", "openbsd", OsFamily::Bsd),
    ("netbsd", "netbsd", OsFamily::Bsd),
];

/// VMware guest ids whose name does not carry the release, lower-case without the
/// `guest` suffix: id, distribution, version.
const VMWARE_IDS: &[(&str, &str, &str)] = &[
    ("winnetenterprise", "windows-server", "2003"),
    ("winnetenterprise-64", "windows-server", "2003"),
    ("winnetstandard", "windows-server", "2003"),
    ("winnetstandard-64", "windows-server", "2003"),
    ("winlonghorn", "windows-server", "2008"),
    ("winlonghorn64", "windows-server", "2008"),
    ("windows7server64", "windows-server", "2008 R2"),
    ("windows8server64", "windows-server", "2012"),
    ("windows9server64", "windows-server", "2016"),
    ("windows7srv_64", "windows-server", "2008 R2"),
    ("windows8srv_64", "windows-server", "2012"),
    ("windows9srv_64", "windows-server", "2016"),
    ("windows2019srv_64", "windows-server", "2019"),
    ("windows2019srvnext_64", "windows-server", "2022"),
    ("windows2022srvnext_64", "windows-server", "2025"),
    ("winxppro", "windows", "xp"),
    ("winxppro-64", "windows", "xp"),
    ("windows7", "windows", "7"),
    ("windows7_64", "windows", "7"),
    ("windows8_64", "windows", "8"),
    ("windows9", "windows", "10"),
    ("windows9_64", "windows", "10"),
    ("windows11_64", "windows", "11"),
];

/// libosinfo short names of Windows releases (`http://microsoft.com/win/2k8r2`).
const LIBOSINFO_WINDOWS: &[(&str, &str, &str)] = &[
    ("2k3", "windows-server", "2003"),
    ("2k3r2", "windows-server", "2003 R2"),
    ("2k8", "windows-server", "2008"),
    ("2k8r2", "windows-server", "2008 R2"),
    ("2k12", "windows-server", "2012"),
    ("2k12r2", "windows-server", "2012 R2"),
    ("2k16", "windows-server", "2016"),
    ("2k19", "windows-server", "2019"),
    ("2k22", "windows-server", "2022"),
    ("2k25", "windows-server", "2025"),
    ("xp", "windows", "xp"),
    ("7", "windows", "7"),
    ("8.1", "windows", "8.1"),
    ("10", "windows", "10"),
    ("11", "windows", "11"),
];

/// libosinfo distribution path segments that differ from the schema's name.
const LIBOSINFO_DISTROS: &[(&str, &str)] = &[
    ("rhel", "rhel"),
    ("centos", "centos"),
    ("centos-stream", "centos"),
    ("ubuntu", "ubuntu"),
    ("debian", "debian"),
    ("sles", "sles"),
    ("opensuse", "opensuse"),
    ("ol", "oracle-linux"),
    ("rocky", "rocky"),
    ("almalinux", "almalinux"),
    ("fedora", "fedora"),
    ("amazonlinux", "amazon-linux"),
    ("freebsd", "freebsd"),
    ("openbsd", "openbsd"),
    ("solaris", "solaris"),
];

/// End of standard support as the vendors publish it (Red Hat's life cycle, Ubuntu's
/// release cycle, Debian's long-term support (free and official, so Debian's end of life),
/// Alpine's and Fedora's release pages, SUSE's
/// and Microsoft's life-cycle pages): distribution, release (matched on whole dotted
/// components, so `22.04` covers `22.04.3`), date. A release older than the oldest row of
/// its distribution is past its end too.
const END_OF_LIFE: &[(&str, &str, &str)] = &[
    ("rhel", "5", "2017-03-31"),
    ("rhel", "6", "2020-11-30"),
    ("rhel", "7", "2024-06-30"),
    ("rhel", "8", "2029-05-31"),
    ("rhel", "9", "2032-05-31"),
    ("centos", "5", "2017-03-31"),
    ("centos", "6", "2020-11-30"),
    ("centos", "7", "2024-06-30"),
    ("centos", "8", "2021-12-31"),
    ("oracle-linux", "5", "2017-06-30"),
    ("oracle-linux", "6", "2021-03-01"),
    ("oracle-linux", "7", "2024-12-31"),
    ("oracle-linux", "8", "2029-07-31"),
    ("rocky", "8", "2029-05-31"),
    ("rocky", "9", "2032-05-31"),
    ("almalinux", "8", "2029-03-01"),
    ("almalinux", "9", "2032-05-31"),
    ("amazon-linux", "1", "2023-12-31"),
    ("amazon-linux", "2", "2026-06-30"),
    ("amazon-linux", "2018.03", "2023-12-31"),
    ("ubuntu", "10.04", "2015-04-30"),
    ("ubuntu", "12.04", "2017-04-28"),
    ("ubuntu", "14.04", "2019-04-30"),
    ("ubuntu", "16.04", "2021-04-30"),
    ("ubuntu", "18.04", "2023-05-31"),
    ("ubuntu", "20.04", "2025-05-31"),
    ("ubuntu", "22.04", "2027-06-01"),
    ("ubuntu", "22.10", "2023-07-20"),
    ("ubuntu", "23.04", "2024-01-25"),
    ("ubuntu", "23.10", "2024-07-11"),
    ("ubuntu", "24.04", "2029-05-31"),
    ("ubuntu", "24.10", "2025-07-10"),
    ("ubuntu", "25.04", "2026-01-15"),
    ("debian", "6", "2016-02-29"),
    ("debian", "7", "2018-05-31"),
    ("debian", "8", "2020-06-30"),
    ("debian", "9", "2022-06-30"),
    ("debian", "10", "2024-06-30"),
    ("debian", "11", "2026-08-31"),
    ("debian", "12", "2028-06-30"),
    ("debian", "13", "2030-06-30"),
    ("alpine", "3.10", "2021-05-01"),
    ("alpine", "3.11", "2021-11-01"),
    ("alpine", "3.12", "2022-05-01"),
    ("alpine", "3.13", "2022-11-01"),
    ("alpine", "3.14", "2023-05-01"),
    ("alpine", "3.15", "2023-11-01"),
    ("alpine", "3.16", "2024-05-23"),
    ("alpine", "3.17", "2024-11-22"),
    ("alpine", "3.18", "2025-05-09"),
    ("alpine", "3.19", "2025-11-01"),
    ("alpine", "3.20", "2026-04-01"),
    ("alpine", "3.21", "2026-11-01"),
    ("alpine", "3.22", "2027-05-01"),
    ("fedora", "35", "2022-12-13"),
    ("fedora", "36", "2023-05-16"),
    ("fedora", "37", "2023-12-05"),
    ("fedora", "38", "2024-05-21"),
    ("fedora", "39", "2024-11-26"),
    ("fedora", "40", "2025-05-13"),
    ("fedora", "41", "2025-12-15"),
    ("sles", "11", "2019-03-31"),
    ("sles", "12", "2024-10-31"),
    ("sles", "15", "2031-07-31"),
    ("windows-server", "2003", "2015-07-14"),
    ("windows-server", "2003 R2", "2015-07-14"),
    ("windows-server", "2008", "2020-01-14"),
    ("windows-server", "2008 R2", "2020-01-14"),
    ("windows-server", "2012", "2023-10-10"),
    ("windows-server", "2012 R2", "2023-10-10"),
    ("windows-server", "2016", "2027-01-12"),
    ("windows-server", "2019", "2029-01-09"),
    ("windows-server", "2022", "2031-10-14"),
    ("windows", "xp", "2014-04-08"),
    ("windows", "7", "2020-01-14"),
    ("windows", "8.1", "2023-01-10"),
    ("windows", "10", "2025-10-14"),
];

/// Release codenames as image tags spell them (`ubuntu:trusty`, `debian:jessie-slim`).
const CODENAMES: &[(&str, &str, &str)] = &[
    ("ubuntu", "lucid", "10.04"),
    ("ubuntu", "precise", "12.04"),
    ("ubuntu", "trusty", "14.04"),
    ("ubuntu", "xenial", "16.04"),
    ("ubuntu", "bionic", "18.04"),
    ("ubuntu", "focal", "20.04"),
    ("ubuntu", "jammy", "22.04"),
    ("ubuntu", "kinetic", "22.10"),
    ("ubuntu", "lunar", "23.04"),
    ("ubuntu", "mantic", "23.10"),
    ("ubuntu", "noble", "24.04"),
    ("ubuntu", "oracular", "24.10"),
    ("ubuntu", "plucky", "25.04"),
    ("ubuntu", "questing", "25.10"),
    ("debian", "squeeze", "6"),
    ("debian", "wheezy", "7"),
    ("debian", "jessie", "8"),
    ("debian", "stretch", "9"),
    ("debian", "buster", "10"),
    ("debian", "bullseye", "11"),
    ("debian", "bookworm", "12"),
    ("debian", "trixie", "13"),
    ("debian", "forky", "14"),
];

/// The release a codename stands for (`trusty` -> `14.04`).
pub fn release_of_codename(distro: &str, codename: &str) -> Option<&'static str> {
    CODENAMES
        .iter()
        .find(|(d, name, _)| *d == distro && name.eq_ignore_ascii_case(codename))
        .map(|(_, _, release)| *release)
}

/// Today as `YYYY-MM-DD`: the date end-of-life is judged against. `REALTOR_TODAY`
/// (`YYYY-MM-DD`) replaces it, for reproducible runs and tests.
pub fn today() -> &'static str {
    static TODAY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TODAY.get_or_init(|| {
        std::env::var("REALTOR_TODAY")
            .ok()
            .filter(|d| is_date(d))
            .unwrap_or_else(|| {
                let seconds = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                civil_date(seconds / 86_400)
            })
    })
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The end of standard support of a release, when it is past on the day of the run.
pub fn ended(distro: &str, version: &str) -> Option<&'static str> {
    end_of_life((distro, version)).filter(|date| *date < today())
}

/// Identifies an OS string, or `None` when it names nothing known.
pub fn identify(text: &str) -> Option<OsInfo> {
    let lower = text.trim().to_ascii_lowercase();
    if lower.is_empty() {
        return None;
    }
    let (family, distro, version) = libosinfo(&lower)
        .or_else(|| vmware_id(&lower))
        .or_else(|| free_text(&lower))?;
    Some(OsInfo {
        family,
        distro,
        end_of_life: distro.zip(version.as_deref()).and_then(end_of_life),
        version,
    })
}

/// The end of standard support of a release, when the table knows it. A numbered release
/// older than every row of its distribution gets the oldest row's date.
pub fn end_of_life((distro, version): (&str, &str)) -> Option<&'static str> {
    let rows = || END_OF_LIFE.iter().filter(|(d, ..)| *d == distro);
    let listed = rows().find(|(_, release, _)| {
        version.eq_ignore_ascii_case(release)
            || version
                .strip_prefix(release)
                .is_some_and(|rest| rest.starts_with('.'))
    });
    if let Some((_, _, date)) = listed {
        return Some(date);
    }
    let number =
        |v: &str| -> Option<Vec<u32>> { v.split('.').take(2).map(|p| p.parse().ok()).collect() };
    let asked = number(version)?;
    rows()
        .filter_map(|(_, release, date)| Some((number(release)?, *date)))
        .min()
        .filter(|(oldest, _)| asked < *oldest)
        .map(|(_, date)| date)
}

type Parts = (OsFamily, Option<&'static str>, Option<String>);

fn libosinfo(lower: &str) -> Option<Parts> {
    let path = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))?;
    let mut segments = path.split('/').skip(1);
    let name = segments.next()?;
    let release = segments.next().filter(|r| !r.is_empty() && *r != "unknown");
    if name == "win" {
        let (_, distro, version) = LIBOSINFO_WINDOWS
            .iter()
            .find(|(id, ..)| Some(*id) == release)?;
        return Some((OsFamily::Windows, Some(distro), Some(version.to_string())));
    }
    let distro = LIBOSINFO_DISTROS
        .iter()
        .find(|(id, _)| *id == name)
        .map(|(_, distro)| *distro)?;
    let family = family_of(distro);
    let version = release.map(|r| r.strip_suffix(".0").unwrap_or(r).to_string());
    Some((family, Some(distro), version))
}

fn vmware_id(lower: &str) -> Option<Parts> {
    let id = lower.strip_suffix("guest")?;
    if id.contains(' ') {
        return None;
    }
    if let Some((_, distro, version)) = VMWARE_IDS.iter().find(|(known, ..)| *known == id) {
        return Some((family_of(distro), Some(distro), Some(version.to_string())));
    }
    let base = id
        .strip_suffix("_64")
        .or_else(|| id.strip_suffix("64"))
        .unwrap_or(id);
    if base.starts_with("other") {
        let family = if base.contains("linux") {
            OsFamily::Linux
        } else {
            OsFamily::Other
        };
        return Some((family, None, None));
    }
    let digits = base
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(base.len());
    let (name, release) = base.split_at(digits);
    let distro = match name {
        "rhel" => "rhel",
        "centos" => "centos",
        "ubuntu" => "ubuntu",
        "debian" => "debian",
        "sles" => "sles",
        "opensuse" => "opensuse",
        "oraclelinux" => "oracle-linux",
        "rockylinux" => "rocky",
        "almalinux" => "almalinux",
        "fedora" => "fedora",
        "amazonlinux" => "amazon-linux",
        "vmwarephoton" => "photon",
        "solaris" => "solaris",
        "freebsd" => "freebsd",
        _ => return None,
    };
    let version = (!release.is_empty()).then(|| release.to_string());
    Some((family_of(distro), Some(distro), version))
}

fn free_text(lower: &str) -> Option<Parts> {
    let Some((at, name, distro, family)) = NAMES
        .iter()
        .find_map(|(name, distro, family)| lower.find(name).map(|at| (at, name, distro, family)))
    else {
        return lower
            .contains("linux")
            .then_some((OsFamily::Linux, None, None));
    };
    let rest = lower[at + name.len()..].trim_start_matches([' ', '-', '_']);
    // VMware's guest names put the product's full name first: "Debian GNU/Linux 12 (64-bit)".
    let rest = rest
        .strip_prefix("gnu/linux")
        .map_or(rest, |r| r.trim_start());
    let version = if *distro == "windows-server" {
        windows_server_release(rest)
    } else if *distro == "windows" {
        windows_release(rest)
    } else {
        single_release(rest)
    };
    Some((*family, Some(distro), version))
}

/// A dotted number at the start of `rest`, unless it is one of several (`4/5 or later`).
fn single_release(rest: &str) -> Option<String> {
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let release = rest[..end].trim_end_matches('.');
    let after = &rest[end..];
    if release.is_empty() || after.starts_with('/') || after.trim_start().starts_with("or later") {
        return None;
    }
    Some(release.to_string())
}

fn windows_server_release(rest: &str) -> Option<String> {
    let year = rest
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
    let after = rest[4..].trim_start();
    if after.starts_with("or later") {
        // "Windows Server 2016 or later": one of several releases, none named.
        return None;
    }
    let r2 = after.starts_with("r2");
    Some(if r2 {
        format!("{year} R2")
    } else {
        year.to_string()
    })
}

fn windows_release(rest: &str) -> Option<String> {
    if rest.starts_with("xp") {
        return Some("xp".into());
    }
    single_release(rest)
}

fn family_of(distro: &str) -> OsFamily {
    NAMES
        .iter()
        .find(|(_, d, _)| *d == distro)
        .map_or(OsFamily::Other, |(_, _, family)| *family)
}

/// The OS an official base image names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageOs {
    /// `linux` or `windows`.
    pub family: &'static str,
    pub distro: String,
    pub version: Option<String>,
}

/// The distribution and version an official base image names (`ubuntu:14.04`,
/// `centos:centos6`, `debian:jessie-slim`), with the distribution spelled as the inventory
/// schema spells it (`rockylinux` -> `rocky`).
pub fn of_image(image: &str) -> Option<ImageOs> {
    let reference = crate::formats::image::ImageRef::parse(image);
    let short = reference.short_name();
    let distro = match short {
        "ubuntu" | "debian" | "centos" | "fedora" | "alpine" | "almalinux" | "opensuse"
        | "busybox" => short,
        "rockylinux" => "rocky",
        "oraclelinux" => "oracle-linux",
        "amazonlinux" => "amazon-linux",
        "ubi" | "ubi7" | "ubi8" | "ubi9" | "rhel" | "ubi-minimal" | "ubi8-minimal"
        | "ubi9-minimal" => "rhel",
        name if name.starts_with("servercore")
            || name.starts_with("nanoserver")
            || name == "windows"
            || (name == "server" && reference.name.contains("windows/")) =>
        {
            return Some(ImageOs {
                family: "windows",
                distro: name.into(),
                version: reference.tag.map(str::to_string),
            });
        }
        _ => return None,
    };
    let version = reference
        .tag
        .and_then(|tag| release_of_tag(distro, tag))
        .or_else(|| {
            let digits = short.trim_start_matches(|c: char| !c.is_ascii_digit());
            (distro == "rhel" && !digits.is_empty()).then(|| digits.to_string())
        });
    Some(ImageOs {
        family: "linux",
        distro: distro.into(),
        version,
    })
}

/// The release an OS image tag names: `14.04`, `7.9.2009`, `centos7`, `trusty-20190515`,
/// `bookworm-slim`; `latest`, `stable` and the like name none.
fn release_of_tag(distro: &str, tag: &str) -> Option<String> {
    let tag = tag.strip_prefix(distro).unwrap_or(tag);
    let head = tag.split(['-', '_']).next().unwrap_or(tag);
    if head.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(head.to_string());
    }
    release_of_codename(distro, head).map(str::to_string)
}

#[cfg(test)]
mod tests;
