//! Container image references (`registry:5000/team/app:1.2@sha256:...`) split into the
//! parts rules judge.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef<'a> {
    /// Registry and repository, e.g. `registry:5000/team/app`.
    pub name: &'a str,
    pub tag: Option<&'a str>,
    pub digest: Option<&'a str>,
}

impl<'a> ImageRef<'a> {
    pub fn parse(reference: &'a str) -> ImageRef<'a> {
        let (rest, digest) = match reference.split_once('@') {
            Some((rest, digest)) => (rest, Some(digest)),
            None => (reference, None),
        };
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        match rest[last_slash..].rfind(':') {
            Some(colon) => ImageRef {
                name: &rest[..last_slash + colon],
                tag: Some(&rest[last_slash + colon + 1..]).filter(|tag| !tag.is_empty()),
                digest,
            },
            None => ImageRef {
                name: rest,
                tag: None,
                digest,
            },
        }
    }

    /// The repository without registry or namespace: `library/ubuntu` -> `ubuntu`.
    pub fn short_name(&self) -> &'a str {
        self.name.rsplit('/').next().unwrap_or(self.name)
    }

    /// True when the reference pins nothing: no tag and no digest, or the `latest` tag.
    pub fn is_mutable(&self) -> bool {
        self.digest.is_none() && self.tag.is_none_or(|t| t == "latest")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_registry_port_tag_and_digest() {
        let image = ImageRef::parse("registry:5000/team/app:1.2@sha256:abc");
        assert_eq!(image.name, "registry:5000/team/app");
        assert_eq!(image.tag, Some("1.2"));
        assert_eq!(image.digest, Some("sha256:abc"));
        assert_eq!(image.short_name(), "app");
        let untagged = ImageRef::parse("registry:5000/app");
        assert_eq!(untagged.tag, None);
        assert!(untagged.is_mutable());
        assert!(ImageRef::parse("ubuntu:latest").is_mutable());
        let empty_tag = ImageRef::parse("/proxyv2:");
        assert_eq!((empty_tag.name, empty_tag.tag), ("/proxyv2", None));
        assert!(empty_tag.is_mutable());
        assert!(!ImageRef::parse("ubuntu@sha256:0").is_mutable());
    }
}
