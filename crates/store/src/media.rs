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

/// A stored file and when it was uploaded, for the media library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMedia {
    pub media: Media,
    pub created_at: Timestamp,
}

/// Everything that names one media file, as stored: the service reads the
/// JSON to say how (an item's hero and its text alternative, a document's file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MediaRefs {
    /// Actors whose avatar it is: username and text alternative.
    pub icons: Vec<(String, Option<String>)>,
    /// Actors whose header image it is: username and text alternative.
    pub headers: Vec<(String, Option<String>)>,
    /// Live items naming it: id, kind and their stored content (JSON).
    pub items: Vec<(i64, String, String)>,
    /// Document revisions naming it: item id and revision number.
    pub revisions: Vec<(i64, i64)>,
    /// Drafts naming it: id, kind, title and their stored input (JSON).
    pub drafts: Vec<(i64, String, String, String)>,
    /// Whether the site's branding (logo, favicon) uses it.
    pub branding: bool,
    /// The site's pages (Markdown) linking to it: page and language.
    pub site_pages: Vec<(String, String)>,
}

impl MediaRefs {
    pub fn is_empty(&self) -> bool {
        self.icons.is_empty()
            && self.headers.is_empty()
            && self.items.is_empty()
            && self.revisions.is_empty()
            && self.drafts.is_empty()
            && !self.branding
            && self.site_pages.is_empty()
    }
}

/// The `LIKE` pattern matching text that names `sha256` (hex: no wildcards in it).
fn naming(sha256: &str) -> String {
    format!("%{sha256}%")
}

/// The condition "nothing names `$1`" (`$2` being `naming($1)`), the same for
/// the library's listing and for deleting, so that they never disagree.
const UNUSED: &str =
    "NOT EXISTS (SELECT 1 FROM actors WHERE icon_sha256 = $1 OR header_sha256 = $1) \
     AND NOT EXISTS (SELECT 1 FROM items WHERE content LIKE $2) \
     AND NOT EXISTS (SELECT 1 FROM document_revisions WHERE content LIKE $2) \
     AND NOT EXISTS (SELECT 1 FROM drafts WHERE input LIKE $2) \
     AND NOT EXISTS (SELECT 1 FROM node_settings WHERE key = 'branding' AND value LIKE $2) \
     AND NOT EXISTS (SELECT 1 FROM site_pages WHERE body LIKE $2)";

impl Store {
    /// The newest `limit` media files, newest first.
    pub async fn media_files(&self, limit: i64) -> Result<Vec<StoredMedia>, StoreError> {
        let rows = sqlx::query(
            "SELECT sha256, media_type, size, created_at FROM media \
             ORDER BY created_at DESC, sha256 LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| StoredMedia {
                media: media_from_row(r),
                created_at: Timestamp(r.get("created_at")),
            })
            .collect())
    }

    /// Everything that names media `sha256`.
    pub async fn media_refs(&self, sha256: &str) -> Result<MediaRefs, StoreError> {
        let like = naming(sha256);
        let icons =
            sqlx::query("SELECT username, icon_alt FROM actors WHERE icon_sha256 = $1 ORDER BY id")
                .bind(sha256)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| (r.get(0), r.get(1)))
                .collect();
        let headers = sqlx::query(
            "SELECT username, header_alt FROM actors WHERE header_sha256 = $1 ORDER BY id",
        )
        .bind(sha256)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
        let items = sqlx::query(
            "SELECT id, kind, content FROM items WHERE content LIKE $1 ORDER BY id DESC",
        )
        .bind(&like)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
        let revisions = sqlx::query(
            "SELECT item_id, number FROM document_revisions WHERE content LIKE $1 \
             ORDER BY item_id DESC, number DESC",
        )
        .bind(&like)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
        let drafts = sqlx::query(
            "SELECT id, kind, title, input FROM drafts WHERE input LIKE $1 ORDER BY id DESC",
        )
        .bind(&like)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect();
        let branding =
            sqlx::query("SELECT 1 FROM node_settings WHERE key = 'branding' AND value LIKE $1")
                .bind(&like)
                .fetch_optional(&self.pool)
                .await?
                .is_some();
        let site_pages = sqlx::query(
            "SELECT page, language FROM site_pages WHERE body LIKE $1 ORDER BY page, language",
        )
        .bind(&like)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
        Ok(MediaRefs {
            icons,
            headers,
            items,
            revisions,
            drafts,
            branding,
            site_pages,
        })
    }

    /// Deletes the row of media `sha256` if nothing names it, in one
    /// statement: a use added meanwhile keeps it. `false` when it was kept
    /// (or was not there); the caller removes the file after `true`.
    pub async fn delete_media_if_unused(&self, sha256: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(&format!("DELETE FROM media WHERE sha256 = $1 AND {UNUSED}"))
            .bind(sha256)
            .bind(naming(sha256))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
