//! The network: taking in what followed accounts publish (from the inbox, and by
//! catching up on their outbox when the follow starts), and republishing remote
//! items to the node's own followers.

use crate::convert::ingest::{ingest_object, kind_of, NotIngested};
use crate::inbox::Received;
use crate::outbox::mint_id;
use crate::{Node, Result, ServiceError};
use civicpub_domain::{authority, LocalActor, NetworkItem, Timestamp};
use civicpub_protocol::activity::{Activity, ActivityType, Announced, Incoming};
use civicpub_protocol::collection::{Collection, CollectionPage};
use civicpub_protocol::context::ACTIVITY_STREAMS;
use civicpub_protocol::object::Object;
use civicpub_protocol::values::{IdRef, ObjectRef};
use civicpub_protocol::PUBLIC;
use civicpub_store::{Audience, RemoteActor, Upserted};
use serde_json::Value;
use url::Url;

/// How many items a new follow gathers from the account's outbox (and, apart,
/// from its featured collection): Mastodon does not send old posts.
pub const CATCH_UP_ITEMS: usize = 50;
/// Pages of an outbox read at most while catching up.
const CATCH_UP_PAGES: usize = 10;
/// Featured (pinned) items gathered at most.
const CATCH_UP_FEATURED: usize = 20;

/// What a catch-up gathered.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CatchUp {
    pub gathered: usize,
    pub skipped: usize,
    /// The collections that could not be read, and why.
    pub unreadable: Vec<String>,
}

/// An entry of an outbox or a featured collection: an activity or an object,
/// inlined or named by its id.
type Entry = ObjectRef<Value>;

impl Node {
    /// Takes an object into the network views: read, cleaned, stored if newer.
    pub async fn gather(
        &self,
        object: &Object,
        from: &str,
        announced_by: Option<&str>,
    ) -> Result<std::result::Result<Upserted, NotIngested>> {
        let ingested = match ingest_object(object, from) {
            Ok(i) => i,
            Err(e) => return Ok(Err(e)),
        };
        let mut item = ingested.item;
        item.announced_by = announced_by.map(str::to_string);
        let upserted = self
            .store
            .upsert_network_item(&item, &ingested.images)
            .await?;
        self.changed().await;
        Ok(Ok(upserted))
    }

    /// Fetches a document from its own server (signed by the instance actor),
    /// checking that the server vouches for that id.
    pub async fn fetch_document(&self, id: &Url) -> Result<Value> {
        self.require_allowed(&authority(id)).await?;
        let doc = self.http.get_json(id, &self.instance).await.map_err(|e| {
            tracing::info!(%id, error = %e, "fetch failed");
            ServiceError::Unavailable(format!("{id} could not be fetched"))
        })?;
        let vouched = civicpub_protocol::activity::reference(doc.get("id").unwrap_or(&Value::Null))
            .is_some_and(|d| authority(&d) == authority(id));
        if !vouched {
            return Err(ServiceError::Unauthorized(format!(
                "{id} answered with a document of another host"
            )));
        }
        Ok(doc)
    }

    /// Fetches an object (not an activity) from its own server.
    pub async fn fetch_object(&self, id: &Url) -> Result<Object> {
        let doc = self.fetch_document(id).await?;
        serde_json::from_value(doc)
            .map_err(|e| ServiceError::BadRequest(format!("{id} is not an object: {e}")))
    }

    /// The object a reference names: taken as it is when inlined by its own
    /// server (`host`), fetched from where it lives otherwise.
    async fn object_from(&self, host: &str, reference: &ObjectRef<Object>) -> Result<Object> {
        match reference {
            ObjectRef::Object(o) if authority(&o.id) == host => Ok(o.as_ref().clone()),
            other => self.fetch_object(other.id()).await,
        }
    }

