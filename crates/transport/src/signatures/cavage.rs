//! draft-cavage signatures: the `Signature:` header Mastodon sends first
//! (inbound), and the signatures the node makes (outbound).

use super::{check_window, parse_http_date, Algorithm, Claim, Request, Scheme, SignatureError};
use aws_lc_rs::signature as sig;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use sha2::{Digest, Sha256};

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

pub(super) fn parse_cavage(
    req: &Request<'_>,
    value: &str,
    now: i64,
) -> Result<Claim, SignatureError> {
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
pub(super) fn check_digest_header(req: &Request<'_>) -> Result<(), SignatureError> {
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
