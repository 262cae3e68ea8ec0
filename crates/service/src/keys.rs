//! Who signed a request: remote actors' keys (fetched, stored, cached), local
//! actors' signers, and verifying HTTP signatures.

use crate::{Node, Result, ServiceError};
use civicpub_domain::{authority, LocalActor, Timestamp};
use civicpub_protocol::actor::{Actor, KeyDocument};
use civicpub_store::RemoteActor;
use civicpub_transport::http::Signer;
use civicpub_transport::signatures::{self, PublicKey};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use url::Url;

pub(crate) type KeyCache = HashMap<String, (Instant, PublicKey, RemoteActor)>;
const KEY_CACHE_TTL: Duration = Duration::from_secs(600);
const KEY_CACHE_MAX: usize = 50_000;

/// An inbox's refusal that names no detail: what a fetched URL answered is
/// for the log, not for whoever sent the request.
fn unverifiable(detail: impl std::fmt::Display) -> ServiceError {
    tracing::info!(%detail, "cannot verify a signature");
    ServiceError::Unauthorized("the signature's key could not be obtained or used".into())
}

impl Node {
    /// The signer of the local actor with `actor_id`, loaded and parsed once per process.
    pub async fn signer_by_id(&self, actor_id: i64) -> Result<Arc<Signer>> {
        if let Some(s) = self
            .signers
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&actor_id)
        {
            return Ok(s.clone());
        }
        let actor = self
            .store
            .actor_by_id(actor_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("local actor {actor_id}")))?;
        self.signer(&actor)
    }

    /// The signer of a local actor, its key parsed once per process.
    pub fn signer(&self, actor: &LocalActor) -> Result<Arc<Signer>> {
        if let Some(s) = self
            .signers
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&actor.id)
        {
            return Ok(s.clone());
        }
        let signer = Arc::new(
            Signer::new(
                format!("{}#main-key", self.actor_url(actor)),
                &actor.private_key_pem,
            )
            .map_err(ServiceError::internal)?,
        );
        self.signers
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(actor.id, signer.clone());
        Ok(signer)
    }

    /// Fetches (or refreshes) a remote actor by its id or one of its key ids,
    /// and records it. Errors say what went wrong in the log, and only that the
    /// actor could not be used to whoever asked.
    pub async fn fetch_actor(&self, url: &Url) -> Result<RemoteActor> {
        let doc = self
            .http
            .get_json(url, &self.instance)
            .await
            .map_err(|e| unverifiable(format!("{url}: {e}")))?;
        // A key id may name a key document whose owner is the actor.
        let doc = if doc.get("inbox").is_none() {
            let key: KeyDocument = serde_json::from_value(doc)
                .map_err(|e| unverifiable(format!("{url}: not a key: {e}")))?;
            let owner = key
                .actor()
                .ok_or_else(|| unverifiable(format!("{url} is neither an actor nor a key")))?;
            self.http
                .get_json(owner, &self.instance)
                .await
                .map_err(|e| unverifiable(format!("{owner}: {e}")))?
        } else {
            doc
        };
        let actor: Actor = serde_json::from_value(doc.clone())
            .map_err(|e| unverifiable(format!("{url}: invalid actor document: {e}")))?;
        let key_id = url.as_str();
        // An Ed25519 key listed as a Multikey (FEP-521a) that the request named,
        // else the RSA `publicKey`.
        let multikey = actor
            .assertion_method
            .iter()
            .find(|m| m.id.as_str() == key_id)
            .and_then(|m| m.public_key_multibase.clone());
        let (key_id, key_material) = match (multikey, &actor.public_key) {
            (Some(k), _) => (key_id.to_string(), k),
            (None, Some(k)) => (k.id.to_string(), k.public_key_pem.clone()),
            (None, None) => return Err(unverifiable(format!("{url}: the actor has no key"))),
        };
        if let Some(k) = &actor.public_key {
            if k.owner != actor.id {
                return Err(unverifiable(format!(
                    "{url}: the actor's key belongs to someone else"
                )));
            }
        }
        let inbox = actor
            .inbox
            .clone()
            .ok_or_else(|| unverifiable(format!("{url}: the actor has no inbox")))?;
        if authority(&inbox) != authority(&actor.id) || authority(url) != authority(&actor.id) {
            return Err(unverifiable(format!(
                "{url}: the actor's key or inbox is on another host"
            )));
        }
        let remote = RemoteActor {
            host: authority(&actor.id),
            username: actor.preferred_username.clone().unwrap_or_default(),
            uri: actor.id.to_string(),
            inbox: inbox.to_string(),
            shared_inbox: actor.shared_inbox().map(Url::to_string),
            key_id,
            public_key_pem: key_material,
            document: doc.to_string(),
            fetched_at: Timestamp::now(),
        };
        self.store.upsert_remote_actor(&remote).await?;
        Ok(remote)
    }

    async fn key_for(&self, key_id: &str, refresh: bool) -> Result<(PublicKey, RemoteActor)> {
        if !refresh {
            let keys = self.keys.read().unwrap_or_else(|e| e.into_inner());
            if let Some((at, key, remote)) = keys.get(key_id) {
                if at.elapsed() < KEY_CACHE_TTL {
                    return Ok((key.clone(), remote.clone()));
                }
            }
        }
        let remote = match self.store.remote_actor_by_key(key_id).await? {
            Some(r) if !refresh => r,
            _ => {
                let url = Url::parse(key_id)
                    .map_err(|_| ServiceError::Unauthorized("the keyId is not a URL".into()))?;
                self.fetch_actor(&url).await?
            }
        };
        let key = if remote.public_key_pem.starts_with("-----BEGIN") {
            PublicKey::from_pem(&remote.public_key_pem)
        } else {
            PublicKey::from_multibase(&remote.public_key_pem)
        }
        .map_err(|e| unverifiable(format!("{key_id}: {e}")))?;
        let mut keys = self.keys.write().unwrap_or_else(|e| e.into_inner());
        if keys.len() >= KEY_CACHE_MAX {
            keys.clear();
        }
        keys.insert(
            key_id.to_string(),
            (Instant::now(), key.clone(), remote.clone()),
        );
        Ok((key, remote))
    }

    /// Verifies a signed request and returns the actor who signed it. A stored key
    /// that fails is fetched again once, in case the actor rotated it.
    pub async fn authenticate(&self, req: &signatures::Request<'_>) -> Result<RemoteActor> {
        let claim = signatures::parse(req, chrono::Utc::now().timestamp())
            .map_err(|e| ServiceError::Unauthorized(e.to_string()))?;
        let key_url = Url::parse(&claim.key_id)
            .map_err(|_| ServiceError::Unauthorized("the keyId is not a URL".into()))?;
        // The server's budget is spent before any key is fetched or checked.
        self.admit(&authority(&key_url))?;
        self.require_allowed(&authority(&key_url)).await?;
        let (key, remote) = self.key_for(&claim.key_id, false).await?;
        let fetched_now = Timestamp::now().millis() - remote.fetched_at.millis() < 5_000;
        match signatures::verify(&claim, &key) {
            Ok(()) => Ok(remote),
            // A key held for a while may have been rotated: fetch it again, once.
            Err(_) if !fetched_now => {
                let (key, remote) = self.key_for(&claim.key_id, true).await?;
                signatures::verify(&claim, &key)
                    .map_err(|e| ServiceError::Unauthorized(e.to_string()))?;
                Ok(remote)
            }
            Err(e) => Err(ServiceError::Unauthorized(e.to_string())),
        }
    }
}
