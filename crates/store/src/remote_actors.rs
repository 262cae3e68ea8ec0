//! Remote actors as last fetched: where to deliver to them, and their keys.

use crate::{Store, StoreError};
use civicpub_domain::Timestamp;
use sqlx::{any::AnyRow, Row};

/// A remote actor as last fetched: where to deliver to it, and its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteActor {
    pub uri: String,
    pub host: String,
    pub username: String,
    pub inbox: String,
    pub shared_inbox: Option<String>,
    pub key_id: String,
    pub public_key_pem: String,
    pub document: String,
    pub fetched_at: Timestamp,
}

impl RemoteActor {
    /// Where deliveries go: the shared inbox when there is one.
    pub fn delivery_inbox(&self) -> &str {
        self.shared_inbox.as_deref().unwrap_or(&self.inbox)
    }
}

fn remote_from_row(r: &AnyRow) -> RemoteActor {
    RemoteActor {
        uri: r.get("uri"),
        host: r.get("host"),
        username: r.get("username"),
        inbox: r.get("inbox"),
        shared_inbox: r.get("shared_inbox"),
        key_id: r.get("key_id"),
        public_key_pem: r.get("public_key_pem"),
        document: r.get("document"),
        fetched_at: Timestamp(r.get("fetched_at")),
    }
}

impl Store {
    pub async fn upsert_remote_actor(&self, a: &RemoteActor) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO remote_actors (uri, host, username, inbox, shared_inbox, key_id, public_key_pem, document, fetched_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (uri) DO UPDATE SET host = excluded.host, username = excluded.username, \
             inbox = excluded.inbox, shared_inbox = excluded.shared_inbox, key_id = excluded.key_id, \
             public_key_pem = excluded.public_key_pem, document = excluded.document, fetched_at = excluded.fetched_at",
        )
        .bind(&a.uri)
        .bind(&a.host)
        .bind(&a.username)
        .bind(&a.inbox)
        .bind(a.shared_inbox.as_deref())
        .bind(&a.key_id)
        .bind(&a.public_key_pem)
        .bind(&a.document)
        .bind(a.fetched_at.millis())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn remote_actor(&self, uri: &str) -> Result<Option<RemoteActor>, StoreError> {
        let row = sqlx::query("SELECT * FROM remote_actors WHERE uri = $1")
            .bind(uri)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(remote_from_row))
    }

    /// The remote actors among `uris` (one query, for a page of items).
    pub async fn remote_actors(&self, uris: &[String]) -> Result<Vec<RemoteActor>, StoreError> {
        if uris.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT * FROM remote_actors WHERE uri IN ({})",
            crate::placeholders(1, uris.len())
        );
        let mut q = sqlx::query(&sql);
        for u in uris {
            q = q.bind(u);
        }
        Ok(q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(remote_from_row)
            .collect())
    }

    pub async fn remote_actor_by_key(
        &self,
        key_id: &str,
    ) -> Result<Option<RemoteActor>, StoreError> {
        let row = sqlx::query("SELECT * FROM remote_actors WHERE key_id = $1")
            .bind(key_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(remote_from_row))
    }
}
