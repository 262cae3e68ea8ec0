//! HTTP message signatures, inbound in both forms the fediverse sends:
//! draft-cavage (`Signature:`, what Mastodon sends first; `rsa-sha256` and
//! `hs2019`, with `Digest` on POST) and RFC 9421 (`Signature-Input` +
//! `Signature`; `rsa-v1_5-sha256` and `ed25519`, with `Content-Digest`), and
//! outbound draft-cavage signing with aws-lc-rs.
//!
//! Verification is two steps: [`parse`] checks the request's shape (required
//! components, time window, body digest) and builds the signing string without
//! any I/O; [`verify`] then checks the signature against the key the caller
//! fetched for `key_id`.

use aws_lc_rs::signature::{self as sig, UnparsedPublicKey};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use sha2::{Digest, Sha256};

/// Signatures older than this (or with no `expires`) are refused (rule 6)…
pub const WINDOW_SECS: i64 = 5 * 60;
/// …with this much allowance for clocks that disagree.
pub const CLOCK_SKEW_SECS: i64 = 60 * 60;
/// An `expires` further ahead than this after `created` is capped.
pub const MAX_EXPIRY_SECS: i64 = 12 * 60 * 60;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the request is not signed")]
    Missing,
    #[error("malformed signature: {0}")]
    Malformed(String),
    #[error("unsupported signature algorithm '{0}'")]
    Algorithm(String),
    #[error("the signature does not cover {0}")]
    NotCovered(&'static str),
    #[error("the signature has expired or is not yet valid")]
    Expired,
    #[error("the body does not match its digest")]
    Digest,
    #[error("the signature does not verify")]
    Invalid,
    #[error("unusable public key: {0}")]
    Key(String),
}

/// Which specification a signature follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Cavage,
    Rfc9421,
}

/// The algorithm named by the signature, if any (`hs2019` and an absent `alg`
/// defer to the key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    RsaSha256,
    Ed25519,
    FromKey,
}

/// A request as the verifier sees it.
pub struct Request<'a> {
    pub method: &'a str,
    /// Path and query, as sent (`/inbox?x=1`).
    pub target: &'a str,
    /// `https` or `http`: the scheme the node is reached by, for `@target-uri`.
    pub scheme: &'a str,
    /// Header values by lower-case name (repeated headers: several entries).
    pub headers: Vec<(String, String)>,
    pub body: Option<&'a [u8]>,
}

impl Request<'_> {
    fn header(&self, name: &str) -> Option<String> {
        let values: Vec<&str> = self
            .headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .collect();
        (!values.is_empty()).then(|| values.join(", "))
    }

    fn authority(&self) -> Option<String> {
        self.header("host")
    }
}

/// A parsed, well-formed signature, ready to be checked against its key.
#[derive(Debug, Clone)]
pub struct Claim {
    pub scheme: Scheme,
    pub key_id: String,
    pub algorithm: Algorithm,
    pub signing_string: Vec<u8>,
    pub signature: Vec<u8>,
}

/// A public key that signatures are checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicKey {
    /// PKCS#1 `RSAPublicKey` DER.
    Rsa(Vec<u8>),
    /// The 32 raw bytes.
    Ed25519(Vec<u8>),
}

const ED25519_SPKI_PREFIX: [u8; 12] = [
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
];

