use crate::{Store, StoreError};
use civicpub_domain::Timestamp;
use sqlx::Row;

/// An API bearer token as stored: only the SHA-256 of the secret is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub actor_id: i64,
    pub scopes: Vec<String>,
    pub last_used_at: Option<Timestamp>,
}

/// A token as the admin lists it: never its secret, nor its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenListing {
    pub id: i64,
    /// The username of the actor it acts for.
    pub actor: String,
    pub scopes: Vec<String>,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

/// How stale `last_used_at` may grow before a use writes it again: a busy
/// client does not write on every request.
const LAST_USED_EVERY_MS: i64 = 60_000;

fn split_scopes(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

impl ApiToken {
    pub fn allows(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }
}

impl Store {
    pub async fn insert_token(
        &self,
        actor_id: i64,
        token_sha256: &str,
        scopes: &[String],
    ) -> Result<ApiToken, StoreError> {
        let id: i64 = sqlx::query(
            "INSERT INTO api_tokens (actor_id, token_sha256, scopes, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(actor_id)
        .bind(token_sha256)
        .bind(scopes.join(","))
        .bind(Timestamp::now().millis())
        .fetch_one(&self.pool)
        .await
        .map_err(StoreError::on_unique("the token"))?
        .get(0);
        Ok(ApiToken {
            id,
            actor_id,
            scopes: scopes.to_vec(),
            last_used_at: None,
        })
    }

    pub async fn token_by_hash(&self, token_sha256: &str) -> Result<Option<ApiToken>, StoreError> {
        let row = sqlx::query(
            "SELECT id, actor_id, scopes, last_used_at FROM api_tokens WHERE token_sha256 = $1",
        )
        .bind(token_sha256)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| ApiToken {
            id: r.get(0),
            actor_id: r.get(1),
            scopes: split_scopes(&r.get::<String, _>(2)),
            last_used_at: r.get::<Option<i64>, _>(3).map(Timestamp),
        }))
    }

    /// Notes that `token` was used now, at most once a minute: a use within
    /// the minute after the last one noted writes nothing (no statement, so
    /// no write lock on SQLite for every API request).
    pub async fn touch_token(&self, token: &ApiToken) -> Result<(), StoreError> {
        let now = Timestamp::now().millis();
        if token
            .last_used_at
            .is_some_and(|t| t.millis() >= now - LAST_USED_EVERY_MS)
        {
            return Ok(());
        }
        sqlx::query(
            "UPDATE api_tokens SET last_used_at = $1 \
             WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)",
        )
        .bind(now)
        .bind(token.id)
        .bind(now - LAST_USED_EVERY_MS)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Every token, newest first, with the username of its actor.
    pub async fn tokens(&self) -> Result<Vec<TokenListing>, StoreError> {
        let rows = sqlx::query(
            "SELECT t.id, a.username, t.scopes, t.created_at, t.last_used_at \
             FROM api_tokens t JOIN actors a ON a.id = t.actor_id ORDER BY t.id DESC",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| TokenListing {
                id: r.get(0),
                actor: r.get(1),
                scopes: split_scopes(&r.get::<String, _>(2)),
                created_at: Timestamp(r.get(3)),
                last_used_at: r.get::<Option<i64>, _>(4).map(Timestamp),
            })
            .collect())
    }

    /// Deletes token `id`; `false` when there was none. A deleted token's
    /// hash is gone, so the next request bearing it is refused.
    pub async fn delete_token(&self, id: i64) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM api_tokens WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
