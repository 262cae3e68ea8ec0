//! Replies to the node's objects and messages to the city (comments), and the
//! accounts whose voice the node refuses (blocks).

use crate::{flag, Store, StoreError};
use civicpub_domain::{Author, Comment, CommentState, Timestamp};
use sqlx::{any::AnyRow, Row};

/// A comment as it arrives, before it has an id.
#[derive(Debug, Clone)]
pub struct NewComment {
    pub uri: String,
    pub object_uri: Option<String>,
    pub in_reply_to: Option<String>,
    pub author: Author,
    pub content: String,
    pub language: Option<String>,
    pub url: Option<String>,
    pub to_editors: bool,
    pub state: CommentState,
    pub published_at: Timestamp,
    pub updated_at: Timestamp,
}

const COLUMNS: &str = "id, uri, object_uri, in_reply_to, author_uri, author_host, author_handle, \
    author_name, author_url, author_icon, content, language, url, to_editors, state, \
    published_at, updated_at, received_at";

fn comment_from_row(r: &AnyRow) -> Result<Comment, StoreError> {
    let state: String = r.get("state");
    Ok(Comment {
        id: r.get("id"),
        uri: r.get("uri"),
        object_uri: r.get("object_uri"),
        in_reply_to: r.get("in_reply_to"),
        author: Author {
            uri: r.get("author_uri"),
            host: r.get("author_host"),
            handle: r.get("author_handle"),
            name: r.get("author_name"),
            url: r.get("author_url"),
            icon: r.get("author_icon"),
        },
        content: r.get("content"),
        language: r.get("language"),
        url: r.get("url"),
        to_editors: flag(r, "to_editors")?,
        state: CommentState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("comment state '{state}'")))?,
        published_at: Timestamp(r.get("published_at")),
        updated_at: Timestamp(r.get("updated_at")),
        received_at: Timestamp(r.get("received_at")),
    })
}

/// A page of a listing, newest or oldest first as the query says.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub entries: Vec<T>,
    pub total: u64,
}

impl Store {
    /// Stores a comment; `None` when one with its id is here already (a
    /// redelivery: nothing changes).
    pub async fn insert_comment(&self, c: &NewComment) -> Result<Option<Comment>, StoreError> {
        let now = Timestamp::now();
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(&format!(
            "INSERT INTO comments (uri, object_uri, in_reply_to, author_uri, author_host, \
             author_handle, author_name, author_url, author_icon, content, language, url, \
             to_editors, state, published_at, updated_at, received_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
             ON CONFLICT (uri) DO NOTHING RETURNING {COLUMNS}"
        ))
        .bind(&c.uri)
        .bind(&c.object_uri)
        .bind(&c.in_reply_to)
        .bind(&c.author.uri)
        .bind(&c.author.host)
        .bind(&c.author.handle)
        .bind(&c.author.name)
        .bind(&c.author.url)
        .bind(&c.author.icon)
        .bind(&c.content)
        .bind(&c.language)
        .bind(&c.url)
        .bind(c.to_editors)
        .bind(c.state.as_str())
        .bind(c.published_at.millis())
        .bind(c.updated_at.millis())
        .bind(now.millis())
        .fetch_optional(&mut *tx)
        .await?;
        // The author's avatar is shown through the media proxy, which serves
        // only the files the node's pages show.
        if let (Some(icon), Some(_)) = (&c.author.icon, &row) {
            sqlx::query(
                "INSERT INTO remote_media (url, last_used_at) VALUES ($1, $2) ON CONFLICT (url) DO NOTHING",
            )
            .bind(icon)
            .bind(now.millis())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        row.as_ref().map(comment_from_row).transpose()
    }

    /// An edit by its author: the new text, and the state it returns to.
    pub async fn edit_comment(
        &self,
        id: i64,
        content: &str,
        language: Option<&str>,
        updated_at: Timestamp,
        state: CommentState,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE comments SET content = $1, language = $2, updated_at = $3, state = $4 \
             WHERE id = $5",
        )
        .bind(content)
        .bind(language)
        .bind(updated_at.millis())
        .bind(state.as_str())
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn comment(&self, uri: &str) -> Result<Option<Comment>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM comments WHERE uri = $1"))
            .bind(uri)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(comment_from_row).transpose()
    }