impl PublicKey {
    /// Reads a `publicKeyPem` (SubjectPublicKeyInfo, or PKCS#1 `RSA PUBLIC KEY`).
    pub fn from_pem(pem: &str) -> Result<Self, SignatureError> {
        use rsa::pkcs1::{DecodeRsaPublicKey, EncodeRsaPublicKey};
        use rsa::pkcs8::DecodePublicKey;
        let (label, der) = rsa::pkcs8::der::pem::decode_vec(pem.trim().as_bytes())
            .map_err(|e| SignatureError::Key(e.to_string()))?;
        match label {
            "PUBLIC KEY" if der.len() == 44 && der.starts_with(&ED25519_SPKI_PREFIX) => {
                Ok(PublicKey::Ed25519(der[12..].to_vec()))
            }
            "PUBLIC KEY" => {
                let key = rsa::RsaPublicKey::from_public_key_der(&der)
                    .map_err(|e| SignatureError::Key(e.to_string()))?;
                let pkcs1 = key
                    .to_pkcs1_der()
                    .map_err(|e| SignatureError::Key(e.to_string()))?;
                Ok(PublicKey::Rsa(pkcs1.as_bytes().to_vec()))
            }
            "RSA PUBLIC KEY" => {
                rsa::RsaPublicKey::from_pkcs1_der(&der)
                    .map_err(|e| SignatureError::Key(e.to_string()))?;
                Ok(PublicKey::Rsa(der))
            }
            other => Err(SignatureError::Key(format!("unexpected PEM label {other}"))),
        }
    }

    /// Reads an Ed25519 `publicKeyMultibase` (FEP-521a: `z` + base58btc of 0xed01 + key).
    pub fn from_multibase(s: &str) -> Result<Self, SignatureError> {
        let bytes = s
            .strip_prefix('z')
            .and_then(|b| bs58::decode(b).into_vec().ok())
            .ok_or_else(|| SignatureError::Key("not a base58btc multibase key".into()))?;
        match bytes.as_slice() {
            [0xed, 0x01, key @ ..] if key.len() == 32 => Ok(PublicKey::Ed25519(key.to_vec())),
            _ => Err(SignatureError::Key("not an Ed25519 multikey".into())),
        }
    }
}

/// Checks a claim against the key its `key_id` names.
pub fn verify(claim: &Claim, key: &PublicKey) -> Result<(), SignatureError> {
    let algorithm: &dyn sig::VerificationAlgorithm = match (claim.algorithm, key) {
        (Algorithm::RsaSha256 | Algorithm::FromKey, PublicKey::Rsa(_)) => {
            &sig::RSA_PKCS1_2048_8192_SHA256
        }
        (Algorithm::Ed25519 | Algorithm::FromKey, PublicKey::Ed25519(_)) => &sig::ED25519,
        _ => return Err(SignatureError::Invalid),
    };
    let bytes = match key {
        PublicKey::Rsa(b) | PublicKey::Ed25519(b) => b,
    };
    UnparsedPublicKey::new(algorithm, bytes)
        .verify(&claim.signing_string, &claim.signature)
        .map_err(|_| SignatureError::Invalid)
}

/// Parses and pre-checks the request's signature: RFC 9421 when
/// `Signature-Input` is present, else draft-cavage.
pub fn parse(req: &Request<'_>, now: i64) -> Result<Claim, SignatureError> {
    if req.header("signature-input").is_some() {
        parse_rfc9421(req, now)
    } else if let Some(sig) = req.header("signature") {
        parse_cavage(req, &sig, now)
    } else if let Some(auth) = req
        .header("authorization")
        .and_then(|a| a.strip_prefix("Signature ").map(str::to_string))
    {
        parse_cavage(req, &auth, now)
    } else {
        Err(SignatureError::Missing)
    }
}

fn check_window(
    created: Option<i64>,
    expires: Option<i64>,
    now: i64,
) -> Result<(), SignatureError> {
    let Some(created) = created else {
        return Err(SignatureError::NotCovered("a date"));
    };
    let expires = expires
        .unwrap_or(created + WINDOW_SECS)
        .min(created + MAX_EXPIRY_SECS);
    if created > now + CLOCK_SKEW_SECS || now > expires + CLOCK_SKEW_SECS {
        return Err(SignatureError::Expired);
    }
    Ok(())
}

fn parse_http_date(s: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|d| d.timestamp())
}

fn cavage_params(value: &str) -> Result<Vec<(String, String)>, SignatureError> {
    let mut out = Vec::new();
    let mut rest = value.trim();
    while !rest.is_empty() {
        let (key, after) = rest
            .split_once('=')
            .ok_or_else(|| SignatureError::Malformed("expected key=value".into()))?;
        let after = after.trim_start();
        let (val, remaining) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted
                .find('"')
                .ok_or_else(|| SignatureError::Malformed("unterminated quote".into()))?;
            (&quoted[..end], &quoted[end + 1..])
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        out.push((key.trim().to_ascii_lowercase(), val.to_string()));
        rest = remaining.trim_start().trim_start_matches(',').trim_start();
    }
    Ok(out)
}

