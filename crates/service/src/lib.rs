//! Business logic shared by every way in: the CLI, the JSON API, the web admin
//! and the federation inbox. Front ends parse their input, call a command on
//! [`Node`], and render what it returns; validation, rules and side effects
//! (recording activities, waking the delivery worker, dropping caches) live
//! here, once.
//!
//! Commands are grouped by what they act on: [`items`], [`media`], [`actors`],
//! [`tokens`], [`policy`], [`following`] (and followers), [`inbox`] (what other
//! servers send), [`network`] (what followed accounts publish), [`proxy`]
//! (remote images), [`comments`] (citizens' replies and their moderation),
//! [`reactions`] (likes, boosts, reports), [`consultations`], [`moves`]
//! (accounts moving: `alsoKnownAs`, `movedTo`, `Move`), [`staff`] (the web
//! admin's accounts and sessions). [`convert`] turns domain values into ActivityPub wire types
//! and back, one place per type.

pub mod actors;
pub mod archive;
pub mod comments;
pub mod consultations;
pub mod convert;
pub mod delivery;
pub mod error;
pub mod following;
pub mod inbox;
pub mod items;
mod keys;
mod limits;
pub mod media;
pub mod metrics;
pub mod moves;
pub mod network;
mod outbox;
pub mod policy;
pub mod proxy;
pub mod reactions;
pub mod setup;
pub mod site;
pub mod staff;
pub mod tokens;

pub use error::{Problems, ServiceError};

use civicpub_domain::{FederationPolicy, LocalActor, NodeBase};
use civicpub_store::{MediaFiles, Store};
use civicpub_transport::http::{Http, Signer};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
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
    /// The city's time zone (IANA name, `--city-timezone`): what the web admin
    /// offers for an event's times and a schedule.
    pub timezone: String,
    /// The instance actor's signer: it signs the node's own fetches.
    instance: Arc<Signer>,
    /// Wakes the delivery worker when this process queues something.
    wake: Arc<Notify>,
    /// Parsed keys of local actors, by actor id.
    signers: RwLock<HashMap<i64, Arc<Signer>>>,
    /// Parsed public keys of remote actors, by key id.
    keys: RwLock<keys::KeyCache>,
    policy: policy::PolicyCache,
    /// What each remote server may send to the inboxes.
    inbox_limit: limits::RateLimit,
    /// At most one update of a consultation's totals per this much time.
    totals_every: std::time::Duration,
    /// Moves on every change this process makes, so that caches of rendered
    /// documents can tell they are stale…
    local_changes: AtomicU64,
    /// …and the database's change counter as last read, for the changes other
    /// processes make (see [`Node::watch_changes`]).
    shared_changes: AtomicI64,
}

/// Where the node's data stood when something was cached: a cache entry made
/// at another generation is stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generation {
    local: u64,
    shared: i64,
}

impl Generation {
    /// A generation, for tests of caches.
    pub fn new(local: u64, shared: i64) -> Self {
        Generation { local, shared }
    }
}

/// What a node needs to know beyond its database.
#[derive(Debug, Clone)]
pub struct NodeOptions<'a> {
    pub base: &'a NodeBase,
    pub data_dir: &'a Path,
    /// Allow `http://` and private addresses for federation (tests on one machine).
    pub insecure_dev: bool,
    pub language: &'a str,
    /// The city's time zone (IANA name).
    pub timezone: &'a str,
    /// Activities one remote server may send per minute (and at once).
    pub inbox_per_minute: u32,
    /// At most one update of a consultation's running totals per this much time.
    pub totals_every: std::time::Duration,
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
            http: Http::new(options.insecure_dev, options.base.as_url()),
            language: options.language.to_string(),
            timezone: options.timezone.to_string(),
            instance: Arc::new(signer),
            wake: Arc::new(Notify::new()),
            signers: RwLock::new(HashMap::new()),
            keys: RwLock::new(HashMap::new()),
            policy: policy::PolicyCache::default(),
            inbox_limit: limits::RateLimit::new(options.inbox_per_minute),
            totals_every: options.totals_every,
            local_changes: AtomicU64::new(0),
            shared_changes: AtomicI64::new(0),
        })
    }

    /// Resolves when this process queued deliveries (the worker also polls, for
    /// other processes' work).
    pub async fn queued(&self) {
        self.wake.notified().await
    }

    /// Counts a change made by this process: the worker wakes, caches here go
    /// stale at once, and in other processes when they next read the counter.
    async fn changed(&self) {
        self.local_changes.fetch_add(1, Ordering::Relaxed);
        self.wake.notify_one();
        if let Err(e) = self.store.count_change().await {
            tracing::error!(error = %e, "cannot move the change counter");
        }
    }

    /// Where the node's data stands, as far as this process knows.
    pub fn generation(&self) -> Generation {
        Generation {
            local: self.local_changes.load(Ordering::Relaxed),
            shared: self.shared_changes.load(Ordering::Relaxed),
        }
    }

    /// Reads the database's change counter every `every`, so that changes made
    /// by other processes (the CLI, other `serve` and `worker` processes) make
    /// this one's caches stale. Runs until the process ends.
    pub async fn watch_changes(self: Arc<Self>, every: std::time::Duration) {
        loop {
            match self.store.changes().await {
                Ok(n) => self.shared_changes.store(n, Ordering::Relaxed),
                Err(e) => tracing::warn!(error = %e, "cannot read the change counter"),
            }
            tokio::time::sleep(every).await;
        }
    }

    /// The language of the node's interface and of what it writes into
    /// items' texts when their own language has no catalogue (`--language`,
    /// English when it names a language without one).
    pub fn locale(&self) -> civicpub_i18n::Locale {
        civicpub_i18n::Locale::parse(&self.language).unwrap_or(civicpub_i18n::Locale::En)
    }

    /// The URL of a local actor.
    pub fn actor_url(&self, actor: &LocalActor) -> url::Url {
        convert::actor::ActorUrls::new(&self.base, actor).id
    }

    /// The policy in force (read at most every two seconds from the database).
    pub async fn federation_policy(&self) -> Result<Arc<FederationPolicy>> {
        self.policy.get(&self.store, self.generation()).await
    }
}
