//! Drafts: items not yet public, kept apart from `items` so that nothing
//! public can show them. A draft with `publish_at` is scheduled; it is
//! published by [`Store::insert_item_from_draft`], which deletes it in the
//! transaction that writes the item (two processes cannot both publish it).

use crate::{Store, StoreError};
use civicpub_domain::{ItemKind, Timestamp};
use sqlx::Row;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedDraft {
    pub id: i64,
    pub actor_id: i64,
    pub kind: ItemKind,
    pub title: String,
    /// The service's item input, as JSON.
    pub input: String,
    pub publish_at: Option<Timestamp>,
    /// Why the last attempt to publish it on schedule failed.
    pub last_error: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

const COLUMNS: &str =
    "id, actor_id, kind, title, input, publish_at, last_error, created_at, updated_at";

fn saved(row: &sqlx::any::AnyRow) -> Result<SavedDraft, StoreError> {
    let kind: String = row.try_get("kind")?;
    Ok(SavedDraft {
        id: row.try_get("id")?,
        actor_id: row.try_get("actor_id")?,
        kind: ItemKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("draft kind '{kind}'")))?,
        title: row.try_get("title")?,
        input: row.try_get("input")?,
        publish_at: row.try_get::<Option<i64>, _>("publish_at")?.map(Timestamp),
        last_error: row.try_get("last_error")?,
        created_at: Timestamp(row.try_get("created_at")?),
        updated_at: Timestamp(row.try_get("updated_at")?),
    })
}

impl Store {
    /// Saves a new draft (`id` `None`) or replaces one; returns its id.
    pub async fn save_draft(
        &self,
        id: Option<i64>,
        actor_id: i64,
        kind: ItemKind,
        title: &str,
        input: &str,
        publish_at: Option<Timestamp>,
    ) -> Result<i64, StoreError> {
        let now = Timestamp::now().millis();
        match id {
            None => Ok(sqlx::query(
                "INSERT INTO drafts (actor_id, kind, title, input, publish_at, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
            )
            .bind(actor_id)
            .bind(kind.as_str())
            .bind(title)
            .bind(input)
            .bind(publish_at.map(|t| t.millis()))
            .bind(now)
            .fetch_one(&self.pool)
            .await?
            .get(0)),
            Some(id) => {
                let done = sqlx::query(
                    "UPDATE drafts SET actor_id = $1, title = $2, input = $3, publish_at = $4, \
                     last_error = NULL, updated_at = $5 WHERE id = $6 AND kind = $7",
                )
                .bind(actor_id)
                .bind(title)
                .bind(input)
                .bind(publish_at.map(|t| t.millis()))
                .bind(now)
                .bind(id)
                .bind(kind.as_str())
                .execute(&self.pool)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound(format!("draft {id}")));
                }
                Ok(id)
            }
        }
    }

    pub async fn saved_draft(&self, id: i64) -> Result<Option<SavedDraft>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM drafts WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(saved).transpose()
    }

    /// Every draft, scheduled ones first (soonest first), then the latest changed.
    pub async fn saved_drafts(&self) -> Result<Vec<SavedDraft>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM drafts \
             ORDER BY CASE WHEN publish_at IS NULL THEN 1 ELSE 0 END, publish_at, updated_at DESC"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(saved).collect()
    }

    /// Ids of scheduled drafts due by `now`.
    pub async fn due_drafts(&self, now: Timestamp) -> Result<Vec<i64>, StoreError> {
        let rows = sqlx::query(
            "SELECT id FROM drafts WHERE publish_at IS NOT NULL AND publish_at <= $1 \
             ORDER BY publish_at LIMIT 50",
        )
        .bind(now.millis())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| r.get::<i64, _>(0)).collect())
    }

    pub async fn delete_draft(&self, id: i64) -> Result<(), StoreError> {
        let done = sqlx::query("DELETE FROM drafts WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("draft {id}")));
        }
        Ok(())
    }

    /// A scheduled draft that could not be published: kept, unscheduled, with why.
    pub async fn draft_failed(&self, id: i64, error: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE drafts SET publish_at = NULL, last_error = $1 WHERE id = $2")
            .bind(error)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
