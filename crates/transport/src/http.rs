//! Outgoing HTTP for federation: signed GETs of remote documents and signed
//! POSTs to inboxes, never to loopback, private, link-local or other non-public
//! addresses (unless `--insecure-dev`), with timeouts and size limits.
//!
//! Names are checked after resolution, at connect time, by
//! `activitypub_federation`'s validating DNS resolver; literal IP addresses,
//! which skip resolution, are checked here.

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

/// Whether an address is on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1]))
                || (o[0] == 198 && (18..20).contains(&o[1]))
                || o[0] >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let s = v6.segments();
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
                || s[0] == 0x2001 && s[1] == 0x0db8)
        }
    }
}

impl Http {
    pub fn new(insecure_dev: bool) -> Self {
        let client = reqwest::Client::builder()
            .dns_resolver(Arc::new(ValidatingDnsResolver::new(
                Vec::new(),
                !insecure_dev,
            )))
            .redirect(reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            .connect_timeout(Duration::from_secs(5))
            .pool_idle_timeout(Duration::from_secs(30))
            .user_agent(format!(
                "civicpub/{} (+{})",
                civicpub_domain::SOFTWARE_VERSION,
                env!("CARGO_PKG_REPOSITORY")
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
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["1.1.1.1", "185.12.1.1", "2a01:4f8::1"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn urls_are_checked_before_any_connection() {
        let strict = Http::new(false);
        for bad in [
            "http://example.org/inbox",
            "https://127.0.0.1/inbox",
            "https://[::1]/x",
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
        let dev = Http::new(true);
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
