//! The pages a city writes for its public site (About, Contact, Privacy, the
//! accessibility statement), one Markdown text per page and language.

use crate::{Store, StoreError};
use civicpub_domain::Timestamp;
use sqlx::Row;

/// The pages a site has, as stored (and in its URLs: `/about`, ...).
pub const SITE_PAGES: [&str; 4] = ["about", "contact", "privacy", "accessibility"];

/// One page in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePageText {
    pub page: String,
    pub language: String,
    /// Markdown.
    pub body: String,
    pub updated_at: Timestamp,
}

fn from_row(r: &sqlx::any::AnyRow) -> SitePageText {
    SitePageText {
        page: r.get("page"),
        language: r.get("language"),
        body: r.get("body"),
        updated_at: Timestamp(r.get("updated_at")),
    }
}

impl Store {
    /// Every page in every language, by page and language.
    pub async fn site_pages(&self) -> Result<Vec<SitePageText>, StoreError> {
        let rows = sqlx::query(
            "SELECT page, language, body, updated_at FROM site_pages ORDER BY page, language",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(from_row).collect())
    }

    /// Writes (or replaces) a page's text in one language.
    pub async fn set_site_page(
        &self,
        page: &str,
        language: &str,
        body: &str,
    ) -> Result<SitePageText, StoreError> {
        let now = Timestamp::now();
        sqlx::query(
            "INSERT INTO site_pages (page, language, body, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (page, language) DO UPDATE SET body = excluded.body, \
             updated_at = excluded.updated_at",
        )
        .bind(page)
        .bind(language)
        .bind(body)
        .bind(now.millis())
        .execute(&self.pool)
        .await?;
        Ok(SitePageText {
            page: page.into(),
            language: language.into(),
            body: body.into(),
            updated_at: now,
        })
    }

    /// Removes a page's text in one language; whether there was one.
    pub async fn delete_site_page(&self, page: &str, language: &str) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM site_pages WHERE page = $1 AND language = $2")
            .bind(page)
            .bind(language)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
