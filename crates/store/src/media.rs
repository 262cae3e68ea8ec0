use crate::{Store, StoreError};
use civicpub_domain::{Media, Timestamp};
use sqlx::{any::AnyRow, Row};

impl Store {
    /// Records a media file whose bytes are already on disk; the same content
    /// recorded twice is one row.
    pub async fn insert_media(&self, media: &Media) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO media (sha256, media_type, size, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (sha256) DO NOTHING",
        )
        .bind(&media.sha256)
        .bind(&media.media_type)
        .bind(media.size)
        .bind(Timestamp::now().millis())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn media(&self, sha256: &str) -> Result<Option<Media>, StoreError> {
        let row = sqlx::query("SELECT sha256, media_type, size FROM media WHERE sha256 = $1")
            .bind(sha256)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(media_from_row))
    }
}

pub(crate) fn media_from_row(r: &AnyRow) -> Media {
    Media {
        sha256: r.get("sha256"),
        media_type: r.get("media_type"),
        size: r.get("size"),
    }
}