    pub async fn comment_by_id(&self, id: i64) -> Result<Option<Comment>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM comments WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(comment_from_row).transpose()
    }

    /// The approved comments on an object, oldest first (at most `limit`).
    pub async fn approved_comments(
        &self,
        object_uri: &str,
        limit: u32,
    ) -> Result<Vec<Comment>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM comments WHERE object_uri = $1 AND state = 'approved' \
             ORDER BY published_at, id LIMIT $2"
        ))
        .bind(object_uri)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(comment_from_row).collect()
    }

    /// The ids of the approved replies to an object, oldest first, from `offset`.
    pub async fn approved_reply_ids(
        &self,
        object_uri: &str,
        offset: u64,
        limit: u32,
    ) -> Result<Page<String>, StoreError> {
        let total: i64 = sqlx::query(
            "SELECT COUNT(*) FROM comments WHERE object_uri = $1 AND state = 'approved'",
        )
        .bind(object_uri)
        .fetch_one(&self.pool)
        .await?
        .get(0);
        let rows = sqlx::query(
            "SELECT uri FROM comments WHERE object_uri = $1 AND state = 'approved' \
             ORDER BY published_at, id LIMIT $2 OFFSET $3",
        )
        .bind(object_uri)
        .bind(i64::from(limit))
        .bind(offset as i64)
        .fetch_all(&self.pool)
        .await?;
        Ok(Page {
            entries: rows.iter().map(|r| r.get(0)).collect(),
            total: total as u64,
        })
    }

    /// Comments in `state` (pending: the moderation queue), oldest first.
    pub async fn comments_in_state(
        &self,
        state: CommentState,
        limit: u32,
    ) -> Result<Vec<Comment>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM comments WHERE state = $1 ORDER BY received_at, id LIMIT $2"
        ))
        .bind(state.as_str())
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(comment_from_row).collect()
    }

    /// What editors read: comments that mention the city or are addressed to
    /// it, newest first.
    pub async fn editors_inbox(&self, limit: u32) -> Result<Vec<Comment>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM comments WHERE to_editors = $1 \
             ORDER BY received_at DESC, id DESC LIMIT $2"
        ))
        .bind(true)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(comment_from_row).collect()
    }

    pub async fn set_comment_state(
        &self,
        id: i64,
        state: CommentState,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE comments SET state = $1 WHERE id = $2")
            .bind(state.as_str())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Removes a comment its author deleted.
    pub async fn delete_comment(&self, uri: &str, author_uri: &str) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM comments WHERE uri = $1 AND author_uri = $2")
            .bind(uri)
            .bind(author_uri)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Forgets what an account said and did here (its comments, reactions and
    /// votes): the account was deleted, or is blocked (`kept`: the block).
    /// Returns the consultations whose totals changed.
    pub async fn forget_account(&self, uri: &str, block: bool) -> Result<Vec<i64>, StoreError> {
        let mut tx = self.begin_write().await?;
        if block {
            sqlx::query(
                "INSERT INTO blocked_accounts (uri, created_at) VALUES ($1, $2) \
                 ON CONFLICT (uri) DO NOTHING",
            )
            .bind(uri)
            .bind(Timestamp::now().millis())
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM comments WHERE author_uri = $1")
            .bind(uri)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM reactions WHERE actor_uri = $1")
            .bind(uri)
            .execute(&mut *tx)
            .await?;
        let consultations = crate::consultations::remove_votes(&mut tx, "voter_uri", uri).await?;
        tx.commit().await?;
        Ok(consultations)
    }

    /// Forgets what every account of a blocked domain said and did here.
    /// Returns the consultations whose totals changed.
    pub async fn forget_domain(&self, host: &str) -> Result<Vec<i64>, StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM comments WHERE author_host = $1")
            .bind(host)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM reactions WHERE actor_host = $1")
            .bind(host)
            .execute(&mut *tx)
            .await?;
        let consultations = crate::consultations::remove_votes(&mut tx, "voter_host", host).await?;
        tx.commit().await?;
        Ok(consultations)
    }

    pub async fn is_blocked_account(&self, uri: &str) -> Result<bool, StoreError> {
        Ok(sqlx::query("SELECT 1 FROM blocked_accounts WHERE uri = $1")
            .bind(uri)
            .fetch_optional(&self.pool)
            .await?
            .is_some())
    }

    pub async fn blocked_accounts(&self) -> Result<Vec<(String, Timestamp)>, StoreError> {
        let rows = sqlx::query("SELECT uri, created_at FROM blocked_accounts ORDER BY uri")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|r| (r.get(0), Timestamp(r.get(1))))
            .collect())
    }

    pub async fn unblock_account(&self, uri: &str) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM blocked_accounts WHERE uri = $1")
            .bind(uri)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}

impl Store {
    /// How replies to an item are moderated, when the item says so itself.
    pub async fn item_moderation(
        &self,
        item_id: i64,
    ) -> Result<Option<civicpub_domain::Moderation>, StoreError> {
        let row = sqlx::query("SELECT moderation FROM items WHERE id = $1")
            .bind(item_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row
            .and_then(|r| r.get::<Option<String>, _>(0))
            .as_deref()
            .and_then(civicpub_domain::Moderation::parse))
    }

    /// Sets (or, with `None`, clears) an item's own moderation.
    pub async fn set_item_moderation(
        &self,
        item_id: i64,
        moderation: Option<civicpub_domain::Moderation>,
    ) -> Result<bool, StoreError> {
        let done =
            sqlx::query("UPDATE items SET moderation = $1 WHERE id = $2 AND deleted_at IS NULL")
                .bind(moderation.map(civicpub_domain::Moderation::as_str))
                .bind(item_id)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() > 0)
    }
}
