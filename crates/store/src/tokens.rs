use crate::{Store, StoreError};
use civicpub_domain::Timestamp;
use sqlx::Row;

/// An API bearer token as stored: only the SHA-256 of the secret is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub actor_id: i64,
    pub scopes: Vec<String>,
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
        })
    }

    pub async fn token_by_hash(&self, token_sha256: &str) -> Result<Option<ApiToken>, StoreError> {
        let row =
            sqlx::query("SELECT id, actor_id, scopes FROM api_tokens WHERE token_sha256 = $1")
                .bind(token_sha256)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|r| ApiToken {
            id: r.get(0),
            actor_id: r.get(1),
            scopes: r
                .get::<String, _>(2)
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        }))
    }
}
