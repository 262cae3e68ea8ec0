//! Activities received and verified: the replay guard, and what `civicpub
//! received` lists.

use crate::{Store, StoreError};
use civicpub_domain::Timestamp;
use sqlx::Row;

/// A received activity as the node remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedActivity {
    pub activity_id: String,
    pub actor_uri: String,
    pub kind: String,
    pub object_id: Option<String>,
    pub body: String,
}

impl Store {
    /// Forgets a received activity that could not be processed, so that the
    /// sender's retry is taken in.
    pub async fn forget_inbox_activity(&self, activity_id: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM inbox_activities WHERE activity_id = $1")
            .bind(activity_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Stores a verified activity; `false` when its id was seen before (a replay).
    pub async fn insert_inbox_activity(&self, a: &ReceivedActivity) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO inbox_activities (activity_id, actor_uri, kind, object_id, body, received_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (activity_id) DO NOTHING",
        )
        .bind(&a.activity_id)
        .bind(&a.actor_uri)
        .bind(&a.kind)
        .bind(a.object_id.as_deref())
        .bind(&a.body)
        .bind(Timestamp::now().millis())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Keeps only what the replay guard needs of an activity that was not
    /// taken in (its id, kind and time): its body goes.
    pub async fn forget_body(&self, activity_id: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE inbox_activities SET body = '' WHERE activity_id = $1")
            .bind(activity_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Forgets received activities no longer needed: those not taken in,
    /// received before `ignored_before` (long past any signature's window), and
    /// content activities received before `content_before` (their content is in
    /// the network views). Follows, likes and boosts stay, for an `Undo` that
    /// names them by id. Returns how many went.
    pub async fn prune_received(
        &self,
        ignored_before: Timestamp,
        content_before: Timestamp,
    ) -> Result<u64, StoreError> {
        let ignored =
            sqlx::query("DELETE FROM inbox_activities WHERE received_at < $1 AND body = ''")
                .bind(ignored_before.millis())
                .execute(&self.pool)
                .await?;
        let content = sqlx::query(
            "DELETE FROM inbox_activities WHERE received_at < $1 \
             AND kind IN ('Create', 'Update', 'Delete')",
        )
        .bind(content_before.millis())
        .execute(&self.pool)
        .await?;
        Ok(ignored.rows_affected() + content.rows_affected())
    }

    /// A received activity by its id (what an `Undo` that names only an id takes back).
    pub async fn inbox_activity(
        &self,
        activity_id: &str,
    ) -> Result<Option<ReceivedActivity>, StoreError> {
        let row = sqlx::query(
            "SELECT activity_id, actor_uri, kind, object_id, body FROM inbox_activities WHERE activity_id = $1",
        )
        .bind(activity_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| ReceivedActivity {
            activity_id: r.get(0),
            actor_uri: r.get(1),
            kind: r.get(2),
            object_id: r.get(3),
            body: r.get(4),
        }))
    }

    /// (activity id, kind, body) of received activities, oldest first.
    pub async fn inbox_activities(
        &self,
        limit: i64,
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT activity_id, kind, body FROM inbox_activities ORDER BY id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect())
    }
}
