//! RFC 9421 signatures (`Signature-Input` + `Signature`), with RFC 9530
//! `Content-Digest`.

use super::{check_window, Algorithm, Claim, Request, Scheme, SignatureError};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use sha2::{Digest, Sha256};

/// `Content-Digest: sha-256=:<base64>:` (RFC 9530) must match the body.
pub(super) fn check_content_digest(req: &Request<'_>) -> Result<(), SignatureError> {
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
pub(super) fn rfc9421_base(
    req: &Request<'_>,
    now: i64,
) -> Result<(Claim, Vec<String>), SignatureError> {
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

pub(super) fn parse_rfc9421(req: &Request<'_>, now: i64) -> Result<Claim, SignatureError> {
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