    /// A `Create` or `Update` of content from a verified sender.
    pub(crate) async fn on_content(
        &self,
        sender: &RemoteActor,
        object: &ObjectRef<Object>,
    ) -> Result<Received> {
        if !self.store.is_followed(&sender.uri).await? {
            return Ok(Received::Ignored(format!(
                "nobody here follows {}",
                sender.uri
            )));
        }
        let object = match self.object_from(&sender.host, object).await {
            Ok(o) => o,
            Err(e) => return Ok(Received::Ignored(e.to_string())),
        };
        if kind_of(&object).is_none() {
            // An actor's profile update, a kind of post the views do not show.
            return Ok(Received::Stored);
        }
        match self.gather(&object, &sender.uri, None).await? {
            Ok(_) => Ok(Received::Stored),
            Err(e) => Ok(Received::Ignored(e.to_string())),
        }
    }

    /// A `Delete`: only the object's own server may delete it.
    pub(crate) async fn on_delete(&self, sender: &RemoteActor, id: &Url) -> Result<Received> {
        if authority(id) != sender.host {
            return Ok(Received::Ignored(format!(
                "{} cannot delete {id}",
                sender.host
            )));
        }
        let removed = self
            .store
            .delete_network_item(id.as_str(), &sender.host)
            .await?;
        self.changed().await;
        Ok(if removed {
            Received::Stored
        } else {
            Received::Ignored(format!("{id} was not gathered here"))
        })
    }

    /// An `Announce` (a boost) from a followed account: the object it shares,
    /// from wherever it lives.
    pub(crate) async fn on_announce(
        &self,
        sender: &RemoteActor,
        shared: &ObjectRef<Announced>,
    ) -> Result<Received> {
        if !self.store.is_followed(&sender.uri).await? {
            return Ok(Received::Ignored(format!(
                "nobody here follows {}",
                sender.uri
            )));
        }
        let reference = match shared {
            ObjectRef::Id(id) => ObjectRef::Id(id.clone()),
            ObjectRef::Object(a) => match a.as_ref() {
                Announced::Object(o) => ObjectRef::Object(o.clone()),
                // Group software announces the activity about the object.
                Announced::Activity(inner) => match inner.as_ref() {
                    Incoming::Create(c) | Incoming::Update(c) => c.object.clone(),
                    other => {
                        return Ok(Received::Ignored(format!(
                            "an Announce of a {} is not gathered",
                            other.kind()
                        )))
                    }
                },
            },
        };
        let object = match self.object_from(&sender.host, &reference).await {
            Ok(o) => o,
            Err(e) => return Ok(Received::Ignored(e.to_string())),
        };
        match self.gather(&object, &sender.uri, Some(&sender.uri)).await? {
            Ok(_) => Ok(Received::Stored),
            Err(e) => Ok(Received::Ignored(e.to_string())),
        }
    }

