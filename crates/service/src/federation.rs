//! The federation side of the business logic: verifying what arrives in an
//! inbox, following and being followed, and the keys of remote actors.

use civicpub_domain::{authority, LocalActor, NodeBase, Timestamp, Username};
use civicpub_federation::http::{FetchError, Http, Signer};
use civicpub_federation::signatures::{self, PublicKey, SignatureError};
use civicpub_protocol::actor::Actor;
use civicpub_store::{Audience, Follower, NewActivity, RemoteActor, Store, StoreError};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use tokio::sync::Notify;
use url::Url;

/// Why an inbox refused an activity; each maps to one HTTP status.
#[derive(Debug, thiserror::Error)]
pub enum InboxError {
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<SignatureError> for InboxError {
    fn from(e: SignatureError) -> Self {
        InboxError::Unauthorized(e.to_string())
    }
}

/// What became of an accepted activity.
#[derive(Debug, PartialEq, Eq)]
pub enum Received {
    Stored,
    Ignored(String),
}

/// Shared federation state of a node process: the HTTP client, the instance
/// actor's signer, parsed keys of local actors, and the queue's wake-up signal.
pub struct Federation {
    pub store: Store,
    pub base: NodeBase,
    pub http: Http,
    pub instance: Arc<Signer>,
    /// Wakes the delivery worker when this process queues something.
    pub queued: Arc<Notify>,
    signers: RwLock<HashMap<i64, Arc<Signer>>>,
    /// Parsed public keys of remote actors by key id, for ten minutes.
    keys: RwLock<KeyCache>,
    /// The federation policy, read at most every two seconds.
    policy: RwLock<Option<Policy>>,
}

/// (when read, mode, domain → rule)
type Policy = (
    std::time::Instant,
    civicpub_store::FederationMode,
    HashMap<String, String>,
);
type KeyCache = HashMap<String, (std::time::Instant, PublicKey, RemoteActor)>;
const KEY_CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(600);
const KEY_CACHE_MAX: usize = 50_000;

fn parse_url(s: &str, what: &str) -> Result<Url, InboxError> {
    Url::parse(s).map_err(|_| InboxError::BadRequest(format!("{what} is not a URL")))
}

/// The id of a JSON reference: the string itself, or the object's `id`.
pub(crate) fn id_of(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get("id").and_then(Value::as_str),
        _ => None,
    }
}

impl Federation {
    pub async fn new(store: Store, base: NodeBase, insecure_dev: bool) -> Result<Self, String> {
        let instance = store
            .instance_actor()
            .await
            .map_err(|e| e.to_string())?
            .ok_or("the node has no instance actor")?;
        let key_id = format!("{}#main-key", base.instance_actor_url());
        let signer = Signer::new(key_id, &instance.private_key_pem).map_err(|e| e.to_string())?;
        Ok(Federation {
            store,
            base,
            http: Http::new(insecure_dev),
            instance: Arc::new(signer),
            queued: Arc::new(Notify::new()),
            signers: RwLock::new(HashMap::new()),
            keys: RwLock::new(HashMap::new()),
            policy: RwLock::new(None),
        })
    }

    /// Whether the federation policy lets the node talk to `host`. The policy is
    /// cached for two seconds, so a change made elsewhere applies within that.
    pub async fn host_allowed(&self, host: &str) -> Result<bool, StoreError> {
        use civicpub_store::FederationMode;
        let fresh = |p: &Option<Policy>| {
            p.as_ref()
                .filter(|(at, _, _)| at.elapsed() < std::time::Duration::from_secs(2))
                .map(|(_, m, r)| match m {
                    FederationMode::Open => true,
                    FederationMode::Blocklist => r.get(host).map(String::as_str) != Some("block"),
                    FederationMode::Allowlist => r.get(host).map(String::as_str) == Some("allow"),
                })
        };
        if let Some(ok) = fresh(&self.policy.read().unwrap_or_else(|e| e.into_inner())) {
            return Ok(ok);
        }
        let mode = self.store.federation_mode().await?;
        let rules = self.store.domain_rules().await?.into_iter().collect();
        let mut policy = self.policy.write().unwrap_or_else(|e| e.into_inner());
        *policy = Some((std::time::Instant::now(), mode, rules));
        Ok(fresh(&policy).unwrap_or(false))
    }

