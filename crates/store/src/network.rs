//! The network views' storage: items gathered from followed accounts and the
//! node's own, their full-text index, deletions, republished items, the
//! directory of cities, and the remote-media cache.

use crate::search::item_languages;
use crate::{Store, StoreError};
use civicpub_domain::{NetworkAttachment, NetworkItem, NetworkKind, NetworkText, Timestamp};
use serde::{Deserialize, Serialize};
use sqlx::{any::AnyRow, Row};

/// What became of an item offered to the network views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    /// Taken in, new or newer than the copy held.
    Stored(i64),
    /// The stored copy is as new or newer: nothing changed.
    Stale(i64),
    /// Its author deleted it before: it is not taken in again.
    Deleted,
}

/// A followed or following account, for the directory of cities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct City {
    pub uri: String,
    pub host: String,
    pub username: String,
    /// The actor document as last fetched (name, summary, icon).
    pub document: String,
    /// Some(accepted) when a local actor follows it.
    pub following: Option<bool>,
    /// Whether it follows a local actor.
    pub follower: bool,
    pub items: i64,
    pub last_published: Option<Timestamp>,
    /// Delivery health of its host.
    pub failures: i64,
    pub paused_until: Option<Timestamp>,
    pub pending_deliveries: i64,
    pub failed_deliveries: i64,
    pub last_error: Option<String>,
}

pub(crate) const COLUMNS: &str = "n.id, n.data";

/// A network item as the `data` column keeps it. Its own type, apart from the
/// domain's [`NetworkItem`] and from what the API shows, so that either can
/// change without rewriting stored rows (the field names are those rows have).
#[derive(Serialize, Deserialize)]
struct StoredItem {
    uri: String,
    url: String,
    actor_uri: String,
    host: String,
    kind: NetworkKind,
    object_type: String,
    texts: Vec<StoredText>,
    tags: Vec<String>,
    starts_at: Option<i64>,
    ends_at: Option<i64>,
    timezone: Option<String>,
    place: Option<String>,
    image: Option<StoredAttachment>,
    attachments: Vec<StoredAttachment>,
    published_at: i64,
    updated_at: i64,
    announced_by: Option<String>,
    local_item_id: Option<i64>,
}

#[derive(Serialize, Deserialize)]
struct StoredText {
    lang: String,
    title: String,
    summary_html: String,
    content_html: String,
}

#[derive(Serialize, Deserialize)]
struct StoredAttachment {
    url: String,
    media_type: Option<String>,
    name: Option<String>,
}

impl From<&NetworkAttachment> for StoredAttachment {
    fn from(a: &NetworkAttachment) -> Self {
        StoredAttachment {
            url: a.url.clone(),
            media_type: a.media_type.clone(),
            name: a.name.clone(),
        }
    }
}

impl From<StoredAttachment> for NetworkAttachment {
    fn from(a: StoredAttachment) -> Self {
        NetworkAttachment {
            url: a.url,
            media_type: a.media_type,
            name: a.name,
        }
    }
}

impl From<&NetworkItem> for StoredItem {
    fn from(i: &NetworkItem) -> Self {
        StoredItem {
            uri: i.uri.clone(),
            url: i.url.clone(),
            actor_uri: i.actor_uri.clone(),
            host: i.host.clone(),
            kind: i.kind,
            object_type: i.object_type.clone(),
            texts: i
                .texts
                .iter()
                .map(|t| StoredText {
                    lang: t.lang.clone(),
                    title: t.title.clone(),
                    summary_html: t.summary_html.clone(),
                    content_html: t.content_html.clone(),
                })
                .collect(),
            tags: i.tags.clone(),
            starts_at: i.starts_at.map(Timestamp::millis),
            ends_at: i.ends_at.map(Timestamp::millis),
            timezone: i.timezone.clone(),
            place: i.place.clone(),
            image: i.image.as_ref().map(StoredAttachment::from),
            attachments: i.attachments.iter().map(StoredAttachment::from).collect(),
            published_at: i.published_at.millis(),
            updated_at: i.updated_at.millis(),
            announced_by: i.announced_by.clone(),
            local_item_id: i.local_item_id,
        }
    }
}