    /// Gathers the newest items of a followed account (its outbox's first pages)
    /// and its featured ones: Mastodon and most servers do not send old posts
    /// to a new follower. Every entry's object is checked as if it had been
    /// delivered: its own server vouches for it, and its author lives there.
    pub async fn catch_up(&self, remote: &RemoteActor, limit: usize) -> CatchUp {
        let mut result = CatchUp::default();
        let actor: Option<civicpub_protocol::actor::Actor> =
            serde_json::from_str(&remote.document).ok();
        let mut found: Vec<Entry> = Vec::new();
        let collections = [
            (
                actor.as_ref().and_then(|a| a.featured.clone()),
                CATCH_UP_FEATURED,
            ),
            (actor.as_ref().and_then(|a| a.outbox.clone()), limit),
        ];
        for (url, max) in collections {
            let Some(url) = url else { continue };
            match self.collection(remote, &url, max).await {
                Ok(mut e) => found.append(&mut e),
                Err(e) => {
                    tracing::info!(%url, error = %e.detail(), "catch-up: collection unavailable");
                    result.unreadable.push(format!("{url}: {e}"));
                }
            }
        }
        // Oldest first, so that items published in the same second keep their
        // order in the views (which break ties by arrival).
        found.reverse();
        let mut gathered_ids = std::collections::HashSet::new();
        for entry in found {
            let (object, boost) = match self.entry_object(remote, &entry).await {
                Ok(Some(o)) => o,
                Ok(None) => continue,
                Err(e) => {
                    tracing::info!(entry = %entry_id(&entry), error = %e, "catch-up: entry skipped");
                    result.skipped += 1;
                    continue;
                }
            };
            if !gathered_ids.insert(object.id.clone()) {
                continue;
            }
            let by = boost.then_some(remote.uri.as_str());
            match self.gather(&object, &remote.uri, by).await {
                Ok(Ok(_)) => result.gathered += 1,
                Ok(Err(e)) => {
                    tracing::info!(object = %object.id, reason = %e, "catch-up: not gathered");
                    result.skipped += 1;
                }
                Err(e) => {
                    tracing::warn!(error = %e.detail(), "catch-up: cannot store");
                    result.skipped += 1;
                }
            }
        }
        tracing::info!(
            account = %remote.uri,
            gathered = result.gathered,
            skipped = result.skipped,
            "caught up"
        );
        result
    }

    /// Up to `max` entries of a collection on the account's own server, following
    /// `first` and `next` pages.
    async fn collection(&self, remote: &RemoteActor, url: &Url, max: usize) -> Result<Vec<Entry>> {
        let get = |u: &Url| {
            let u = u.clone();
            async move {
                if authority(&u) != remote.host {
                    return Err(ServiceError::Unauthorized(format!(
                        "{u} is not on the account's server"
                    )));
                }
                self.http
                    .get_json(&u, &self.instance)
                    .await
                    .map_err(|e| ServiceError::Unavailable(format!("{u}: {e}")))
            }
        };
        let read = |v: Value| -> Result<CollectionPage<Entry>> {
            serde_json::from_value(v).map_err(|e| ServiceError::BadRequest(e.to_string()))
        };
        let collection: Collection<Entry> = serde_json::from_value(get(url).await?)
            .map_err(|e| ServiceError::BadRequest(format!("{url}: {e}")))?;
        let mut page = if !collection.entries().is_empty() {
            CollectionPage::ordered(
                collection.id.clone(),
                collection.id.clone(),
                collection.entries().to_vec(),
                None,
            )
        } else {
            match collection.first {
                Some(ObjectRef::Id(u)) => read(get(&u).await?)?,
                Some(ObjectRef::Object(first)) if first.entries().is_empty() => match &first.next {
                    Some(next) => read(get(next.url()).await?)?,
                    None => return Ok(Vec::new()),
                },
                Some(ObjectRef::Object(first)) => *first,
                None => return Ok(Vec::new()),
            }
        };
        let mut out = Vec::new();
        for _ in 0..CATCH_UP_PAGES {
            out.extend(page.entries().iter().cloned());
            if out.len() >= max {
                break;
            }
            match page.next.clone() {
                Some(next) => page = read(get(next.url()).await?)?,
                None => break,
            }
        }
        out.truncate(max);
        Ok(out)
    }

