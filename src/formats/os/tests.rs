//! Tests of os.

use super::*;

fn parts(text: &str) -> (OsFamily, Option<&str>, Option<String>, Option<&str>) {
    let info = identify(text).unwrap_or_else(|| panic!("{text} is not identified"));
    (info.family, info.distro, info.version, info.end_of_life)
}

/// An OS string and the family, distro, version and end of life it names.
type Case = (
    &'static str,
    OsFamily,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

#[test]
fn free_text_names() {
    use OsFamily::*;
    let cases: &[Case] = &[
        (
            "Microsoft Windows Server 2016 or later (64-bit)",
            Windows,
            "windows-server",
            None,
            None,
        ),
        (
            "Microsoft Windows Server 2008 R2 (64-bit)",
            Windows,
            "windows-server",
            Some("2008 R2"),
            Some("2020-01-14"),
        ),
        (
            "Microsoft Windows Server 2019 (64-bit)",
            Windows,
            "windows-server",
            Some("2019"),
            Some("2029-01-09"),
        ),
        (
            "Microsoft Windows 10 (64-bit)",
            Windows,
            "windows",
            Some("10"),
            Some("2025-10-14"),
        ),
        ("CentOS 4/5 or later (64-bit)", Linux, "centos", None, None),
        (
            "CentOS 7 (64-bit)",
            Linux,
            "centos",
            Some("7"),
            Some("2024-06-30"),
        ),
        (
            "Red Hat Enterprise Linux 6 (64-bit)",
            Linux,
            "rhel",
            Some("6"),
            Some("2020-11-30"),
        ),
        (
            "Ubuntu 22.04.3 LTS",
            Linux,
            "ubuntu",
            Some("22.04.3"),
            Some("2027-06-01"),
        ),
        ("Ubuntu Linux (64-bit)", Linux, "ubuntu", None, None),
        (
            "SUSE Linux Enterprise 12 (64-bit)",
            Linux,
            "sles",
            Some("12"),
            Some("2024-10-31"),
        ),
        (
            "Oracle Solaris 11 (64-bit)",
            Unix,
            "solaris",
            Some("11"),
            None,
        ),
        ("FreeBSD 13.2", Bsd, "freebsd", Some("13.2"), None),
    ];
    for (text, family, distro, version, eol) in cases {
        assert_eq!(
            parts(text),
            (*family, Some(*distro), version.map(String::from), *eol),
            "{text}"
        );
    }
}

#[test]
fn vmware_guest_ids() {
    use OsFamily::*;
    assert_eq!(
        parts("rhel6_64Guest"),
        (Linux, Some("rhel"), Some("6".into()), Some("2020-11-30"))
    );
    assert_eq!(
        parts("centos7_64Guest"),
        (Linux, Some("centos"), Some("7".into()), Some("2024-06-30"))
    );
    assert_eq!(parts("ubuntu64Guest"), (Linux, Some("ubuntu"), None, None));
    assert_eq!(
        parts("windows9Server64Guest"),
        (
            Windows,
            Some("windows-server"),
            Some("2016".into()),
            Some("2027-01-12")
        )
    );
    assert_eq!(parts("windows7Server64Guest").2.as_deref(), Some("2008 R2"));
    assert_eq!(parts("otherLinux64Guest"), (Linux, None, None, None));
    assert_eq!(parts("debian10_64Guest").3, Some("2024-06-30"));
    assert_eq!(
        parts("Debian GNU/Linux 12 (64-bit)"),
        (Linux, Some("debian"), Some("12".into()), Some("2028-06-30"))
    );
    assert_eq!(
        parts("Debian GNU/Linux 10 (64-bit)").2.as_deref(),
        Some("10")
    );
    assert_eq!(
        parts("Debian GNU/Linux 10/11/12 (64-bit)").2,
        None,
        "one of several releases names none"
    );
}

#[test]
fn libosinfo_ids() {
    use OsFamily::*;
    assert_eq!(
        parts("http://centos.org/centos/7.0"),
        (Linux, Some("centos"), Some("7".into()), Some("2024-06-30"))
    );
    assert_eq!(
        parts("http://ubuntu.com/ubuntu/22.04"),
        (
            Linux,
            Some("ubuntu"),
            Some("22.04".into()),
            Some("2027-06-01")
        )
    );
    assert_eq!(
        parts("http://microsoft.com/win/2k8r2"),
        (
            Windows,
            Some("windows-server"),
            Some("2008 R2".into()),
            Some("2020-01-14")
        )
    );
    assert_eq!(
        parts("http://redhat.com/rhel/8.6").2.as_deref(),
        Some("8.6")
    );
    assert_eq!(parts("http://redhat.com/rhel/8.6").3, Some("2029-05-31"));
}

#[test]
fn unknown_strings_are_not_guessed() {
    assert_eq!(identify(""), None);
    assert_eq!(identify("Other (32-bit)"), None);
    assert_eq!(identify("http://example.com/thing/1"), None);
    assert_eq!(end_of_life(("ubuntu", "26.04")), None);
    assert_eq!(end_of_life(("rhel", "70")), None);
    assert_eq!(end_of_life(("solaris", "8")), None);
}

#[test]
fn older_releases_than_the_table_are_past_its_oldest_date() {
    assert_eq!(end_of_life(("centos", "4")), Some("2017-03-31"));
    assert_eq!(end_of_life(("ubuntu", "8.04")), Some("2015-04-30"));
    assert_eq!(end_of_life(("alpine", "3.9")), Some("2021-05-01"));
    assert_eq!(end_of_life(("alpine", "3.1")), Some("2021-05-01"));
    assert_eq!(end_of_life(("alpine", "3.23")), None);
}

#[test]
fn codenames_and_dates() {
    assert_eq!(release_of_codename("ubuntu", "Trusty"), Some("14.04"));
    assert_eq!(release_of_codename("debian", "wheezy"), Some("7"));
    assert_eq!(release_of_codename("debian", "sid"), None);
    assert_eq!(civil_date(0), "1970-01-01");
    assert_eq!(civil_date(20_789), "2026-12-02");
    assert_eq!(civil_date(11_016), "2000-02-29");
    assert!(is_date("2026-12-02") && !is_date("2026-1-02"));
}
