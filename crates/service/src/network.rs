//! The network: taking in what followed accounts publish (from the inbox, and by
//! catching up on their outbox when the follow starts), republishing remote
//! items, and the media proxy that keeps citizens' browsers on this node.

use crate::federation::{id_of, Federation, InboxError, Received};
use civicpub_domain::{authority, LocalActor, MediaKind, NetworkItem, Timestamp};
use civicpub_federation::http::FetchError;
use civicpub_federation::ingest::{ingest_object, kind_of, NotIngested};
use civicpub_store::{Audience, MediaFiles, RemoteActor, StoreError, Upserted};
use serde_json::{json, Value};
use url::Url;

/// How many items a new follow gathers from the account's outbox (and, apart,
/// from its featured collection): Mastodon does not send old posts.
pub const CATCH_UP_ITEMS: usize = 50;
/// Pages of an outbox read at most while catching up.
const CATCH_UP_PAGES: usize = 10;
/// Largest remote image the proxy fetches.
pub const PROXY_MAX_BYTES: usize = 8 * 1024 * 1024;
/// A remote file that failed is not asked for again within this time.
const PROXY_RETRY_MS: i64 = 3_600_000;

/// What a catch-up gathered.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CatchUp {
    pub gathered: usize,
    pub skipped: usize,
}

/// Why the media proxy has nothing to serve.
#[derive(Debug, thiserror::Error)]
pub enum ProxyError {
    #[error("no item on this node shows {0}")]
    Unknown(String),
    #[error("the remote file could not be fetched: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn type_of(v: &Value) -> &str {
    v.get("type").and_then(Value::as_str).unwrap_or("")
}

fn entries(page: &Value) -> Vec<Value> {
    match page.get("orderedItems").or_else(|| page.get("items")) {
        Some(Value::Array(a)) => a.clone(),
        Some(v @ (Value::Object(_) | Value::String(_))) => vec![v.clone()],
        _ => Vec::new(),
    }
}

impl Federation {
    /// Takes an object into the network views: read, cleaned, stored if newer.
    pub async fn gather(
        &self,
        object: &Value,
        from: &str,
        announced_by: Option<&str>,
    ) -> Result<Result<Upserted, NotIngested>, StoreError> {
        let ingested = match ingest_object(object, from) {
            Ok(i) => i,
            Err(e) => return Ok(Err(e)),
        };
        let mut item = ingested.item;
        item.announced_by = announced_by.map(str::to_string);
        Ok(Ok(self
            .store
            .upsert_network_item(&item, &ingested.images)
            .await?))
    }

    /// Fetches an object from its own server (signed by the instance actor),
    /// checking that the server vouches for that id.
    pub async fn fetch_object(&self, id: &str) -> Result<Value, InboxError> {
        let url =
            Url::parse(id).map_err(|_| InboxError::BadRequest(format!("'{id}' is not a URL")))?;
        if !self.host_allowed(&authority(&url)).await? {
            return Err(InboxError::Forbidden(format!(
                "{} is not federated with",
                authority(&url)
            )));
        }
        let doc = self
            .http
            .get_json(&url, &self.instance)
            .await
            .map_err(|e| InboxError::NotFound(format!("cannot fetch {id}: {e}")))?;
        let same_host = id_of(&doc)
            .and_then(|d| Url::parse(d).ok())
            .is_some_and(|d| authority(&d) == authority(&url));
        if !same_host {
            return Err(InboxError::Unauthorized(format!(
                "{id} answered with an object of another host"
            )));
        }
        Ok(doc)
    }

    /// A `Create`, `Update`, `Delete` or `Announce` from a verified sender.
    pub(crate) async fn on_content(
        &self,
        sender: &RemoteActor,
        kind: &str,
        object: &Value,
    ) -> Result<Received, InboxError> {
        if kind == "Delete" {
            let uri = id_of(object).unwrap_or_default();
            // Only the object's own server may delete it.
            if authority_of(uri).as_deref() != Some(sender.host.as_str()) {
                return Ok(Received::Ignored(format!(
                    "{} cannot delete {uri}",
                    sender.host
                )));
            }
            let removed = self.store.delete_network_item(uri, &sender.host).await?;
            return Ok(if removed {
                Received::Stored
            } else {
                Received::Ignored(format!("{uri} was not gathered here"))
            });
        }
        if !self.store.is_followed(&sender.uri).await? {
            return Ok(Received::Ignored(format!(
                "nobody here follows {}",
                sender.uri
            )));
        }
        let (object, announced_by) = match kind {
            "Announce" => {
                // A boost names an object of any server: take it from there.
                let inner = if matches!(type_of(object), "Create" | "Update") {
                    object.get("object").unwrap_or(&Value::Null)
                } else {
                    object
                };
                let Some(id) = id_of(inner) else {
                    return Ok(Received::Ignored("the Announce names no object".into()));
                };
                let fetched = if authority_of(id) == Some(sender.host.clone()) && inner.is_object()
                {
                    inner.clone()
                } else {
                    match self.fetch_object(id).await {
                        Ok(o) => o,
                        Err(e) => return Ok(Received::Ignored(e.to_string())),
                    }
                };
                (fetched, Some(sender.uri.as_str()))
            }
            _ if object.is_string() => {
                let id = object.as_str().unwrap_or_default();
                match self.fetch_object(id).await {
                    Ok(o) => (o, None),
                    Err(e) => return Ok(Received::Ignored(e.to_string())),
                }
            }
            _ => (object.clone(), None),
        };
        if kind_of(&object).is_none() {
            return Ok(Received::Stored);
        }
        match self.gather(&object, &sender.uri, announced_by).await? {
            Ok(_) => Ok(Received::Stored),
            Err(e) => Ok(Received::Ignored(e.to_string())),
        }
    }

