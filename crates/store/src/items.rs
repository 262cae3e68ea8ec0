use crate::{flag, Store, StoreError};
use civicpub_domain::{Draft, Item, ItemDetails, ItemKind, Revision, Timestamp};
use sqlx::{any::AnyRow, Row};

/// An activity to record with the change that caused it, in the same transaction:
/// nothing is published that is not stored, and nothing stored goes unpublished.
#[derive(Debug, Clone)]
pub struct NewActivity {
    pub activity_id: String,
    pub kind: String,
    pub object_id: String,
    pub body: String,
}

/// What a change to an item writes beside it, in the same transaction: the
/// activity that tells followers, and the item's copy in the network views
/// (`None`: the views show it no more). A process that dies right after the
/// commit leaves nothing half done.
#[derive(Debug, Clone)]
pub struct ItemChange {
    pub activity: NewActivity,
    pub mirror: Option<civicpub_domain::NetworkItem>,
}

/// Writes `change` within `tx` for local item `item_id`.
async fn write_change(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    actor_id: i64,
    item_id: i64,
    change: &ItemChange,
    at: Timestamp,
) -> Result<(), StoreError> {
    insert_activity(tx, actor_id, &change.activity, at, &Audience::Followers).await?;
    match &change.mirror {
        Some(mirror) => {
            crate::network::upsert_in(tx, mirror, &[]).await?;
        }
        None => {
            sqlx::query("DELETE FROM network_items WHERE local_item_id = $1")
                .bind(item_id)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// Where a listing starts: items older than this (`published_at`, `id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub published_at: i64,
    pub id: i64,
}

impl Cursor {
    /// Where the page after a gathered item starts.
    pub fn after(item: &civicpub_domain::NetworkItem) -> Cursor {
        Cursor {
            published_at: item.published_at.millis(),
            id: item.id,
        }
    }

    /// Reads the `before=` value of a page link: `published_at.id`.
    pub fn parse(s: &str) -> Option<Cursor> {
        let (at, id) = s.split_once('.')?;
        Some(Cursor {
            published_at: at.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

/// The `before=` value of a page link, as [`Cursor::parse`] reads it.
impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.published_at, self.id)
    }
}

const ITEM_COLUMNS: &str =
    "id, actor_id, kind, content, pinned, published_at, updated_at, deleted_at";

fn event_times(draft: &Draft) -> (Option<i64>, Option<i64>) {
    match &draft.details {
        ItemDetails::Event(e) => (
            e.starts_utc().map(|t| t.timestamp_millis()),
            e.ends_utc().map(|t| t.timestamp_millis()),
        ),
        _ => (None, None),
    }
}

fn to_json(draft: &Draft) -> Result<String, StoreError> {
    serde_json::to_string(draft).map_err(|e| StoreError::Corrupt(e.to_string()))
}

impl Store {
    /// Stores a new item and the activity announcing it, atomically.
    pub async fn insert_item(
        &self,
        actor_id: i64,
        draft: &Draft,
        change: impl FnOnce(&Item) -> ItemChange,
    ) -> Result<Item, StoreError> {
        self.insert_item_consuming(actor_id, draft, None, change)
            .await
    }

    /// Publishes saved draft `draft_id` as an item: the draft row is deleted in
    /// the same transaction, and when it is already gone (another process
    /// published it) nothing is written and the answer is `NotFound`.
    pub async fn insert_item_from_draft(
        &self,
        draft_id: i64,
        actor_id: i64,
        draft: &Draft,
        change: impl FnOnce(&Item) -> ItemChange,
    ) -> Result<Item, StoreError> {
        self.insert_item_consuming(actor_id, draft, Some(draft_id), change)
            .await
    }

    async fn insert_item_consuming(
        &self,
        actor_id: i64,
        draft: &Draft,
        saved_draft: Option<i64>,
        change: impl FnOnce(&Item) -> ItemChange,
    ) -> Result<Item, StoreError> {
        let now = Timestamp::now();
        let (starts, ends) = event_times(draft);
        let kind = draft.details.kind();
        let mut tx = self.begin_write().await?;
        if let Some(draft_id) = saved_draft {
            let gone = sqlx::query("DELETE FROM drafts WHERE id = $1")
                .bind(draft_id)
                .execute(&mut *tx)
                .await?;
            if gone.rows_affected() == 0 {
                return Err(StoreError::NotFound(format!("draft {draft_id}")));
            }
        }
        let id: i64 = sqlx::query(
            "INSERT INTO items (actor_id, kind, content, starts_at, ends_at, published_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(actor_id)
        .bind(kind.as_str())
        .bind(to_json(draft)?)
        .bind(starts)
        .bind(ends)
        .bind(now.millis())
        .fetch_one(&mut *tx)
        .await?
        .get(0);
        if kind == ItemKind::Document {
            insert_revision(&mut tx, id, 1, draft, now).await?;
        }
        let item = Item {
            id,
            actor_id,
            kind,
            draft: Some(draft.clone()),
            pinned: false,
            published_at: now,
            updated_at: now,
            deleted_at: None,
        };
        write_change(&mut tx, actor_id, id, &change(&item), now).await?;
        tx.commit().await?;
        Ok(item)
    }

    /// Replaces an item's content. A document whose version label changes gets a
    /// new revision; otherwise its latest revision is corrected in place.
    pub async fn update_item(
        &self,
        id: i64,
        draft: &Draft,
        change: impl FnOnce(&Item) -> ItemChange,
    ) -> Result<Item, StoreError> {
        let mut tx = self.begin_write().await?;
        let mut item = live_item(&mut tx, id).await?;
        if item.kind != draft.details.kind() {
            return Err(StoreError::Conflict(format!(
                "item {id} is a {} and cannot become a {}",
                item.kind.as_str(),
                draft.details.kind().as_str()
            )));
        }
        // Never move backwards: Mastodon applies an Update only when it is newer.
        let now = Timestamp::now().max(Timestamp(item.updated_at.millis() + 1));
        let (starts, ends) = event_times(draft);
        sqlx::query(
            "UPDATE items SET content = $1, starts_at = $2, ends_at = $3, updated_at = $4 WHERE id = $5",
        )
        .bind(to_json(draft)?)
        .bind(starts)
        .bind(ends)
        .bind(now.millis())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if let ItemDetails::Document(new) = &draft.details {
            let last = sqlx::query(
                "SELECT number, content FROM document_revisions WHERE item_id = $1 ORDER BY number DESC LIMIT 1",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            let number: i64 = last.get(0);
            let previous: Draft = from_json(&last.get::<String, _>(1))?;
            let same_version =
                matches!(&previous.details, ItemDetails::Document(d) if d.version == new.version);
            if same_version {
                sqlx::query(
                    "UPDATE document_revisions SET content = $1 WHERE item_id = $2 AND number = $3",
                )
                .bind(to_json(draft)?)
                .bind(id)
                .bind(number)
                .execute(&mut *tx)
                .await?;
            } else {
                insert_revision(&mut tx, id, number + 1, draft, now).await?;
            }
        }
        item.draft = Some(draft.clone());
        item.updated_at = now;
        write_change(&mut tx, item.actor_id, id, &change(&item), now).await?;
        tx.commit().await?;
        Ok(item)
    }

    /// Deletes an item's content for good; its id stays taken and answers 410.
    pub async fn delete_item(
        &self,
        id: i64,
        change: impl FnOnce(&Item) -> ItemChange,
    ) -> Result<Item, StoreError> {
        let mut tx = self.begin_write().await?;
        let mut item = live_item(&mut tx, id).await?;
        let now = Timestamp::now();
        sqlx::query(
            "UPDATE items SET content = NULL, pinned = $1, deleted_at = $2, updated_at = $2 WHERE id = $3",
        )
        .bind(false)
        .bind(now.millis())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM document_revisions WHERE item_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        item.draft = None;
        item.pinned = false;
        item.deleted_at = Some(now);
        item.updated_at = now;
        write_change(&mut tx, item.actor_id, id, &change(&item), now).await?;
        tx.commit().await?;
        Ok(item)
    }

    /// An item by id, deleted or not.
    pub async fn item(&self, id: i64) -> Result<Option<Item>, StoreError> {
        let row = sqlx::query(&format!("SELECT {ITEM_COLUMNS} FROM items WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(item_from_row).transpose()
    }

    /// Live items, newest first, optionally of one kind and one actor, older than `before`.
    pub async fn items(
        &self,
        kind: Option<ItemKind>,
        actor_id: Option<i64>,
        before: Option<Cursor>,
        limit: i64,
    ) -> Result<Vec<Item>, StoreError> {
        let (before_at, before_id) =
            before.map_or((i64::MAX, i64::MAX), |c| (c.published_at, c.id));
        // Only the filters given, so that the database walks the index of the
        // kind or the actor (`$1 = '' OR kind = $1` made SQLite read and sort
        // every item). Both values are the node's own: a kind's fixed name and
        // an integer.
        let mut filters = String::new();
        if let Some(kind) = kind {
            filters.push_str(&format!(" AND kind = '{}'", kind.as_str()));
        }
        if let Some(actor_id) = actor_id {
            filters.push_str(&format!(" AND actor_id = {actor_id}"));
        }
        let rows = sqlx::query(&format!(
            "SELECT {ITEM_COLUMNS} FROM items WHERE deleted_at IS NULL{filters} \
             AND published_at <= $1 AND (published_at < $1 OR id < $2) \
             ORDER BY published_at DESC, id DESC LIMIT $3"
        ))
        .bind(before_at)
        .bind(before_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(item_from_row).collect()
    }

    /// Live events that end at or after `from` (upcoming, soonest first) or that
    /// ended before it (past, latest first).
    pub async fn events(
        &self,
        from: Timestamp,
        upcoming: bool,
        limit: i64,
    ) -> Result<Vec<Item>, StoreError> {
        let sql = if upcoming {
            format!("SELECT {ITEM_COLUMNS} FROM items WHERE kind = 'event' AND deleted_at IS NULL AND ends_at >= $1 ORDER BY starts_at ASC, id ASC LIMIT $2")
        } else {
            format!("SELECT {ITEM_COLUMNS} FROM items WHERE kind = 'event' AND deleted_at IS NULL AND ends_at < $1 ORDER BY starts_at DESC, id DESC LIMIT $2")
        };
        let rows = sqlx::query(&sql)
            .bind(from.millis())
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(item_from_row).collect()
    }

    /// How many live items an actor (or the whole node) has published.
    pub async fn count_items(&self, actor_id: Option<i64>) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query(
            "SELECT COUNT(*) FROM items WHERE deleted_at IS NULL AND ($1 < 0 OR actor_id = $1)",
        )
        .bind(actor_id.unwrap_or(-1))
        .fetch_one(&self.pool)
        .await?
        .get(0);
        Ok(n as u64)
    }

    pub async fn pinned_items(&self, actor_id: i64) -> Result<Vec<Item>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {ITEM_COLUMNS} FROM items WHERE actor_id = $1 AND pinned = $2 AND deleted_at IS NULL \
             ORDER BY published_at DESC, id DESC"
        ))
        .bind(actor_id)
        .bind(true)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(item_from_row).collect()
    }

    pub async fn set_pinned(&self, id: i64, pinned: bool) -> Result<(), StoreError> {
        let done = sqlx::query("UPDATE items SET pinned = $1 WHERE id = $2 AND deleted_at IS NULL")
            .bind(pinned)
            .bind(id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("item {id}")));
        }
        Ok(())
    }

    /// A document's revisions, oldest first.
    pub async fn revisions(&self, item_id: i64) -> Result<Vec<Revision>, StoreError> {
        let rows = sqlx::query(
            "SELECT item_id, number, content, created_at FROM document_revisions WHERE item_id = $1 ORDER BY number",
        )
        .bind(item_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(revision_from_row).collect()
    }

    /// Activities an actor published, newest first (the outbox log).
    pub async fn activities(
        &self,
        actor_id: i64,
        limit: i64,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT activity_id, body FROM activities WHERE actor_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(actor_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }
}

/// A live (not deleted) item, read inside a transaction; NotFound otherwise.
async fn live_item(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64) -> Result<Item, StoreError> {
    let row = sqlx::query(&format!("SELECT {ITEM_COLUMNS} FROM items WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    match row.as_ref().map(item_from_row).transpose()? {
        Some(item) if item.deleted_at.is_none() => Ok(item),
        _ => Err(StoreError::NotFound(format!("item {id}"))),
    }
}

async fn insert_revision(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    item_id: i64,
    number: i64,
    draft: &Draft,
    at: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO document_revisions (item_id, number, content, created_at) VALUES ($1, $2, $3, $4)")
        .bind(item_id)
        .bind(number)
        .bind(to_json(draft)?)
        .bind(at.millis())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Where an activity goes.
#[derive(Debug, Clone)]
pub enum Audience {
    /// Every accepted follower of the actor, one delivery per distinct inbox.
    Followers,
    /// One inbox (an Accept, a Follow).
    Inbox { inbox: String, host: String },
}

/// Records an activity and queues its deliveries, in the caller's transaction:
/// delivery can start only once the change is committed, and nothing committed
/// is left undelivered.
pub(crate) async fn insert_activity(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    actor_id: i64,
    a: &NewActivity,
    at: Timestamp,
    audience: &Audience,
) -> Result<i64, StoreError> {
    let id: i64 = sqlx::query(
        "INSERT INTO activities (activity_id, actor_id, kind, object_id, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(&a.activity_id)
    .bind(actor_id)
    .bind(&a.kind)
    .bind(&a.object_id)
    .bind(&a.body)
    .bind(at.millis())
    .fetch_one(&mut **tx)
    .await
    .map_err(StoreError::on_unique(format!(
        "the activity {}",
        a.activity_id
    )))?
    .get(0);
    // Every follower's inbox gets a row (in bounded batches): the federation policy is applied when a
    // delivery is about to be sent (a domain blocked later gets nothing either).
    match audience {
        // The first batch now, the rest by the workers (`fanouts`).
        Audience::Followers => crate::fanouts::start_fanout(tx, id, actor_id, at).await?,
        Audience::Inbox { inbox, host } => {
            sqlx::query(
                "INSERT INTO deliveries (activity_id, inbox, host, state, next_attempt_at, created_at, updated_at) \
                 VALUES ($1, $2, $3, 'pending', $4, $4, $4)",
            )
            .bind(id)
            .bind(inbox)
            .bind(host)
            .bind(at.millis())
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(id)
}

impl Store {
    /// Records an activity that is not about an item (Accept, Reject, Follow,
    /// Undo, Announce), queues its delivery, and applies `change` to the follow
    /// tables in the same transaction.
    pub async fn record_activity(
        &self,
        actor_id: i64,
        activity: &NewActivity,
        audience: &Audience,
        change: Option<&crate::FollowChange>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        if let Some(change) = change {
            change.apply(&mut tx).await?;
        }
        insert_activity(&mut tx, actor_id, activity, Timestamp::now(), audience).await?;
        tx.commit().await?;
        Ok(())
    }
}

fn from_json(s: &str) -> Result<Draft, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt(format!("item content: {e}")))
}

fn item_from_row(r: &AnyRow) -> Result<Item, StoreError> {
    let kind: String = r.get("kind");
    let content: Option<String> = r.get("content");
    Ok(Item {
        id: r.get("id"),
        actor_id: r.get("actor_id"),
        kind: ItemKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("item kind {kind}")))?,
        draft: content.as_deref().map(from_json).transpose()?,
        pinned: flag(r, "pinned")?,
        published_at: Timestamp(r.get("published_at")),
        updated_at: Timestamp(r.get("updated_at")),
        deleted_at: r.get::<Option<i64>, _>("deleted_at").map(Timestamp),
    })
}

fn revision_from_row(r: &AnyRow) -> Result<Revision, StoreError> {
    Ok(Revision {
        item_id: r.get("item_id"),
        number: r.get("number"),
        created_at: Timestamp(r.get("created_at")),
        draft: from_json(&r.get::<String, _>("content"))?,
    })
}

#[cfg(test)]
mod cursor_tests {
    use super::Cursor;

    #[test]
    fn a_page_cursor_reads_back_what_it_writes() {
        let c = Cursor {
            published_at: 1_700_000_000_123,
            id: 42,
        };
        assert_eq!(c.to_string(), "1700000000123.42");
        assert_eq!(Cursor::parse(&c.to_string()), Some(c));
        for bad in ["", "1", "1.", ".2", "a.b", "1-2"] {
            assert_eq!(Cursor::parse(bad), None, "{bad}");
        }
    }
}