    /// Forgets the cached policy, after this process changed it.
    pub fn forget_policy(&self) {
        *self.policy.write().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// The signer of the local actor with `actor_id`, loaded and parsed once per process.
    pub async fn signer_by_id(&self, actor_id: i64) -> Result<Arc<Signer>, String> {
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
            .await
            .map_err(|e| e.to_string())?
            .ok_or("the actor is gone")?;
        self.signer(&actor)
    }

    /// The signer of a local actor, its key parsed once per process.
    pub fn signer(&self, actor: &LocalActor) -> Result<Arc<Signer>, String> {
        if let Some(s) = self
            .signers
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&actor.id)
        {
            return Ok(s.clone());
        }
        let url = if actor.is_instance_actor() {
            self.base.instance_actor_url()
        } else {
            self.base.actor_url(actor.username.as_str())
        };
        let signer = Arc::new(
            Signer::new(format!("{url}#main-key"), &actor.private_key_pem)
                .map_err(|e| e.to_string())?,
        );
        self.signers
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(actor.id, signer.clone());
        Ok(signer)
    }

    /// Fetches (or refreshes) a remote actor by its id or one of its key ids,
    /// and records it.
    pub async fn fetch_actor(&self, url: &Url) -> Result<RemoteActor, InboxError> {
        let unauthorized =
            |e: FetchError| InboxError::Unauthorized(format!("cannot fetch {url}: {e}"));
        let doc = self
            .http
            .get_json(url, &self.instance)
            .await
            .map_err(unauthorized)?;
        // A key id may name a key document whose owner is the actor.
        let doc = if doc.get("inbox").is_none() {
            let owner = doc
                .get("owner")
                .or_else(|| doc.get("controller"))
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    InboxError::Unauthorized(format!("{url} is neither an actor nor a key"))
                })?;
            let owner = parse_url(owner, "the key's owner")?;
            self.http
                .get_json(&owner, &self.instance)
                .await
                .map_err(unauthorized)?
        } else {
            doc
        };
        let actor: Actor = serde_json::from_value(doc.clone())
            .map_err(|e| InboxError::Unauthorized(format!("invalid actor document: {e}")))?;
        let key_id = url.as_str();
        let (key_id, key_material) = match (&actor.public_key, doc.get("assertionMethod")) {
            // An Ed25519 key listed as a Multikey (FEP-521a) that the request named.
            (_, Some(methods)) if methods_find(methods, key_id).is_some() => (
                key_id.to_string(),
                methods_find(methods, key_id).unwrap_or_default(),
            ),
            (Some(k), _) => (k.id.to_string(), k.public_key_pem.clone()),
            (None, _) => {
                return Err(InboxError::Unauthorized(
                    "the actor has no public key".into(),
                ))
            }
        };
        if let Some(k) = &actor.public_key {
            if k.owner != actor.id {
                return Err(InboxError::Unauthorized(
                    "the actor's key belongs to someone else".into(),
                ));
            }
        }
        let inbox = actor
            .inbox
            .clone()
            .ok_or_else(|| InboxError::Unauthorized("the actor has no inbox".into()))?;
        if authority(&inbox) != authority(&actor.id) || authority(url) != authority(&actor.id) {
            return Err(InboxError::Unauthorized(
                "the actor's key or inbox is on another host".into(),
            ));
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

    async fn key_for(
        &self,
        key_id: &str,
        refresh: bool,
    ) -> Result<(PublicKey, RemoteActor), InboxError> {
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
            _ => self.fetch_actor(&parse_url(key_id, "keyId")?).await?,
        };
        let key = if remote.public_key_pem.starts_with("-----BEGIN") {
            PublicKey::from_pem(&remote.public_key_pem)?
        } else {
            PublicKey::from_multibase(&remote.public_key_pem)?
        };
        let mut keys = self.keys.write().unwrap_or_else(|e| e.into_inner());
        if keys.len() >= KEY_CACHE_MAX {
            keys.clear();
        }
        keys.insert(
            key_id.to_string(),
            (std::time::Instant::now(), key.clone(), remote.clone()),
        );
        Ok((key, remote))
    }

    /// Verifies a signed request and returns the actor who signed it. A stored key
    /// that fails is fetched again once, in case the actor rotated it.
    pub async fn authenticate(
        &self,
        req: &signatures::Request<'_>,
    ) -> Result<RemoteActor, InboxError> {
        let claim = signatures::parse(req, chrono::Utc::now().timestamp())?;
        let key_url = parse_url(&claim.key_id, "keyId")?;
        if !self.host_allowed(&authority(&key_url)).await? {
            return Err(InboxError::Forbidden(format!(
                "{} is not federated with",
                authority(&key_url)
            )));
        }
        let (key, remote) = self.key_for(&claim.key_id, false).await?;
        let fetched_now = Timestamp::now().millis() - remote.fetched_at.millis() < 5_000;
        match signatures::verify(&claim, &key) {
            Ok(()) => Ok(remote),
            // A key held for a while may have been rotated: fetch it again, once.
            Err(_) if !fetched_now => {
                let (key, remote) = self.key_for(&claim.key_id, true).await?;
                signatures::verify(&claim, &key)?;
                Ok(remote)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Handles a verified activity from `sender` posted to `inbox_of` (a local
    /// actor's inbox, or the shared inbox when `None`).
    pub async fn receive(
        &self,
        sender: &RemoteActor,
        activity: &Value,
    ) -> Result<Received, InboxError> {
        let kind = activity
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let id = activity
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| InboxError::BadRequest("the activity has no id".into()))?;
        let id_url = parse_url(id, "the activity's id")?;
        let actor = activity
            .get("actor")
            .and_then(id_of)
            .ok_or_else(|| InboxError::BadRequest("the activity has no actor".into()))?;
        if actor != sender.uri {
            return Err(InboxError::Unauthorized(
                "the activity's actor did not sign it".into(),
            ));
        }
        if authority(&id_url) != sender.host {
            return Err(InboxError::Unauthorized(
                "the activity's id is on another host than its actor".into(),
            ));
        }
        let object = activity.get("object").cloned().unwrap_or(Value::Null);
        if matches!(kind.as_str(), "Create" | "Update") {
            let object_id = id_of(&object)
                .ok_or_else(|| InboxError::BadRequest("the object has no id".into()))?;
            if authority(&parse_url(object_id, "the object's id")?) != sender.host {
                return Err(InboxError::Unauthorized(
                    "the object's id is on another host than its actor".into(),
                ));
            }
        }
        let fresh = self
            .store
            .insert_inbox_activity(
                id,
                &sender.uri,
                &kind,
                id_of(&object),
                &activity.to_string(),
            )
            .await?;
        if !fresh {
            return Err(InboxError::Unauthorized(
                "this activity was received before (replayed)".into(),
            ));
        }
        let handled = self.handle(sender, &kind, activity, object).await;
        if let Err(InboxError::Store(_)) = &handled {
            // Not taken in after all: let the sender's retry through, rather than
            // refuse it as a replay.
            self.store.forget_inbox_activity(id).await?;
        }
        handled
    }

    async fn handle(
        &self,
        sender: &RemoteActor,
        kind: &str,
        activity: &Value,
        object: Value,
    ) -> Result<Received, InboxError> {
        match kind {
            "Follow" => self.on_follow(sender, activity, &object).await,
            "Undo" if object.get("type").and_then(Value::as_str) == Some("Follow") => {
                let target = object.get("object").and_then(id_of).unwrap_or_default();
                if let Some(local) = self.local_actor_at(target).await? {
                    self.store.remove_follower(local.id, &sender.uri).await?;
                }
                Ok(Received::Stored)
            }
            "Accept" => {
                if let Some(follow_id) = id_of(&object) {
                    self.store.accept_following(follow_id, &sender.uri).await?;
                }
                Ok(Received::Stored)
            }
            "Create" | "Update" | "Delete" | "Announce" => {
                self.on_content(sender, kind, &object).await
            }
            "Undo" if object.get("type").and_then(Value::as_str) == Some("Announce") => {
                // A boost taken back: the item leaves the views if it came only by it.
                let boosted = object.get("object").and_then(id_of).unwrap_or_default();
                self.store.withdraw_announced(boosted, &sender.uri).await?;
                Ok(Received::Stored)
            }
            "Undo" | "Reject" | "Like" => Ok(Received::Stored),
            other => Ok(Received::Ignored(format!(
                "activities of type '{other}' are not handled"
            ))),
        }
    }

    async fn local_actor_at(&self, uri: &str) -> Result<Option<LocalActor>, InboxError> {
        let Ok(url) = Url::parse(uri) else {
            return Ok(None);
        };
        if !self.base.is_local(&url) {
            return Ok(None);
        }
        let Some(name) = url.path().strip_prefix("/actors/") else {
            return Ok(None);
        };
        Ok(self
            .store
            .actor_by_username(name)
            .await?
            .filter(|a| !a.is_instance_actor()))
    }

    async fn on_follow(
        &self,
        sender: &RemoteActor,
        follow: &Value,
        object: &Value,
    ) -> Result<Received, InboxError> {
        let target = id_of(object).unwrap_or_default();
        let local = self
            .local_actor_at(target)
            .await?
            .ok_or_else(|| InboxError::NotFound(format!("no local actor {target}")))?;
        let follow_id = id_of(follow).unwrap_or_default().to_string();
        if local.manually_approves_followers {
            self.store
                .upsert_follower(&Follower {
                    actor_id: local.id,
                    follower_uri: sender.uri.clone(),
                    inbox: sender.delivery_inbox().to_string(),
                    follow_id,
                    accepted: false,
                    created_at: Timestamp::now(),
                })
                .await?;
            return Ok(Received::Stored);
        }
        self.decide(&local, sender, follow, true).await?;
        Ok(Received::Stored)
    }

    /// Accepts or rejects a follow request, and tells the follower.
    pub async fn decide(
        &self,
        local: &LocalActor,
        sender: &RemoteActor,
        follow: &Value,
        accept: bool,
    ) -> Result<(), InboxError> {
        let follow_id = id_of(follow).unwrap_or_default().to_string();
        if accept {
            self.store
                .upsert_follower(&Follower {
                    actor_id: local.id,
                    follower_uri: sender.uri.clone(),
                    inbox: sender.delivery_inbox().to_string(),
                    follow_id: follow_id.clone(),
                    accepted: true,
                    created_at: Timestamp::now(),
                })
                .await?;
        } else {
            self.store.remove_follower(local.id, &sender.uri).await?;
        }
        let actor_url = self.base.actor_url(local.username.as_str());
        let kind = if accept { "Accept" } else { "Reject" };
        let id = format!(
            "{actor_url}#{}s/{}",
            kind.to_lowercase(),
            Timestamp::now().millis()
        );
        let body = json!({
            "@context": civicpub_protocol::context::ACTIVITY_STREAMS,
            "id": id,
            "type": kind,
            "actor": actor_url,
            "object": follow,
        });
        self.send(local, &sender.inbox, id, kind, follow_id, body)
            .await?;
        Ok(())
    }

    /// Decides a pending follow request of `follower_uri` to `local`.
    pub async fn decide_pending(
        &self,
        local: &LocalActor,
        follower_uri: &str,
        accept: bool,
    ) -> Result<(), InboxError> {
        let pending = self
            .store
            .follower(local.id, follower_uri)
            .await?
            .filter(|f| !f.accepted)
            .ok_or_else(|| {
                InboxError::NotFound(format!("no pending request from {follower_uri}"))
            })?;
        let sender = self
            .store
            .remote_actor(follower_uri)
            .await?
            .ok_or_else(|| InboxError::NotFound(format!("unknown actor {follower_uri}")))?;
        let follow = json!({
            "id": pending.follow_id,
            "type": "Follow",
            "actor": follower_uri,
            "object": self.base.actor_url(local.username.as_str()),
        });
        self.decide(local, &sender, &follow, accept).await
    }

    /// Follows a remote actor (by URL or `@user@host`): fetches it, records the
    /// follow as pending, and queues the `Follow`.
    pub async fn follow(
        &self,
        local: &LocalActor,
        target: &str,
    ) -> Result<RemoteActor, InboxError> {
        let url = self.resolve_handle(target).await?;
        if !self.host_allowed(&authority(&url)).await? {
            return Err(InboxError::Forbidden(format!(
                "{} is not federated with",
                authority(&url)
            )));
        }
        let remote = self.fetch_actor(&url).await?;
        let actor_url = self.base.actor_url(local.username.as_str());
        let id = format!("{actor_url}#follows/{}", Timestamp::now().millis());
        let body = json!({
            "@context": civicpub_protocol::context::ACTIVITY_STREAMS,
            "id": id,
            "type": "Follow",
            "actor": actor_url,
            "object": remote.uri,
        });
        self.store
            .upsert_following(local.id, &remote.uri, &id, false)
            .await?;
        self.send(local, &remote.inbox, id, "Follow", remote.uri.clone(), body)
            .await?;
        Ok(remote)
    }

    /// Stops following: removes the follow and queues `Undo(Follow)`.
    pub async fn unfollow(&self, local: &LocalActor, target: &str) -> Result<(), InboxError> {
        let url = self.resolve_handle(target).await?;
        let follow_id = self
            .store
            .remove_following(local.id, url.as_str())
            .await?
            .ok_or_else(|| {
                InboxError::NotFound(format!("{} does not follow {url}", local.username))
            })?;
        let remote = self
            .store
            .remote_actor(url.as_str())
            .await?
            .ok_or_else(|| InboxError::NotFound(format!("unknown actor {url}")))?;
        let actor_url = self.base.actor_url(local.username.as_str());
        let id = format!("{actor_url}#undo/{}", Timestamp::now().millis());
        let body = json!({
            "@context": civicpub_protocol::context::ACTIVITY_STREAMS,
            "id": id,
            "type": "Undo",
            "actor": actor_url,
            "object": { "id": follow_id, "type": "Follow", "actor": actor_url, "object": remote.uri },
        });
        self.send(local, &remote.inbox, id, "Undo", follow_id, body)
            .await?;
        Ok(())
    }

    /// Records an activity of `local` for one remote inbox, queues its delivery,
    /// and wakes the worker.
    async fn send(
        &self,
        local: &LocalActor,
        inbox: &str,
        id: String,
        kind: impl Into<String>,
        object_id: impl Into<String>,
        body: Value,
    ) -> Result<(), InboxError> {
        let host = authority(&parse_url(inbox, "the inbox")?);
        let audience = Audience::Inbox {
            inbox: inbox.to_string(),
            host,
        };
        self.record(local, &audience, id, kind, object_id, body)
            .await
    }

    /// Records an activity of `local` with its deliveries to `audience`, and
    /// wakes the worker.
    pub(crate) async fn record(
        &self,
        local: &LocalActor,
        audience: &Audience,
        id: String,
        kind: impl Into<String>,
        object_id: impl Into<String>,
        body: Value,
    ) -> Result<(), InboxError> {
        let activity = NewActivity {
            activity_id: id,
            kind: kind.into(),
            object_id: object_id.into(),
            body: body.to_string(),
        };
        self.store
            .record_activity(local.id, &activity, audience)
            .await?;
        self.queued.notify_one();
        Ok(())
    }

    /// An actor URL from a URL or a `@user@host` handle (by WebFinger).
    pub async fn resolve_handle(&self, target: &str) -> Result<Url, InboxError> {
        if target.starts_with("http://") || target.starts_with("https://") {
            return parse_url(target, "the account");
        }
        let handle = target.trim_start_matches('@');
        let (user, host) = handle.split_once('@').ok_or_else(|| {
            InboxError::BadRequest(format!("'{target}' is not @user@host or a URL"))
        })?;
        Username::parse_any(&user.to_ascii_lowercase())
            .map_err(|e| InboxError::BadRequest(format!("'{target}': {e}")))?;
        let scheme = if self.base.as_str().starts_with("http://") {
            "http"
        } else {
            "https"
        };
        let wf = Url::parse(&format!(
            "{scheme}://{host}/.well-known/webfinger?resource=acct:{user}@{host}"
        ))
        .map_err(|_| InboxError::BadRequest(format!("'{target}' has an invalid host")))?;
        let jrd = self
            .http
            .get_json(&wf, &self.instance)
            .await
            .map_err(|e| InboxError::NotFound(format!("WebFinger for {target}: {e}")))?;
        let jrd: civicpub_protocol::webfinger::Jrd = serde_json::from_value(jrd)
            .map_err(|e| InboxError::NotFound(format!("WebFinger for {target}: {e}")))?;
        parse_url(
            jrd.actor_id().ok_or_else(|| {
                InboxError::NotFound(format!("{target} has no ActivityPub actor"))
            })?,
            "the actor",
        )
    }
}

fn methods_find(methods: &Value, key_id: &str) -> Option<String> {
    let list = match methods {
        Value::Array(a) => a.clone(),
        other => vec![other.clone()],
    };
    list.iter()
        .find(|m| m.get("id").and_then(Value::as_str) == Some(key_id))
        .and_then(|m| m.get("publicKeyMultibase").and_then(Value::as_str))
        .map(str::to_string)
}
