//! Business logic shared by every way in: the CLI, the JSON API, the web admin
//! and the federation inbox. Front ends parse their input, call a command on
//! [`Node`], and render what it returns; validation, rules and side effects
//! (recording activities, waking the delivery worker, dropping caches) live
//! here, once.
//!
//! Commands are grouped by what they act on: [`items`], [`media`], [`actors`],
//! [`tokens`], [`policy`], [`following`] (and followers), [`inbox`] (what other
//! servers send), [`network`] (what followed accounts publish), [`proxy`]
//! (remote images). [`convert`] turns domain values into ActivityPub wire types
//! and back, one place per type.

pub mod actors;
pub mod convert;
pub mod delivery;
pub mod error;
pub mod following;
pub mod inbox;
pub mod items;
mod keys;
pub mod media;
pub mod network;
mod outbox;
pub mod policy;
pub mod proxy;
pub mod setup;
pub mod tokens;

pub use error::{Problems, ServiceError};

use civicpub_domain::{FederationPolicy, LocalActor, NodeBase};
use civicpub_store::{MediaFiles, Store};
use civicpub_transport::http::{Http, Signer};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use tokio::sync::Notify;

pub type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// A node's services in one process: its database, identity, HTTP client and
/// the caches commands share. Cheap to share behind an `Arc`.
pub struct Node {
    pub store: Store,
    pub base: NodeBase,
    pub media: MediaFiles,
    pub http: Http,
    /// Language of items and pages when nothing else says (BCP 47).
    pub language: String,
    /// The instance actor's signer: it signs the node's own fetches.
    instance: Arc<Signer>,
    /// Wakes the delivery worker when this process queues something.
    wake: Arc<Notify>,
    /// Parsed keys of local actors, by actor id.
    signers: RwLock<HashMap<i64, Arc<Signer>>>,
    /// Parsed public keys of remote actors, by key id.
    keys: RwLock<keys::KeyCache>,
    policy: policy::PolicyCache,
    /// Moves on every change this process makes, so that caches of rendered
    /// documents can tell they are stale.
    generation: AtomicU64,
}

/// What a node needs to know beyond its database.
#[derive(Debug, Clone)]
pub struct NodeOptions<'a> {
    pub base: &'a NodeBase,
    pub data_dir: &'a Path,
    /// Allow `http://` and private addresses for federation (tests on one machine).
    pub insecure_dev: bool,
    pub language: &'a str,
}

impl Node {
    /// The services of an open node (see [`setup::open`]).
    pub async fn new(store: Store, options: NodeOptions<'_>) -> Result<Node> {
        let instance = store
            .instance_actor()
            .await?
            .ok_or_else(|| ServiceError::Config("the node has no instance actor".into()))?;
        let key_id = format!("{}#main-key", options.base.instance_actor_url());
        let signer =
            Signer::new(key_id, &instance.private_key_pem).map_err(ServiceError::internal)?;
        Ok(Node {
            store,
            base: options.base.clone(),
            media: MediaFiles::new(options.data_dir),
            http: Http::new(options.insecure_dev),
            language: options.language.to_string(),
            instance: Arc::new(signer),
            wake: Arc::new(Notify::new()),
            signers: RwLock::new(HashMap::new()),
            keys: RwLock::new(HashMap::new()),
            policy: policy::PolicyCache::default(),
            generation: AtomicU64::new(0),
        })
    }

    /// Resolves when this process queued deliveries (the worker also polls, for
    /// other processes' work).
    pub async fn queued(&self) {
        self.wake.notified().await
    }

    /// Counts a change made by this process: the worker wakes, caches go stale.
    fn changed(&self) {
        self.generation.fetch_add(1, Ordering::Relaxed);
        self.wake.notify_one();
    }

    /// How many changes this process has made: a cache entry made at another
    /// generation is stale.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Relaxed)
    }

    /// The URL of a local actor.
    pub fn actor_url(&self, actor: &LocalActor) -> url::Url {
        convert::actor::ActorUrls::new(&self.base, actor).id
    }

    /// The policy in force (read at most every two seconds from the database).
    pub async fn federation_policy(&self) -> Result<Arc<FederationPolicy>> {
        self.policy.get(&self.store).await
    }
}
