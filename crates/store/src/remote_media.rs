//! The cache of remote images the pages show through the node's proxy.

use crate::{Store, StoreError};
use civicpub_domain::Timestamp;
use sqlx::Row;

/// A remote file the pages show through the proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteMedia {
    pub id: i64,
    pub url: String,
    pub media_type: Option<String>,
    pub size: i64,
    pub fetched_at: Option<Timestamp>,
    pub failed_at: Option<Timestamp>,
}

impl Store {
    /// A remote file the pages may show; `None` for any URL no item refers to,
    /// so that the proxy cannot be used to fetch arbitrary addresses.
    pub async fn remote_media(&self, url: &str) -> Result<Option<RemoteMedia>, StoreError> {
        let row = sqlx::query(
            "SELECT id, url, media_type, size, fetched_at, failed_at FROM remote_media WHERE url = $1",
        )
        .bind(url)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| RemoteMedia {
            id: r.get(0),
            url: r.get(1),
            media_type: r.try_get::<Option<String>, _>(2).ok().flatten(),
            size: r.get(3),
            fetched_at: r.try_get::<Option<i64>, _>(4).ok().flatten().map(Timestamp),
            failed_at: r.try_get::<Option<i64>, _>(5).ok().flatten().map(Timestamp),
        }))
    }

    /// Records the outcome of fetching a remote file (`None`: it failed).
    pub async fn remote_media_fetched(
        &self,
        id: i64,
        fetched: Option<(&str, i64)>,
    ) -> Result<(), StoreError> {
        let now = Timestamp::now().millis();
        match fetched {
            Some((media_type, size)) => sqlx::query(
                "UPDATE remote_media SET media_type = $1, size = $2, fetched_at = $3, last_used_at = $3, \
                 failed_at = NULL WHERE id = $4",
            )
            .bind(media_type)
            .bind(size)
            .bind(now)
            .bind(id),
            None => sqlx::query("UPDATE remote_media SET failed_at = $1 WHERE id = $2")
                .bind(now)
                .bind(id),
        }
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn remote_media_used(&self, id: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE remote_media SET last_used_at = $1 WHERE id = $2")
            .bind(Timestamp::now().millis())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Cached remote files beyond `max_bytes`, least recently used first: the
    /// ones to evict. Their rows are reset to "not fetched".
    pub async fn evict_remote_media(&self, max_bytes: i64) -> Result<Vec<i64>, StoreError> {
        let total: i64 =
            sqlx::query("SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM remote_media")
                .fetch_one(&self.pool)
                .await?
                .get(0);
        if total <= max_bytes {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "SELECT id, size FROM remote_media WHERE size > 0 ORDER BY last_used_at, id",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut over = total - max_bytes;
        let mut evicted = Vec::new();
        for r in rows {
            if over <= 0 {
                break;
            }
            let (id, size): (i64, i64) = (r.get(0), r.get(1));
            sqlx::query("UPDATE remote_media SET size = 0, fetched_at = NULL WHERE id = $1")
                .bind(id)
                .execute(&self.pool)
                .await?;
            over -= size;
            evicted.push(id);
        }
        Ok(evicted)
    }
}
