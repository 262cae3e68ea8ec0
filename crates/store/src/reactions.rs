//! Likes and boosts of the node's objects (counted, one of each per account),
//! and reports (`Flag`) from other servers.

use crate::{Store, StoreError};
use civicpub_domain::{ReactionKind, Reactions, Report, ReportState, Timestamp};
use sqlx::{any::AnyRow, Row};

/// A report as it arrives.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub activity_id: String,
    pub actor_uri: String,
    pub actor_host: String,
    pub comment: String,
    pub objects: Vec<String>,
}

fn report_from_row(r: &AnyRow) -> Result<Report, StoreError> {
    let state: String = r.get("state");
    let objects: String = r.get("objects");
    Ok(Report {
        id: r.get("id"),
        activity_id: r.get("activity_id"),
        actor_uri: r.get("actor_uri"),
        comment: r.get("comment"),
        objects: serde_json::from_str(&objects)
            .map_err(|e| StoreError::Corrupt(format!("report objects: {e}")))?,
        state: ReportState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("report state '{state}'")))?,
        received_at: Timestamp(r.get("received_at")),
    })
}

impl Store {
    /// Counts a like or a boost; `false` when the account had already done so.
    pub async fn add_reaction(
        &self,
        object_uri: &str,
        kind: ReactionKind,
        actor_uri: &str,
        actor_host: &str,
        activity_id: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO reactions (object_uri, kind, actor_uri, actor_host, activity_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        )
        .bind(object_uri)
        .bind(kind.as_str())
        .bind(actor_uri)
        .bind(actor_host)
        .bind(activity_id)
        .bind(Timestamp::now().millis())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Takes back a like or a boost of an account.
    pub async fn remove_reaction(
        &self,
        object_uri: &str,
        kind: ReactionKind,
        actor_uri: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "DELETE FROM reactions WHERE object_uri = $1 AND kind = $2 AND actor_uri = $3",
        )
        .bind(object_uri)
        .bind(kind.as_str())
        .bind(actor_uri)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Likes, boosts and approved replies of an object.
    pub async fn reactions(&self, object_uri: &str) -> Result<Reactions, StoreError> {
        let row = sqlx::query(
            "SELECT \
               (SELECT COUNT(*) FROM reactions WHERE object_uri = $1 AND kind = 'like'), \
               (SELECT COUNT(*) FROM reactions WHERE object_uri = $1 AND kind = 'share'), \
               (SELECT COUNT(*) FROM comments WHERE object_uri = $1 AND state = 'approved')",
        )
        .bind(object_uri)
        .fetch_one(&self.pool)
        .await?;
        Ok(Reactions {
            likes: row.get::<i64, _>(0) as u64,
            shares: row.get::<i64, _>(1) as u64,
            replies: row.get::<i64, _>(2) as u64,
        })
    }

    /// Stores a report; `false` when it was here already.
    pub async fn insert_report(&self, r: &NewReport) -> Result<bool, StoreError> {
        let objects = serde_json::to_string(&r.objects)
            .map_err(|e| StoreError::Corrupt(format!("report objects: {e}")))?;
        let done = sqlx::query(
            "INSERT INTO reports (activity_id, actor_uri, actor_host, comment, objects, state, received_at) \
             VALUES ($1, $2, $3, $4, $5, 'open', $6) ON CONFLICT (activity_id) DO NOTHING",
        )
        .bind(&r.activity_id)
        .bind(&r.actor_uri)
        .bind(&r.actor_host)
        .bind(&r.comment)
        .bind(objects)
        .bind(Timestamp::now().millis())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Reports in `state`, oldest first.
    pub async fn reports(&self, state: ReportState, limit: u32) -> Result<Vec<Report>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, activity_id, actor_uri, comment, objects, state, received_at FROM reports \
             WHERE state = $1 ORDER BY received_at, id LIMIT $2",
        )
        .bind(state.as_str())
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(report_from_row).collect()
    }

    pub async fn resolve_report(&self, id: i64) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE reports SET state = 'resolved' WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
