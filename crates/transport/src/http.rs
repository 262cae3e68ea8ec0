//! Outgoing HTTP for federation: signed GETs of remote documents and signed
//! POSTs to inboxes, never to loopback, private, link-local or other non-public
//! addresses (unless `--insecure-dev`), with timeouts and size limits.
//!
//! Names are checked after resolution, at connect time: resolved by
//! `activitypub_federation`'s validating DNS resolver, whose answers are held to
//! [`is_public`] as well; literal IP addresses, which skip resolution, are
//! checked before any connection.

use crate::keys::{parse_private_key, KeyError};
use crate::signatures::{http_date, sign_cavage};
use activitypub_federation::resolver::ValidatingDnsResolver;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use url::{Host, Url};

/// Largest remote document read (Mastodon's own limit, rule 4).
pub const MAX_DOCUMENT: usize = 1024 * 1024;
const TIMEOUT: Duration = Duration::from_secs(10);

/// A local actor's signing identity, parsed once.
pub struct Signer {
    pub key_id: String,
    key: aws_lc_rs::rsa::KeyPair,
}

impl Signer {
    pub fn new(key_id: String, private_key_pem: &str) -> Result<Self, KeyError> {
        Ok(Signer {
            key_id,
            key: parse_private_key(private_key_pem)?,
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("refused to contact {0}")]
    Refused(String),
    #[error("network error: {0}")]
    Network(String),
    #[error("timed out")]
    Timeout,
    #[error("answered {0}")]
    Status(u16),
    #[error("the response is over {MAX_DOCUMENT} bytes")]
    TooLarge,
    #[error("invalid document: {0}")]
    Invalid(String),
}

/// What an inbox answered.
#[derive(Debug, Clone, Copy)]
pub struct PostResult {
    pub status: u16,
    /// `Retry-After`, for 429 and 503.
    pub retry_after: Option<Duration>,
}

#[derive(Clone)]
pub struct Http {
    client: reqwest::Client,
    insecure_dev: bool,
}

/// Whether an address is on the public internet: not in any of IANA's
/// special-purpose ranges (the IPv4 and IPv6 Special-Purpose Address
/// Registries), whatever form it is written in. IPv6 forms that carry an IPv4
/// address (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible `::a.b.c.d`, NAT64
/// `64:ff9b::/96`, 6to4 `2002::/16`) are judged by that address, or refused.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(v4: std::net::Ipv4Addr) -> bool {
    let o = v4.octets();
    let in_net = |net: [u8; 4], bits: u32| {
        let mask = if bits == 0 {
            0
        } else {
            u32::MAX << (32 - bits)
        };
        u32::from_be_bytes(o) & mask == u32::from_be_bytes(net) & mask
    };
    let special: [([u8; 4], u32); 19] = [
        ([0, 0, 0, 0], 8),          // "this network"
        ([10, 0, 0, 0], 8),         // private
        ([100, 64, 0, 0], 10),      // shared address space (CGNAT)
        ([127, 0, 0, 0], 8),        // loopback
        ([169, 254, 0, 0], 16),     // link-local (cloud metadata lives here)
        ([172, 16, 0, 0], 12),      // private
        ([192, 0, 0, 0], 24),       // IETF protocol assignments
        ([192, 0, 2, 0], 24),       // documentation
        ([192, 31, 196, 0], 24),    // AS112-v4
        ([192, 52, 193, 0], 24),    // AMT
        ([192, 88, 99, 0], 24),     // deprecated 6to4 relay anycast
        ([192, 168, 0, 0], 16),     // private
        ([192, 175, 48, 0], 24),    // direct delegation AS112
        ([198, 18, 0, 0], 15),      // benchmarking
        ([198, 51, 100, 0], 24),    // documentation
        ([203, 0, 113, 0], 24),     // documentation
        ([224, 0, 0, 0], 4),        // multicast
        ([240, 0, 0, 0], 4),        // reserved, and the limited broadcast
        ([255, 255, 255, 255], 32), // limited broadcast
    ];
    !special.iter().any(|(net, bits)| in_net(*net, *bits))
}

fn is_public_v6(v6: std::net::Ipv6Addr) -> bool {
    let s = v6.segments();
    let bits = u128::from(v6);
    let in_net = |net: u128, len: u32| {
        let mask = if len == 0 {
            0
        } else {
            u128::MAX << (128 - len)
        };
        bits & mask == net & mask
    };
    let v4_at = |shift: u32| std::net::Ipv4Addr::from((bits >> shift) as u32);
    // Forms that carry an IPv4 address: judged by it.
    if in_net(0xffff_0000_0000, 96) && s[0..5] == [0; 5] {
        return is_public_v4(v4_at(0)); // IPv4-mapped ::ffff:a.b.c.d
    }
    if in_net(0, 96) {
        // ::/128, ::1, and the deprecated IPv4-compatible ::a.b.c.d: never.
        return false;
    }
    if in_net(0x0064_ff9b_0000_0000_0000_0000_0000_0000, 96) {
        return is_public_v4(v4_at(0)); // NAT64 well-known prefix
    }
    if in_net(0x2002_0000_0000_0000_0000_0000_0000_0000, 16) {
        return is_public_v4(v4_at(80)); // 6to4
    }
    let special: [(u128, u32); 10] = [
        (0x0064_ff9b_0001_0000_0000_0000_0000_0000, 48), // local-use NAT64
        (0x0100_0000_0000_0000_0000_0000_0000_0000, 64), // discard-only
        (0x2001_0000_0000_0000_0000_0000_0000_0000, 23), // IETF protocol assignments (Teredo, ORCHID, benchmarking…)
        (0x2001_0db8_0000_0000_0000_0000_0000_0000, 32), // documentation
        (0x3fff_0000_0000_0000_0000_0000_0000_0000, 20), // documentation (RFC 9637)
        (0x5f00_0000_0000_0000_0000_0000_0000_0000, 16), // SRv6 SIDs
        (0xfc00_0000_0000_0000_0000_0000_0000_0000, 7),  // unique local
        (0xfe80_0000_0000_0000_0000_0000_0000_0000, 10), // link-local
        (0xfec0_0000_0000_0000_0000_0000_0000_0000, 10), // deprecated site-local
        (0xff00_0000_0000_0000_0000_0000_0000_0000, 8),  // multicast
    ];
    !special.iter().any(|(net, len)| in_net(*net, *len))
}

/// A resolver that hands out public addresses only (outside `--insecure-dev`).
struct PublicOnly {
    inner: ValidatingDnsResolver,
    strict: bool,
}

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let resolving = self.inner.resolve(name);
        let strict = self.strict;
        Box::pin(async move {
            let addrs: Vec<std::net::SocketAddr> = resolving.await?.collect();
            let addrs: Vec<_> = addrs
                .into_iter()
                .filter(|a| !strict || is_public(a.ip()))
                .collect();
            if addrs.is_empty() {
                return Err("the name resolves to no public address".into());
            }
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

impl Http {
    /// The node's client; `node` (its base URL) goes into the `User-Agent`, so
    /// that other servers' admins can see who is asking.
    pub fn new(insecure_dev: bool, node: &url::Url) -> Self {
        let client = reqwest::Client::builder()
            .dns_resolver(Arc::new(PublicOnly {
                inner: ValidatingDnsResolver::new(Vec::new(), !insecure_dev),
                strict: !insecure_dev,
            }))
            .redirect(reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            .connect_timeout(Duration::from_secs(5))
            .pool_idle_timeout(Duration::from_secs(30))
            .user_agent(format!(
                "civicpub/{} (+{node})",
                civicpub_domain::SOFTWARE_VERSION,
            ))
            .build()
            .expect("HTTP client");
        Http {
            client,
            insecure_dev,
        }
    }

    /// Refuses URLs the node must not contact: other schemes, plain http and
    /// non-public literal addresses outside `--insecure-dev`.
    pub fn check_url(&self, url: &Url) -> Result<(), FetchError> {
        let refused = || FetchError::Refused(url.to_string());
        match url.scheme() {
            "https" => {}
            "http" if self.insecure_dev => {}
            _ => return Err(refused()),
        }
        if self.insecure_dev {
            return Ok(());
        }
        match url.host() {
            Some(Host::Ipv4(ip)) if !is_public(IpAddr::V4(ip)) => Err(refused()),
            Some(Host::Ipv6(ip)) if !is_public(IpAddr::V6(ip)) => Err(refused()),
            Some(Host::Domain(d)) if d == "localhost" || d.ends_with(".localhost") => {
                Err(refused())
            }
            Some(_) => Ok(()),
            None => Err(refused()),
        }
    }

    fn target(url: &Url) -> String {
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// GETs an ActivityPub document, signed by `signer` (the instance actor), so
    /// that servers in secure mode answer too.
    pub async fn get_json(
        &self,
        url: &Url,
        signer: &Signer,
    ) -> Result<serde_json::Value, FetchError> {
        self.check_url(url)?;
        let host = civicpub_domain::authority(url);
        let date = http_date(chrono::Utc::now().timestamp());
        let headers = sign_cavage(
            &signer.key,
            &signer.key_id,
            "GET",
            &Self::target(url),
            &host,
            None,
            &date,
        )
        .map_err(|e| FetchError::Invalid(e.to_string()))?;
        let mut req = self.client.get(url.clone()).header(
            "accept",
            "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
        );
        for (name, value) in headers {
            req = req.header(name, value);
        }
        let resp = req.send().await.map_err(network)?;
        let status = resp.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(FetchError::Status(status));
        }
        let body = read_limited(resp, MAX_DOCUMENT).await?;
        serde_json::from_slice(&body).map_err(|e| FetchError::Invalid(e.to_string()))
    }

    /// GETs a remote file (an image for the media proxy), unsigned, with no
    /// cookies or referrer: at most `limit` bytes. Returns its bytes and the
    /// `Content-Type` it claimed.
    pub async fn get_bytes(
        &self,
        url: &Url,
        limit: usize,
    ) -> Result<(Vec<u8>, Option<String>), FetchError> {
        self.check_url(url)?;
        let resp = self
            .client
            .get(url.clone())
            .header(
                "accept",
                "image/avif,image/webp,image/png,image/jpeg,image/gif",
            )
            .send()
            .await
            .map_err(network)?;
        let status = resp.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(FetchError::Status(status));
        }
        let claimed = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        Ok((read_limited(resp, limit).await?, claimed))
    }

    /// POSTs an activity to an inbox, signed by the activity's actor.
    pub async fn post(
        &self,
        inbox: &Url,
        body: &[u8],
        signer: &Signer,
    ) -> Result<PostResult, FetchError> {
        self.check_url(inbox)?;
        let host = civicpub_domain::authority(inbox);
        let date = http_date(chrono::Utc::now().timestamp());
        let headers = sign_cavage(
            &signer.key,
            &signer.key_id,
            "POST",
            &Self::target(inbox),
            &host,
            Some(body),
            &date,
        )
        .map_err(|e| FetchError::Invalid(e.to_string()))?;
        let mut req = self
            .client
            .post(inbox.clone())
            .header("content-type", "application/activity+json")
            .body(body.to_vec());
        for (name, value) in headers {
            req = req.header(name, value);
        }
        let resp = req.send().await.map_err(network)?;
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        Ok(PostResult {
            status,
            retry_after,
        })
    }
}

fn network(e: reqwest::Error) -> FetchError {
    if e.is_timeout() {
        FetchError::Timeout
    } else {
        FetchError::Network(e.to_string())
    }
}

async fn read_limited(mut resp: reqwest::Response, limit: usize) -> Result<Vec<u8>, FetchError> {
    if resp.content_length().is_some_and(|l| l as usize > limit) {
        return Err(FetchError::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(network)? {
        if body.len() + chunk.len() > limit {
            return Err(FetchError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// `Retry-After`: seconds, or an HTTP date.
pub fn parse_retry_after(v: &str) -> Option<Duration> {
    if let Ok(secs) = v.trim().parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(v.trim()).ok()?;
    let secs = (at.timestamp() - chrono::Utc::now().timestamp()).max(0);
    Some(Duration::from_secs(secs as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "192.0.0.8",
            "192.0.2.1",
            "198.18.0.1",
            "198.51.100.7",
            "203.0.113.9",
            "224.0.0.1",
            "240.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "fe80::1",
            "fd00::1",
            "fec0::1",
            "ff02::1",
            "2001:db8::1",
            "3fff::1",
            "100::1",
            "2001::1",
            "2001:2::1",
            "5f00::1",
            // IPv4 inside IPv6: mapped, compatible, NAT64 and 6to4 forms.
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::7f00:1",
            "::127.0.0.1",
            "::8.8.8.8",
            "64:ff9b::7f00:1",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::1",
            "2002:7f00:1::1",
            "2002:c0a8:101::1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in [
            "1.1.1.1",
            "185.12.1.1",
            "192.0.3.1",
            "2a01:4f8::1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1",
        ] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn urls_are_checked_before_any_connection() {
        let node = Url::parse("https://city.example/").unwrap();
        let strict = Http::new(false, &node);
        for bad in [
            "http://example.org/inbox",
            "https://127.0.0.1/inbox",
            "https://[::1]/x",
            "https://[::7f00:1]/x",
            "https://[64:ff9b::7f00:1]/x",
            "https://[::ffff:169.254.169.254]/x",
            "https://10.0.0.1/x",
            "https://localhost/x",
            "ftp://example.org/x",
        ] {
            assert!(
                strict.check_url(&Url::parse(bad).unwrap()).is_err(),
                "{bad}"
            );
        }
        assert!(strict
            .check_url(&Url::parse("https://example.org/inbox").unwrap())
            .is_ok());
        let dev = Http::new(true, &node);
        assert!(dev
            .check_url(&Url::parse("http://127.0.0.1:8080/inbox").unwrap())
            .is_ok());
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(parse_retry_after("120"), Some(Duration::from_secs(120)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::from_secs(0))
        );
        assert_eq!(parse_retry_after("soon"), None);
    }
}
