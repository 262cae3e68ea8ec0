use crate::{Store, StoreError};
use sqlx::Row;

impl Store {
    pub async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT value FROM node_settings WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.get::<String, _>(0)))
    }

    /// Records `value` under `key` unless a value is there already; returns the value
    /// that holds afterwards (so two processes setting up at once agree).
    pub async fn setting_or_insert(&self, key: &str, value: &str) -> Result<String, StoreError> {
        sqlx::query(
            "INSERT INTO node_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        self.setting(key)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("setting {key}")))
    }

    pub async fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO node_settings (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

impl Store {
    /// Moves the change counter forward (see `migrations/*/0006_changes.sql`).
    pub async fn count_change(&self) -> Result<i64, StoreError> {
        Ok(
            sqlx::query("UPDATE changes SET value = value + 1 WHERE id = 1 RETURNING value")
                .fetch_one(&self.pool)
                .await?
                .get(0),
        )
    }

    /// The change counter: it moves whenever any process changes what pages show.
    pub async fn changes(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query("SELECT value FROM changes WHERE id = 1")
            .fetch_one(&self.pool)
            .await?
            .get(0))
    }
}