fn parse_cavage(req: &Request<'_>, value: &str, now: i64) -> Result<Claim, SignatureError> {
    let params = cavage_params(value)?;
    let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let key_id = get("keyid").ok_or_else(|| SignatureError::Malformed("no keyId".into()))?;
    let signature = B64
        .decode(get("signature").ok_or_else(|| SignatureError::Malformed("no signature".into()))?)
        .map_err(|_| SignatureError::Malformed("signature is not base64".into()))?;
    let algorithm = match get("algorithm").map(str::to_ascii_lowercase).as_deref() {
        None | Some("hs2019") => Algorithm::FromKey,
        Some("rsa-sha256") => Algorithm::RsaSha256,
        Some("ed25519") => Algorithm::Ed25519,
        Some(other) => return Err(SignatureError::Algorithm(other.to_string())),
    };
    let headers: Vec<String> = get("headers")
        .unwrap_or("date")
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    let covers = |h: &str| headers.iter().any(|x| x == h);
    if !covers("(request-target)") {
        return Err(SignatureError::NotCovered("(request-target)"));
    }
    let created = get("created").and_then(|c| c.parse().ok());
    let expires = get("expires").and_then(|c| c.parse().ok());
    let date = req.header("date").and_then(|d| parse_http_date(&d));
    let sent = if covers("(created)") {
        created
    } else if covers("date") {
        date
    } else {
        return Err(SignatureError::NotCovered("date or (created)"));
    };
    check_window(sent, if covers("(expires)") { expires } else { None }, now)?;
    if req.method.eq_ignore_ascii_case("POST") {
        if !covers("digest") {
            return Err(SignatureError::NotCovered("digest"));
        }
        check_digest_header(req)?;
    } else if !covers("host") {
        return Err(SignatureError::NotCovered("host"));
    }
    let mut lines = Vec::new();
    for h in &headers {
        let line = match h.as_str() {
            "(request-target)" => format!(
                "(request-target): {} {}",
                req.method.to_ascii_lowercase(),
                req.target
            ),
            "(created)" => format!(
                "(created): {}",
                created.ok_or(SignatureError::NotCovered("(created)"))?
            ),
            "(expires)" => format!(
                "(expires): {}",
                expires.ok_or(SignatureError::NotCovered("(expires)"))?
            ),
            name => {
                let v = req.header(name).ok_or_else(|| {
                    SignatureError::Malformed(format!("signed header {name} is missing"))
                })?;
                format!("{name}: {v}")
            }
        };
        lines.push(line);
    }
    Ok(Claim {
        scheme: Scheme::Cavage,
        key_id: key_id.to_string(),
        algorithm,
        signing_string: lines.join("\n").into_bytes(),
        signature,
    })
}

/// `Digest: SHA-256=<base64>` must match the body.
fn check_digest_header(req: &Request<'_>) -> Result<(), SignatureError> {
    let digest = req
        .header("digest")
        .ok_or(SignatureError::NotCovered("digest"))?;
    let expected = B64.encode(Sha256::digest(req.body.unwrap_or_default()));
    let ok = digest.split(',').any(|d| {
        d.trim()
            .split_once('=')
            .is_some_and(|(alg, v)| alg.eq_ignore_ascii_case("sha-256") && v == expected)
    });
    if ok {
        Ok(())
    } else {
        Err(SignatureError::Digest)
    }
}

