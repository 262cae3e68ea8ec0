//! API bearer tokens: 32 random bytes shown once; only their SHA-256 is stored
//! (they are random, not passwords, so a fast hash is the right one).

use crate::{Node, Result, ServiceError};
use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use base64::Engine;
use civicpub_domain::LocalActor;
use civicpub_store::{ApiToken, TokenListing};
use sha2::{Digest, Sha256};

/// `read` and `write` act on the token's actor; `admin` changes node-wide settings
/// (the federation policy).
pub const SCOPES: [&str; 3] = ["read", "write", "admin"];
const PREFIX: &str = "cpub_";

/// A valid token and the actor it acts for.
#[derive(Debug, Clone)]
pub struct Caller {
    pub actor: LocalActor,
    pub token: ApiToken,
}

impl Caller {
    /// Refuses what the token's scopes do not allow.
    pub fn require(&self, scope: &str) -> Result<()> {
        if self.token.allows(scope) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden(format!(
                "this token lacks the '{scope}' scope"
            )))
        }
    }
}

impl Node {
    /// Makes a token for the actor `username` with `scopes` (`read,write`);
    /// returns the secret, to show once.
    pub async fn create_token(&self, username: &str, scopes: &str) -> Result<String> {
        let scopes = parse_scopes(scopes).map_err(|m| ServiceError::field("scopes", m))?;
        let actor = self.publishing_actor(username).await?;
        let mut bytes = [0u8; 32];
        SystemRandom::new()
            .fill(&mut bytes)
            .map_err(|_| ServiceError::internal("no randomness available"))?;
        let secret = format!(
            "{PREFIX}{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
        );
        self.store
            .insert_token(actor.id, &hash(&secret), &scopes)
            .await?;
        Ok(secret)
    }

    /// Who a bearer secret stands for; `Unauthorized` when no one.
    pub async fn caller(&self, secret: &str) -> Result<Caller> {
        let invalid = || ServiceError::Unauthorized("the bearer token is not valid".into());
        let secret = secret.trim();
        if !secret.starts_with(PREFIX) || secret.len() > 100 {
            return Err(invalid());
        }
        let token = self
            .store
            .token_by_hash(&hash(secret))
            .await?
            .ok_or_else(invalid)?;
        let actor = self
            .store
            .actor_by_id(token.actor_id)
            .await?
            .ok_or_else(|| ServiceError::Unauthorized("the token's actor is gone".into()))?;
        self.store.touch_token(&token).await?;
        Ok(Caller { actor, token })
    }

    /// Every API token: its actor, scopes and when it was made and last
    /// used, newest first. The secrets are not kept, so they cannot be listed.
    pub async fn tokens(&self) -> Result<Vec<TokenListing>> {
        Ok(self.store.tokens().await?)
    }

    /// Revokes token `id`: from now on the API refuses it.
    pub async fn revoke_token(&self, id: i64) -> Result<()> {
        if self.store.delete_token(id).await? {
            Ok(())
        } else {
            Err(ServiceError::NotFound(format!("no API token {id}")))
        }
    }
}

fn hash(secret: &str) -> String {
    format!("{:x}", Sha256::digest(secret.as_bytes()))
}

/// Parses `read,write` into known scopes.
pub fn parse_scopes(s: &str) -> std::result::Result<Vec<String>, String> {
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
