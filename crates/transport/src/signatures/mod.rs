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

mod cavage;
mod rfc9421;

pub use cavage::{sign_cavage, signatures_made};

use aws_lc_rs::signature::{self as sig, UnparsedPublicKey};
use cavage::parse_cavage;
use rfc9421::parse_rfc9421;

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

pub(super) fn check_window(
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

pub(super) fn parse_http_date(s: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|d| d.timestamp())
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
    use super::rfc9421::rfc9421_base;
    use super::*;
    use base64::engine::general_purpose::STANDARD as B64;
    use base64::Engine;
    use sha2::{Digest, Sha256};

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