    /// Gathers the newest items of a followed account (its outbox's first pages)
    /// and its featured ones: Mastodon and most servers do not send old posts
    /// to a new follower.
    pub async fn catch_up(&self, remote: &RemoteActor, limit: usize) -> CatchUp {
        let mut result = CatchUp::default();
        let doc: Value = serde_json::from_str(&remote.document).unwrap_or_default();
        let mut found: Vec<Value> = Vec::new();
        for (collection, max) in [("featured", 20), ("outbox", limit)] {
            if let Some(url) = doc.get(collection).and_then(Value::as_str) {
                match self.collection(remote, url, max).await {
                    Ok(mut e) => found.append(&mut e),
                    Err(e) => {
                        tracing::info!(%url, error = %e, "catch-up: collection unavailable")
                    }
                }
            }
        }
        // Oldest first, so that items published in the same second keep their
        // order in the views (which break ties by arrival).
        found.reverse();
        let mut gathered_ids = std::collections::HashSet::new();
        for entry in found {
            let (object, announced) = match self.entry_object(remote, &entry).await {
                Ok(Some(o)) => o,
                Ok(None) => continue,
                Err(e) => {
                    tracing::debug!(error = %e, "catch-up: entry skipped");
                    result.skipped += 1;
                    continue;
                }
            };
            let id = id_of(&object).unwrap_or_default().to_string();
            if !gathered_ids.insert(id) {
                continue;
            }
            let by = announced.then_some(remote.uri.as_str());
            match self.gather(&object, &remote.uri, by).await {
                Ok(Ok(_)) => result.gathered += 1,
                Ok(Err(_)) => result.skipped += 1,
                Err(e) => {
                    tracing::warn!(error = %e, "catch-up: cannot store");
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
    async fn collection(
        &self,
        remote: &RemoteActor,
        url: &str,
        max: usize,
    ) -> Result<Vec<Value>, InboxError> {
        let get = |u: &str| {
            let u = u.to_string();
            async move {
                if authority_of(&u).as_deref() != Some(remote.host.as_str()) {
                    return Err(InboxError::Unauthorized(format!(
                        "{u} is not on the account's server"
                    )));
                }
                let url = Url::parse(&u).map_err(|_| InboxError::BadRequest(u.clone()))?;
                self.http
                    .get_json(&url, &self.instance)
                    .await
                    .map_err(|e: FetchError| InboxError::NotFound(format!("{u}: {e}")))
            }
        };
        let collection = get(url).await?;
        let mut page =
            if collection.get("orderedItems").is_some() || collection.get("items").is_some() {
                collection
            } else {
                match collection.get("first") {
                    Some(Value::String(u)) => get(u).await?,
                    Some(first @ Value::Object(_)) if entries(first).is_empty() => {
                        match first.get("next").and_then(Value::as_str) {
                            Some(u) => get(u).await?,
                            None => return Ok(Vec::new()),
                        }
                    }
                    Some(first @ Value::Object(_)) => first.clone(),
                    _ => return Ok(Vec::new()),
                }
            };
        let mut out = Vec::new();
        for _ in 0..CATCH_UP_PAGES {
            out.extend(entries(&page));
            if out.len() >= max {
                break;
            }
            match page.get("next").and_then(Value::as_str) {
                Some(next) => page = get(next).await?,
                None => break,
            }
        }
        out.truncate(max);
        Ok(out)
    }

    /// The content object of an outbox or featured entry, and whether it was a
    /// boost; `None` for entries that carry no content.
    async fn entry_object(
        &self,
        remote: &RemoteActor,
        entry: &Value,
    ) -> Result<Option<(Value, bool)>, InboxError> {
        let (inner, announced) = match type_of(entry) {
            "Create" | "Update" => (entry.get("object").cloned().unwrap_or_default(), false),
            "Announce" => (entry.get("object").cloned().unwrap_or_default(), true),
            "" if entry.is_string() => (entry.clone(), false),
            _ if kind_of(entry).is_some() => (entry.clone(), false),
            _ => return Ok(None),
        };
        let Some(id) = id_of(&inner).map(str::to_string) else {
            return Ok(None);
        };
        // An object embedded by its own server is taken as it is; anything else
        // is fetched from where it lives.
        let on_own_server = authority_of(&id).as_deref() == Some(remote.host.as_str());
        let object = if inner.is_object() && on_own_server && kind_of(&inner).is_some() {
            inner
        } else {
            self.fetch_object(&id).await?
        };
        Ok(Some((object, announced || !on_own_server)))
    }

    /// Republishes a gathered item to `local`'s followers (`Announce`).
    pub async fn republish(
        &self,
        local: &LocalActor,
        item: &NetworkItem,
    ) -> Result<String, InboxError> {
        let actor_url = self.base.actor_url(local.username.as_str());
        let id = format!("{actor_url}#announces/{}", Timestamp::now().millis());
        let followers = format!("{actor_url}/followers");
        let body = json!({
            "@context": civicpub_protocol::context::ACTIVITY_STREAMS,
            "id": id,
            "type": "Announce",
            "actor": actor_url,
            "published": Timestamp::now().to_rfc3339(),
            "to": [civicpub_protocol::PUBLIC],
            "cc": [followers, item.actor_uri],
            "object": item.uri,
        });
        self.record(
            local,
            &Audience::Followers,
            id.clone(),
            "Announce",
            item.uri.as_str(),
            body,
        )
        .await?;
        self.store
            .set_republished(local.id, &item.uri, Some(&id))
            .await?;
        Ok(id)
    }

    /// Takes a republished item back (`Undo(Announce)`).
    pub async fn unrepublish(&self, local: &LocalActor, uri: &str) -> Result<(), InboxError> {
        let announce_id = self
            .store
            .set_republished(local.id, uri, None)
            .await?
            .ok_or_else(|| {
                InboxError::NotFound(format!("{} has not republished {uri}", local.username))
            })?;
        let actor_url = self.base.actor_url(local.username.as_str());
        let id = format!("{actor_url}#undo/{}", Timestamp::now().millis());
        let body = json!({
            "@context": civicpub_protocol::context::ACTIVITY_STREAMS,
            "id": id,
            "type": "Undo",
            "actor": actor_url,
            "to": [civicpub_protocol::PUBLIC],
            "cc": [format!("{actor_url}/followers")],
            "object": { "id": announce_id, "type": "Announce", "actor": actor_url, "object": uri },
        });
        self.record(local, &Audience::Followers, id, "Undo", uri, body)
            .await
    }

    /// A remote image shown on this node's pages, fetched once and kept in a
    /// cache of at most `cache_bytes`. Only files some gathered item shows can
    /// be asked for: the proxy is not an open relay.
    pub async fn proxied_media(
        &self,
        files: &MediaFiles,
        url: &str,
        cache_bytes: i64,
    ) -> Result<(MediaKind, Vec<u8>), ProxyError> {
        let media = self
            .store
            .remote_media(url)
            .await?
            .ok_or_else(|| ProxyError::Unknown(url.to_string()))?;
        let path = files.remote_path(media.id);
        if media.fetched_at.is_some() {
            if let Ok(bytes) = tokio::fs::read(&path).await {
                if let Some(kind) = MediaKind::sniff(&bytes).filter(|k| k.is_image()) {
                    self.store.remote_media_used(media.id).await?;
                    return Ok((kind, bytes));
                }
            }
        }
        if media
            .failed_at
            .is_some_and(|f| Timestamp::now().millis() - f.millis() < PROXY_RETRY_MS)
        {
            return Err(ProxyError::Unavailable("it failed recently".into()));
        }
        let fetched = async {
            let parsed = Url::parse(url).map_err(|e| e.to_string())?;
            let host = authority(&parsed);
            if !self.host_allowed(&host).await.map_err(|e| e.to_string())? {
                return Err(format!("{host} is not federated with"));
            }
            let (bytes, _) = self
                .http
                .get_bytes(&parsed, PROXY_MAX_BYTES)
                .await
                .map_err(|e| e.to_string())?;
            // Served from this node's origin: only images recognised by content.
            let kind = MediaKind::sniff(&bytes)
                .filter(|k| k.is_image())
                .ok_or("it is not a PNG, JPEG, GIF or WebP image")?;
            Ok::<_, String>((kind, bytes))
        }
        .await;
        match fetched {
            Ok((kind, bytes)) => {
                if let Some(dir) = path.parent() {
                    let _ = tokio::fs::create_dir_all(dir).await;
                }
                let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
                let written = async {
                    tokio::fs::write(&tmp, &bytes).await?;
                    tokio::fs::rename(&tmp, &path).await
                }
                .await;
                if written.is_ok() {
                    self.store
                        .remote_media_fetched(
                            media.id,
                            Some((kind.media_type(), bytes.len() as i64)),
                        )
                        .await?;
                    for evicted in self.store.evict_remote_media(cache_bytes).await? {
                        let _ = tokio::fs::remove_file(files.remote_path(evicted)).await;
                    }
                }
                Ok((kind, bytes))
            }
            Err(e) => {
                self.store.remote_media_fetched(media.id, None).await?;
                Err(ProxyError::Unavailable(e))
            }
        }
    }
}

fn authority_of(id: &str) -> Option<String> {
    Url::parse(id).ok().map(|u| authority(&u))
}