    /// The content object of an outbox or featured entry, and whether it came
    /// by a boost; `None` for entries that carry no content. An entry given by
    /// its id is fetched, and so is an activity's object given by its id.
    async fn entry_object(
        &self,
        remote: &RemoteActor,
        entry: &Entry,
    ) -> Result<Option<(Object, bool)>> {
        let document = match entry {
            ObjectRef::Object(v) => v.as_ref().clone(),
            ObjectRef::Id(id) => self.fetch_document(id).await?,
        };
        let is_activity = document
            .get("type")
            .and_then(Value::as_str)
            .and_then(ActivityType::parse)
            .is_some();
        let (reference, boost) = if is_activity {
            let activity =
                Incoming::decode(&document).map_err(|e| ServiceError::BadRequest(e.to_string()))?;
            match activity {
                Incoming::Create(a) | Incoming::Update(a) => (a.object, false),
                Incoming::Announce(a) => {
                    let reference = match a.object {
                        ObjectRef::Id(id) => ObjectRef::Id(id),
                        ObjectRef::Object(shared) => match *shared {
                            Announced::Object(o) => ObjectRef::Object(o),
                            Announced::Activity(_) => return Ok(None),
                        },
                    };
                    (reference, true)
                }
                _ => return Ok(None),
            }
        } else {
            let object: Object = serde_json::from_value(document)
                .map_err(|e| ServiceError::BadRequest(e.to_string()))?;
            (ObjectRef::Object(Box::new(object)), false)
        };
        let object = self.object_from(&remote.host, &reference).await?;
        if kind_of(&object).is_none() {
            return Ok(None);
        }
        let boost = boost || authority(&object.id) != remote.host;
        Ok(Some((object, boost)))
    }

    /// Republishes a gathered item to `local`'s followers (`Announce`).
    pub async fn republish(&self, local: &LocalActor, item: &NetworkItem) -> Result<Url> {
        if item.local_item_id.is_some() {
            return Err(ServiceError::BadRequest(
                "this is the node's own item; it reaches followers already".into(),
            ));
        }
        let me = self.actor_url(local);
        let object = Url::parse(&item.uri).map_err(ServiceError::internal)?;
        let announce = Activity::new(
            ActivityType::Announce,
            mint_id(&me, ActivityType::Announce),
            me.clone(),
            IdRef(object),
        )
        .with_context(Value::String(ACTIVITY_STREAMS.into()))
        .published(Timestamp::now().to_rfc3339())
        .addressed(
            vec![PUBLIC.into()],
            vec![format!("{me}/followers"), item.actor_uri.clone()],
        );
        self.record(local, &announce, &item.uri, &Audience::Followers, None)
            .await?;
        self.store
            .set_republished(local.id, &item.uri, Some(announce.id.as_str()))
            .await?;
        Ok(announce.id)
    }

    /// Takes a republished item back (`Undo(Announce)`).
    pub async fn unrepublish(&self, local: &LocalActor, item: &NetworkItem) -> Result<()> {
        let uri = item.uri.as_str();
        let announce_id = self
            .store
            .set_republished(local.id, uri, None)
            .await?
            .ok_or_else(|| {
                ServiceError::NotFound(format!("{} has not republished {uri}", local.username))
            })?;
        let me = self.actor_url(local);
        let announce = Activity::new(
            ActivityType::Announce,
            Url::parse(&announce_id).map_err(ServiceError::internal)?,
            me.clone(),
            IdRef(Url::parse(uri).map_err(ServiceError::internal)?),
        );
        let undo = Activity::new(
            ActivityType::Undo,
            mint_id(&me, ActivityType::Undo),
            me.clone(),
            announce,
        )
        .with_context(Value::String(ACTIVITY_STREAMS.into()))
        .addressed(vec![PUBLIC.into()], vec![format!("{me}/followers")]);
        self.record(local, &undo, uri, &Audience::Followers, None)
            .await
    }

    /// A gathered item by its number in the views or its ActivityPub id.
    pub async fn network_item(&self, item: &str) -> Result<NetworkItem> {
        let found = match item.parse::<i64>() {
            Ok(id) => self.store.network_item(id).await?,
            Err(_) => self.store.network_item_by_uri(item).await?,
        };
        found.ok_or_else(|| ServiceError::NotFound(format!("no network item '{item}'")))
    }
}

fn entry_id(entry: &Entry) -> String {
    match entry {
        ObjectRef::Id(id) => id.to_string(),
        ObjectRef::Object(v) => civicpub_protocol::activity::reference(v)
            .map(|u| u.to_string())
            .unwrap_or_else(|| "(an entry without id)".into()),
    }
}