/// `Content-Digest: sha-256=:<base64>:` (RFC 9530) must match the body.
fn check_content_digest(req: &Request<'_>) -> Result<(), SignatureError> {
    let value = req
        .header("content-digest")
        .ok_or(SignatureError::NotCovered("content-digest"))?;
    let dict: sfv::Dictionary = sfv::Parser::new(&value)
        .parse()
        .map_err(|e| SignatureError::Malformed(format!("content-digest: {e}")))?;
    let body_hash = Sha256::digest(req.body.unwrap_or_default());
    match dict.get("sha-256") {
        Some(sfv::ListEntry::Item(item))
            if item.bare_item.as_byte_sequence() == Some(&body_hash[..]) =>
        {
            Ok(())
        }
        Some(_) => Err(SignatureError::Digest),
        None => Err(SignatureError::Malformed(
            "content-digest has no sha-256".into(),
        )),
    }
}

fn serialize_bare(item: &sfv::BareItem) -> Result<String, SignatureError> {
    if let Some(s) = item.as_string() {
        let s = s.as_str();
        return Ok(format!(
            "\"{}\"",
            s.replace('\\', "\\\\").replace('"', "\\\"")
        ));
    }
    if let Some(i) = item.as_integer() {
        return Ok(i64::from(i).to_string());
    }
    if let Some(t) = item.as_token() {
        return Ok(t.as_str().to_string());
    }
    if let Some(b) = item.as_boolean() {
        return Ok(if b { "?1".into() } else { "?0".into() });
    }
    if let Some(b) = item.as_byte_sequence() {
        return Ok(format!(":{}:", B64.encode(b)));
    }
    Err(SignatureError::Malformed(
        "unsupported value in signature parameters".into(),
    ))
}

fn serialize_params(params: &sfv::Parameters) -> Result<String, SignatureError> {
    let mut out = String::new();
    for (k, v) in params {
        if v.as_boolean() == Some(true) {
            out += &format!(";{}", k.as_str());
        } else {
            out += &format!(";{}={}", k.as_str(), serialize_bare(v)?);
        }
    }
    Ok(out)
}

/// Builds the RFC 9421 signature base and returns it with the covered components.
fn rfc9421_base(req: &Request<'_>, now: i64) -> Result<(Claim, Vec<String>), SignatureError> {
    let input = req
        .header("signature-input")
        .ok_or(SignatureError::Missing)?;
    let signatures = req.header("signature").ok_or(SignatureError::Missing)?;
    let inputs: sfv::Dictionary = sfv::Parser::new(&input)
        .parse()
        .map_err(|e| SignatureError::Malformed(format!("signature-input: {e}")))?;
    let sigs: sfv::Dictionary = sfv::Parser::new(&signatures)
        .parse()
        .map_err(|e| SignatureError::Malformed(format!("signature: {e}")))?;
    let (label, entry) = inputs.iter().next().ok_or(SignatureError::Missing)?;
    let sfv::ListEntry::InnerList(list) = entry else {
        return Err(SignatureError::Malformed(
            "signature-input is not an inner list".into(),
        ));
    };
    let signature = match sigs.get(label) {
        Some(sfv::ListEntry::Item(i)) => i
            .bare_item
            .as_byte_sequence()
            .ok_or_else(|| SignatureError::Malformed("signature is not a byte sequence".into()))?
            .to_vec(),
        _ => {
            return Err(SignatureError::Malformed(format!(
                "no signature labelled {}",
                label.as_str()
            )))
        }
    };
    let param = |k: &str| list.params.get(k);
    let key_id = param("keyid")
        .and_then(|v| v.as_string())
        .map(|s| s.as_str().to_string())
        .ok_or_else(|| SignatureError::Malformed("no keyid".into()))?;
    let algorithm = match param("alg")
        .and_then(|v| v.as_string())
        .map(|s| s.as_str().to_string())
        .as_deref()
    {
        None => Algorithm::FromKey,
        Some("rsa-v1_5-sha256") => Algorithm::RsaSha256,
        Some("ed25519") => Algorithm::Ed25519,
        Some(other) => return Err(SignatureError::Algorithm(other.to_string())),
    };
    let created = param("created").and_then(|v| v.as_integer()).map(i64::from);
    let expires = param("expires").and_then(|v| v.as_integer()).map(i64::from);
    check_window(created, expires, now)?;

    let mut components = Vec::new();
    let mut lines = Vec::new();
    for item in &list.items {
        let name = item
            .bare_item
            .as_string()
            .ok_or_else(|| SignatureError::Malformed("component names are strings".into()))?
            .as_str()
            .to_string();
        if !item.params.is_empty() {
            return Err(SignatureError::Malformed(format!(
                "component parameters on {name} are not supported"
            )));
        }
        let value = match name.as_str() {
            "@method" => req.method.to_ascii_uppercase(),
            "@target-uri" => format!(
                "{}://{}{}",
                req.scheme,
                req.authority().ok_or(SignatureError::NotCovered("host"))?,
                req.target
            ),
            "@authority" => req
                .authority()
                .ok_or(SignatureError::NotCovered("host"))?
                .to_ascii_lowercase(),
            "@scheme" => req.scheme.to_string(),
            "@request-target" => req.target.to_string(),
            "@path" => req.target.split('?').next().unwrap_or("/").to_string(),
            "@query" => format!("?{}", req.target.split_once('?').map_or("", |(_, q)| q)),
            n if n.starts_with('@') => {
                return Err(SignatureError::Malformed(format!(
                    "unsupported component {n}"
                )))
            }
            n => req.header(n).ok_or_else(|| {
                SignatureError::Malformed(format!("signed header {n} is missing"))
            })?,
        };
        lines.push(format!("\"{name}\": {value}"));
        components.push(name);
    }
    let items: Vec<String> = components.iter().map(|c| format!("\"{c}\"")).collect();
    lines.push(format!(
        "\"@signature-params\": ({}){}",
        items.join(" "),
        serialize_params(&list.params)?
    ));
    Ok((
        Claim {
            scheme: Scheme::Rfc9421,
            key_id,
            algorithm,
            signing_string: lines.join("\n").into_bytes(),
            signature,
        },
        components,
    ))
}

