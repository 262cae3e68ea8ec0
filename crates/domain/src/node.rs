use std::net::IpAddr;
use url::Url;

/// `host[:port]` of a URL: how the fediverse names a server, and the key of the
/// federation policy, the delivery queue's hosts and the `acct:` domain.
pub fn authority(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

/// The public base URL of a node, from which every ActivityPub id is minted.
///
/// Ids must never change, so the base is recorded when the node is set up and
/// compared on every later start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeBase {
    url: Url,
    domain: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NodeBaseError {
    #[error("'{0}' is not a host name with an optional port (for example city.example or localhost:8080)")]
    Invalid(String),
}

impl NodeBase {
    /// Builds the base from the public host (`host` or `host:port`).
    ///
    /// The scheme is `https`, except for loopback hosts and when `insecure_dev` is on,
    /// where nodes talk plain `http` to each other on a developer's machine.
    pub fn new(domain: &str, insecure_dev: bool) -> Result<Self, NodeBaseError> {
        let invalid = || NodeBaseError::Invalid(domain.to_string());
        let domain = domain.trim();
        if domain.is_empty() || domain.contains(['/', '?', '#', '@', ' ']) || domain.contains("://")
        {
            return Err(invalid());
        }
        let probe = Url::parse(&format!("http://{domain}/")).map_err(|_| invalid())?;
        let host = probe.host_str().ok_or_else(invalid)?;
        let loopback = host == "localhost"
            || host
                .trim_matches(['[', ']'])
                .parse::<IpAddr>()
                .map(|ip| ip.is_loopback())
                .unwrap_or(false);
        let scheme = if insecure_dev || loopback {
            "http"
        } else {
            "https"
        };
        let url = Url::parse(&format!("{scheme}://{domain}/")).map_err(|_| invalid())?;
        url.host_str().ok_or_else(invalid)?;
        let domain = authority(&url);
        Ok(NodeBase { url, domain })
    }

    /// Parses a base recorded earlier (`scheme://host[:port]/`).
    pub fn from_recorded(recorded: &str) -> Option<Self> {
        let url = Url::parse(recorded).ok()?;
        url.host_str()?;
        let domain = authority(&url);
        Some(NodeBase { url, domain })
    }

    /// `host[:port]`, as used in `acct:` URIs and as the federation domain.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The host alone, without a port.
    pub fn host(&self) -> &str {
        self.url.host_str().unwrap_or_default()
    }

    pub fn as_url(&self) -> &Url {
        &self.url
    }

    pub fn as_str(&self) -> &str {
        self.url.as_str()
    }

    /// An absolute URL on this node; `path` starts with `/`.
    pub fn url(&self, path: &str) -> Url {
        self.url.join(path).expect("a path joins onto a base URL")
    }

    /// Whether `url` points at this node.
    pub fn is_local(&self, url: &Url) -> bool {
        url.scheme() == self.url.scheme()
            && url.host_str() == self.url.host_str()
            && url.port_or_known_default() == self.url.port_or_known_default()
    }

    pub fn actor_url(&self, username: &str) -> Url {
        self.url(&format!("/actors/{username}"))
    }

    pub fn instance_actor_url(&self) -> Url {
        self.url("/actor")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_domains_use_https_and_loopback_http() {
        let b = NodeBase::new("amsterdam.example", false).unwrap();
        assert_eq!(b.as_str(), "https://amsterdam.example/");
        assert_eq!(b.domain(), "amsterdam.example");
        let b = NodeBase::new("localhost:8080", false).unwrap();
        assert_eq!(b.as_str(), "http://localhost:8080/");
        assert_eq!(b.domain(), "localhost:8080");
        assert_eq!(b.host(), "localhost");
        let b = NodeBase::new("127.0.0.1:9000", false).unwrap();
        assert_eq!(
            b.actor_url("city").as_str(),
            "http://127.0.0.1:9000/actors/city"
        );
        let b = NodeBase::new("city.test", true).unwrap();
        assert_eq!(b.as_str(), "http://city.test/");
    }

    #[test]
    fn rejects_urls_and_garbage() {
        for bad in [
            "",
            "https://x.example",
            "x.example/path",
            "a b",
            "user@x.example",
            "x:notaport",
        ] {
            assert!(NodeBase::new(bad, false).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn recorded_base_round_trips() {
        let b = NodeBase::new("tirana.example:8443", false).unwrap();
        assert_eq!(NodeBase::from_recorded(b.as_str()).unwrap(), b);
    }

    #[test]
    fn locality_checks_scheme_host_and_port() {
        let b = NodeBase::new("localhost:8080", false).unwrap();
        assert!(b.is_local(&Url::parse("http://localhost:8080/actors/x").unwrap()));
        assert!(!b.is_local(&Url::parse("http://localhost:8081/actors/x").unwrap()));
        assert!(!b.is_local(&Url::parse("https://localhost:8080/actors/x").unwrap()));
    }
}