impl StoredItem {
    fn into_item(self, id: i64) -> NetworkItem {
        NetworkItem {
            id,
            uri: self.uri,
            url: self.url,
            actor_uri: self.actor_uri,
            host: self.host,
            kind: self.kind,
            object_type: self.object_type,
            texts: self
                .texts
                .into_iter()
                .map(|t| NetworkText {
                    lang: t.lang,
                    title: t.title,
                    summary_html: t.summary_html,
                    content_html: t.content_html,
                })
                .collect(),
            tags: self.tags,
            starts_at: self.starts_at.map(Timestamp),
            ends_at: self.ends_at.map(Timestamp),
            timezone: self.timezone,
            place: self.place,
            image: self.image.map(NetworkAttachment::from),
            attachments: self
                .attachments
                .into_iter()
                .map(NetworkAttachment::from)
                .collect(),
            published_at: Timestamp(self.published_at),
            updated_at: Timestamp(self.updated_at),
            announced_by: self.announced_by,
            local_item_id: self.local_item_id,
        }
    }
}

/// The `data` column's JSON for an item (for bulk loads, such as a benchmark's).
pub fn network_item_data(item: &NetworkItem) -> Result<String, StoreError> {
    serde_json::to_string(&StoredItem::from(item)).map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub(crate) fn item_from_row(r: &AnyRow) -> Result<NetworkItem, StoreError> {
    let stored: StoredItem = serde_json::from_str(&r.get::<String, _>("data"))
        .map_err(|e| StoreError::Corrupt(format!("network item: {e}")))?;
    Ok(stored.into_item(r.get("id")))
}

impl Store {
    /// Takes an item into the network views, or updates it when this copy is newer.
    /// `images` are the remote files its pages show, registered for the proxy.
    pub async fn upsert_network_item(
        &self,
        item: &NetworkItem,
        images: &[String],
    ) -> Result<Upserted, StoreError> {
        if item.local_item_id.is_none() {
            let gone = sqlx::query("SELECT 1 FROM network_tombstones WHERE uri = $1")
                .bind(&item.uri)
                .fetch_optional(&self.pool)
                .await?;
            if gone.is_some() {
                return Ok(Upserted::Deleted);
            }
        }
        // The transaction starts with a write, so SQLite never has to upgrade a read.
        let mut tx = self.begin_write().await?;
        let upserted = upsert_in(&mut tx, item, images).await?;
        tx.commit().await?;
        Ok(upserted)
    }

    /// Removes an item from the network views. A remote one is remembered as
    /// deleted, so that a late copy is not taken in again. `host` must be the
    /// item's own host (only its server may delete it).
    pub async fn delete_network_item(&self, uri: &str, host: &str) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("DELETE FROM network_items WHERE uri = $1 AND host = $2")
            .bind(uri)
            .bind(host)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO network_tombstones (uri, deleted_at) VALUES ($1, $2) ON CONFLICT (uri) DO NOTHING",
        )
        .bind(uri)
        .bind(Timestamp::now().millis())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    /// Removes an item that `announcer` republished into the views, when it
    /// came by that boost alone.
    pub async fn withdraw_announced(&self, uri: &str, announcer: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM network_items WHERE uri = $1 AND announced_by = $2")
            .bind(uri)
            .bind(announcer)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Live local items that have no copy in the network views.
    pub async fn unmirrored_items(&self) -> Result<Vec<i64>, StoreError> {
        let rows = sqlx::query(
            "SELECT i.id FROM items i WHERE i.deleted_at IS NULL AND NOT EXISTS \
             (SELECT 1 FROM network_items n WHERE n.local_item_id = i.id) ORDER BY i.id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    pub async fn network_item(&self, id: i64) -> Result<Option<NetworkItem>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM network_items n WHERE n.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(item_from_row).transpose()
    }

    pub async fn network_item_by_uri(&self, uri: &str) -> Result<Option<NetworkItem>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM network_items n WHERE n.uri = $1"
        ))
        .bind(uri)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(item_from_row).transpose()
    }

    /// Events starting in [from, to), soonest first.
    pub async fn network_events(
        &self,
        from: Timestamp,
        to: Timestamp,
        limit: i64,
    ) -> Result<Vec<NetworkItem>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM network_items n WHERE n.kind = 'event' \
             AND n.starts_at >= $1 AND n.starts_at < $2 ORDER BY n.starts_at, n.id LIMIT $3"
        ))
        .bind(from.millis())
        .bind(to.millis())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(item_from_row).collect()
    }

    /// Whether a local actor follows `uri` (or has asked to, and was not refused).
    pub async fn is_followed(&self, uri: &str) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "SELECT 1 FROM following WHERE target_uri = $1 AND state <> 'rejected' LIMIT 1",
        )
        .bind(uri)
        .fetch_optional(&self.pool)
        .await?
        .is_some())
    }

    /// Accounts local actors follow or are followed by, with what the node knows
    /// of them: items gathered, the latest one, and the health of deliveries to
    /// their server.
    pub async fn cities(&self) -> Result<Vec<City>, StoreError> {
        let rows = sqlx::query(
            "SELECT r.uri, r.host, r.username, r.document, \
               (SELECT CAST(MAX(CASE WHEN f.state = 'accepted' THEN 1 ELSE 0 END) AS BIGINT) FROM following f WHERE f.target_uri = r.uri) AS following, \
               (SELECT COUNT(*) FROM followers f WHERE f.follower_uri = r.uri AND f.state = 'accepted') AS follower, \
               (SELECT COUNT(*) FROM network_items n WHERE n.actor_uri = r.uri) AS items, \
               (SELECT MAX(n.published_at) FROM network_items n WHERE n.actor_uri = r.uri) AS last_published, \
               COALESCE(h.failures, 0) AS failures, h.paused_until, h.last_error, \
               (SELECT COUNT(*) FROM deliveries d WHERE d.host = r.host AND d.state = 'pending') AS pending, \
               (SELECT COUNT(*) FROM deliveries d WHERE d.host = r.host AND d.state = 'failed') AS failed \
             FROM remote_actors r LEFT JOIN hosts h ON h.host = r.host \
             WHERE EXISTS (SELECT 1 FROM following f WHERE f.target_uri = r.uri) \
                OR EXISTS (SELECT 1 FROM followers f WHERE f.follower_uri = r.uri AND f.state = 'accepted') \
             ORDER BY r.host, r.username",
        )
        .fetch_all(&self.pool)
        .await?;
        let now = Timestamp::now().millis();
        Ok(rows
            .iter()
            .map(|r| City {
                uri: r.get("uri"),
                host: r.get("host"),
                username: r.get("username"),
                document: r.get("document"),
                following: r
                    .try_get::<Option<i64>, _>("following")
                    .ok()
                    .flatten()
                    .map(|f| f == 1),
                follower: r.get::<i64, _>("follower") > 0,
                items: r.get("items"),
                last_published: r
                    .try_get::<Option<i64>, _>("last_published")
                    .ok()
                    .flatten()
                    .map(Timestamp),
                failures: r.get("failures"),
                paused_until: r
                    .try_get::<Option<i64>, _>("paused_until")
                    .ok()
                    .flatten()
                    .filter(|p| *p > now)
                    .map(Timestamp),
                pending_deliveries: r.get("pending"),
                failed_deliveries: r.get("failed"),
                last_error: r.try_get::<Option<String>, _>("last_error").ok().flatten(),
            })
            .collect())
    }

    /// The accounts local actors follow or are followed by, without the
    /// counts of [`Store::cities`]: (host, username, actor document), for a
    /// page's choice of cities.
    pub async fn city_names(&self) -> Result<Vec<(String, String, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT r.host, r.username, r.document FROM remote_actors r \
             WHERE EXISTS (SELECT 1 FROM following f WHERE f.target_uri = r.uri) \
                OR EXISTS (SELECT 1 FROM followers f WHERE f.follower_uri = r.uri AND f.state = 'accepted') \
             ORDER BY r.host, r.username",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| (r.get("host"), r.get("username"), r.get("document")))
            .collect())
    }

    /// Records that a local actor republished `object_uri` with `activity_id`.
    pub async fn set_republished(
        &self,
        actor_id: i64,
        object_uri: &str,
        activity_id: Option<&str>,
    ) -> Result<Option<String>, StoreError> {
        let previous = sqlx::query(
            "SELECT activity_id FROM republished WHERE actor_id = $1 AND object_uri = $2",
        )
        .bind(actor_id)
        .bind(object_uri)
        .fetch_optional(&self.pool)
        .await?
        .map(|r| r.get::<String, _>(0));
        match activity_id {
            Some(id) => {
                sqlx::query(
                    "INSERT INTO republished (actor_id, object_uri, activity_id, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (actor_id, object_uri) DO UPDATE SET activity_id = excluded.activity_id",
                )
                .bind(actor_id)
                .bind(object_uri)
                .bind(id)
                .bind(Timestamp::now().millis())
                .execute(&self.pool)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM republished WHERE actor_id = $1 AND object_uri = $2")
                    .bind(actor_id)
                    .bind(object_uri)
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(previous)
    }

    /// The object ids an actor has republished, newest first.
    pub async fn republished(&self, actor_id: i64) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query(
            "SELECT object_uri FROM republished WHERE actor_id = $1 ORDER BY created_at DESC",
        )
        .bind(actor_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }
}

/// Takes an item into the network views within `tx`, or updates it when this
/// copy is newer: one statement inserts, or updates only when newer.
pub(crate) async fn upsert_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    item: &NetworkItem,
    images: &[String],
) -> Result<Upserted, StoreError> {
    let now = Timestamp::now().millis();
    let data = network_item_data(item)?;
    // PostgreSQL's search vector is written with the row (see store::search).
    let postgres = tx.backend_name() == "PostgreSQL";
    let (vector_column, vector_value, vector_update) = if postgres {
        (
            ", search",
            format!(", {}", crate::search::postgres_vector(9, 16)),
            ", search = excluded.search",
        )
    } else {
        ("", String::new(), "")
    };
    let sql = format!(
        "INSERT INTO network_items (uri, actor_uri, host, local_item_id, kind, language, \
         title, data, search_text, starts_at, ends_at, published_at, updated_at, \
         received_at, announced_by{vector_column}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15{vector_value}) \
         ON CONFLICT (uri) DO UPDATE SET actor_uri = excluded.actor_uri, host = excluded.host, \
         kind = excluded.kind, language = excluded.language, title = excluded.title, \
         data = excluded.data, search_text = excluded.search_text{vector_update}, \
         starts_at = excluded.starts_at, ends_at = excluded.ends_at, \
         published_at = excluded.published_at, updated_at = excluded.updated_at \
         WHERE network_items.updated_at < excluded.updated_at \
         RETURNING id"
    );
    let mut query = sqlx::query(&sql)
        .bind(&item.uri)
        .bind(&item.actor_uri)
        .bind(&item.host)
        .bind(item.local_item_id)
        .bind(item.kind.as_str())
        .bind(item.language())
        .bind(item.title())
        .bind(&data)
        .bind(crate::search::index_text(item, !postgres))
        .bind(item.starts_at.map(Timestamp::millis))
        .bind(item.ends_at.map(Timestamp::millis))
        .bind(item.published_at.millis())
        .bind(item.updated_at.millis())
        .bind(now)
        .bind(item.announced_by.as_deref());
    if postgres {
        for text in crate::stems::postgres_texts(item) {
            query = query.bind(text);
        }
    }
    let row = query.fetch_optional(&mut **tx).await?;
    let Some(row) = row else {
        let id = sqlx::query("SELECT id FROM network_items WHERE uri = $1")
            .bind(&item.uri)
            .fetch_one(&mut **tx)
            .await?
            .get(0);
        return Ok(Upserted::Stale(id));
    };
    let id: i64 = row.get(0);
    for table in ["network_item_tags", "network_item_languages"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE item_id = $1"))
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    for language in item_languages(item) {
        sqlx::query("INSERT INTO network_item_languages (language, item_id) VALUES ($1, $2)")
            .bind(language)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    for tag in &item.tags {
        sqlx::query(
            "INSERT INTO network_item_tags (tag, item_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(tag)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    }
    for url in images {
        sqlx::query(
            "INSERT INTO remote_media (url, last_used_at) VALUES ($1, $2) ON CONFLICT (url) DO NOTHING",
        )
        .bind(url)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(Upserted::Stored(id))
}