fn parse_rfc9421(req: &Request<'_>, now: i64) -> Result<Claim, SignatureError> {
    let (claim, components) = rfc9421_base(req, now)?;
    let covers = |c: &str| components.iter().any(|x| x == c);
    if !(covers("@target-uri") || covers("@request-target") || covers("@path")) {
        return Err(SignatureError::NotCovered("the target URI"));
    }
    if !covers("@method") && req.method.eq_ignore_ascii_case("POST") {
        return Err(SignatureError::NotCovered("@method"));
    }
    if req.method.eq_ignore_ascii_case("POST") {
        if !covers("content-digest") {
            return Err(SignatureError::NotCovered("content-digest"));
        }
        check_content_digest(req)?;
    }
    Ok(claim)
}

/// RSA signatures this process has made (for the benchmarks and diagnostics).
static SIGNATURES_MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many request signatures this process has made so far.
pub fn signatures_made() -> u64 {
    SIGNATURES_MADE.load(std::sync::atomic::Ordering::Relaxed)
}

/// Signs an outgoing request the draft-cavage way, as Mastodon expects:
/// `(request-target) host date` plus `digest` when there is a body. Returns the
/// headers to add (`Date`, `Digest` when POSTing, `Signature`).
pub fn sign_cavage(
    key: &aws_lc_rs::rsa::KeyPair,
    key_id: &str,
    method: &str,
    target: &str,
    host: &str,
    body: Option<&[u8]>,
    date: &str,
) -> Result<Vec<(&'static str, String)>, SignatureError> {
    let mut headers = vec![("date", date.to_string())];
    let mut signed = format!(
        "(request-target): {} {target}\nhost: {host}\ndate: {date}",
        method.to_ascii_lowercase()
    );
    let mut names = "(request-target) host date".to_string();
    if let Some(body) = body {
        let digest = format!("SHA-256={}", B64.encode(Sha256::digest(body)));
        signed += &format!("\ndigest: {digest}");
        names += " digest";
        headers.push(("digest", digest));
    }
    let mut signature = vec![0; key.public_modulus_len()];
    key.sign(
        &sig::RSA_PKCS1_SHA256,
        &aws_lc_rs::rand::SystemRandom::new(),
        signed.as_bytes(),
        &mut signature,
    )
    .map_err(|_| SignatureError::Invalid)?;
    SIGNATURES_MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    headers.push((
        "signature",
        format!(
            "keyId=\"{key_id}\",algorithm=\"rsa-sha256\",headers=\"{names}\",signature=\"{}\"",
            B64.encode(signature)
        ),
    ));
    Ok(headers)
}

