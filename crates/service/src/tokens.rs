//! API bearer tokens: 32 random bytes shown once; only their SHA-256 is stored
//! (they are random, not passwords, so a fast hash is the right one).

use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use base64::Engine;
use civicpub_store::{ApiToken, Store, StoreError};
use sha2::{Digest, Sha256};

/// `read` and `write` act on the token's actor; `admin` changes node-wide settings
/// (the federation policy).
pub const SCOPES: [&str; 3] = ["read", "write", "admin"];
const PREFIX: &str = "cpub_";

/// Makes a token for `actor_id` with `scopes`; returns the secret, to show once.
pub async fn create(store: &Store, actor_id: i64, scopes: &[String]) -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| StoreError::Config("no randomness available".into()))?;
    let secret = format!(
        "{PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    );
    store.insert_token(actor_id, &hash(&secret), scopes).await?;
    Ok(secret)
}

/// The token a secret stands for, if any.
pub async fn authenticate(store: &Store, secret: &str) -> Result<Option<ApiToken>, StoreError> {
    if !secret.starts_with(PREFIX) || secret.len() > 100 {
        return Ok(None);
    }
    store.token_by_hash(&hash(secret)).await
}

fn hash(secret: &str) -> String {
    format!("{:x}", Sha256::digest(secret.as_bytes()))
}

/// Parses `read,write` into known scopes.
pub fn parse_scopes(s: &str) -> Result<Vec<String>, String> {
    let scopes: Vec<String> = s
        .split(',')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if scopes.is_empty() {
        return Err("give at least one scope: read, write, admin".into());
    }
    for s in &scopes {
        if !SCOPES.contains(&s.as_str()) {
            return Err(format!("unknown scope '{s}': use read, write, admin"));
        }
    }
    Ok(scopes)
}