/// The `Date` header value for `now` (seconds since the epoch).
pub fn http_date(now: i64) -> String {
    chrono::DateTime::from_timestamp(now, 0)
        .unwrap_or_default()
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_790_000_000;

    fn request<'a>(
        method: &'a str,
        target: &'a str,
        headers: Vec<(&str, String)>,
        body: Option<&'a [u8]>,
    ) -> Request<'a> {
        Request {
            method,
            target,
            scheme: "https",
            headers: headers
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            body,
        }
    }

    fn keys() -> (aws_lc_rs::rsa::KeyPair, PublicKey) {
        let pair = crate::keys::generate_key_pair().unwrap();
        (
            crate::keys::parse_private_key(&pair.private_key_pem).unwrap(),
            PublicKey::from_pem(&pair.public_key_pem).unwrap(),
        )
    }

    fn signed_post(
        key: &aws_lc_rs::rsa::KeyPair,
        body: &[u8],
        at: i64,
    ) -> Vec<(&'static str, String)> {
        let mut h = sign_cavage(
            key,
            "https://a.example/actors/x#main-key",
            "POST",
            "/inbox",
            "b.example",
            Some(body),
            &http_date(at),
        )
        .unwrap();
        h.push(("host", "b.example".into()));
        h
    }

    #[test]
    fn cavage_signatures_round_trip_and_catch_tampering() {
        let (key, public) = keys();
        let body = br#"{"type":"Follow"}"#;
        let headers = signed_post(&key, body, NOW);
        let ok = request("POST", "/inbox", headers.clone(), Some(body));
        let claim = parse(&ok, NOW).unwrap();
        assert_eq!(claim.scheme, Scheme::Cavage);
        assert_eq!(claim.key_id, "https://a.example/actors/x#main-key");
        verify(&claim, &public).unwrap();

        // Another key, another body, another path, another time: each refused.
        let (_, other) = keys();
        assert_eq!(verify(&claim, &other), Err(SignatureError::Invalid));
        let altered = request(
            "POST",
            "/inbox",
            headers.clone(),
            Some(br#"{"type":"Block"}"#),
        );
        assert_eq!(parse(&altered, NOW).unwrap_err(), SignatureError::Digest);
        let moved = request("POST", "/actors/x/inbox", headers.clone(), Some(body));
        assert_eq!(
            verify(&parse(&moved, NOW).unwrap(), &public),
            Err(SignatureError::Invalid)
        );
        assert_eq!(
            parse(&ok, NOW + WINDOW_SECS + CLOCK_SKEW_SECS + 1).unwrap_err(),
            SignatureError::Expired
        );
        assert!(
            parse(&ok, NOW + WINDOW_SECS + CLOCK_SKEW_SECS - 1).is_ok(),
            "clock skew is allowed"
        );
        assert_eq!(
            parse(&ok, NOW - CLOCK_SKEW_SECS - 1).unwrap_err(),
            SignatureError::Expired,
            "from the future"
        );
        let unsigned = request(
            "POST",
            "/inbox",
            vec![("host", "b.example".into())],
            Some(body),
        );
        assert_eq!(parse(&unsigned, NOW).unwrap_err(), SignatureError::Missing);
    }

    #[test]
    fn cavage_requires_the_components_mastodon_requires() {
        let (key, _) = keys();
        let headers = signed_post(&key, b"{}", NOW);
        let sig = headers
            .iter()
            .find(|(n, _)| *n == "signature")
            .unwrap()
            .1
            .clone();
        let without_digest = sig.replace("date digest", "date");
        let mut h: Vec<(&str, String)> = headers
            .iter()
            .filter(|(n, _)| *n != "signature")
            .cloned()
            .collect();
        h.push(("signature", without_digest));
        assert_eq!(
            parse(&request("POST", "/inbox", h, Some(b"{}")), NOW).unwrap_err(),
            SignatureError::NotCovered("digest")
        );
        let hs2019 = sig.replace("rsa-sha256", "hs2019");
        let mut h: Vec<(&str, String)> = headers
            .iter()
            .filter(|(n, _)| *n != "signature")
            .cloned()
            .collect();
        h.push(("signature", hs2019));
        assert_eq!(
            parse(&request("POST", "/inbox", h, Some(b"{}")), NOW)
                .unwrap()
                .algorithm,
            Algorithm::FromKey
        );
    }

    /// RFC 9421, appendix B.2.6: the specification's own ed25519 example.
    #[test]
    fn rfc9421_test_vector_b26_verifies() {
        let public = PublicKey::from_pem(
            "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n-----END PUBLIC KEY-----\n",
        )
        .unwrap();
        let body = br#"{"hello": "world"}"#;
        let req = request(
            "POST",
            "/foo?param=Value&Pet=dog",
            vec![
                ("host", "example.com".into()),
                ("date", "Tue, 20 Apr 2021 02:07:55 GMT".into()),
                ("content-type", "application/json".into()),
                ("content-length", "18".into()),
                ("signature-input", "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"".into()),
                ("signature", "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:".into()),
            ],
            Some(body),
        );
        let (claim, _) = rfc9421_base(&req, 1618884473).unwrap();
        assert_eq!(claim.key_id, "test-key-ed25519");
        verify(&claim, &public).unwrap();
        // As an inbox POST it lacks a covered Content-Digest, which the node requires.
        assert_eq!(
            parse(&req, 1618884473).unwrap_err(),
            SignatureError::NotCovered("content-digest")
        );
    }

    #[test]
    fn rfc9421_with_content_digest_and_rsa() {
        let pair = crate::keys::generate_key_pair().unwrap();
        let key = crate::keys::parse_private_key(&pair.private_key_pem).unwrap();
        let public = PublicKey::from_pem(&pair.public_key_pem).unwrap();
        let body = br#"{"type":"Create"}"#;
        let digest = format!("sha-256=:{}:", B64.encode(Sha256::digest(body)));
        let params = format!("(\"@method\" \"@target-uri\" \"content-digest\");created={NOW};keyid=\"https://a.example/k\";alg=\"rsa-v1_5-sha256\"");
        let base = format!(
            "\"@method\": POST\n\"@target-uri\": https://b.example/inbox\n\"content-digest\": {digest}\n\"@signature-params\": {params}"
        );
        let mut sig = vec![0; key.public_modulus_len()];
        key.sign(
            &sig::RSA_PKCS1_SHA256,
            &aws_lc_rs::rand::SystemRandom::new(),
            base.as_bytes(),
            &mut sig,
        )
        .unwrap();
        let headers = vec![
            ("host", "b.example".to_string()),
            ("content-digest", digest),
            ("signature-input", format!("sig1={params}")),
            ("signature", format!("sig1=:{}:", B64.encode(&sig))),
        ];
        let req = request("POST", "/inbox", headers.clone(), Some(body));
        let claim = parse(&req, NOW).unwrap();
        assert_eq!(claim.scheme, Scheme::Rfc9421);
        assert_eq!(claim.algorithm, Algorithm::RsaSha256);
        verify(&claim, &public).unwrap();
        let tampered = request("POST", "/inbox", headers, Some(br#"{"type":"Delete"}"#));
        assert_eq!(parse(&tampered, NOW).unwrap_err(), SignatureError::Digest);
    }

    #[test]
    fn ed25519_multikeys_parse() {
        // The B.1.4 test key as a FEP-521a multikey.
        let raw = B64
            .decode("JrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=")
            .unwrap();
        let mut mk = vec![0xed, 0x01];
        mk.extend(&raw);
        let s = format!("z{}", bs58::encode(mk).into_string());
        assert_eq!(
            PublicKey::from_multibase(&s).unwrap(),
            PublicKey::Ed25519(raw)
        );
    }
}
