//! The network views' storage: items gathered from followed accounts and the
//! node's own, their full-text index, deletions, republished items, the
//! directory of cities, and the remote-media cache.

use crate::{Backend, Store, StoreError};
use civicpub_domain::{NetworkItem, NetworkKind, Timestamp};
use sqlx::{any::AnyRow, Row};

/// What became of an item offered to the network views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    /// Taken in, new or newer than the copy held.
    Stored(i64),
    /// The stored copy is as new or newer: nothing changed.
    Stale(i64),
    /// Its author deleted it before: it is not taken in again.
    Deleted,
}

/// Filters of a network listing or search. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkQuery {
    pub kinds: Vec<NetworkKind>,
    /// Full-text search over titles, summaries and texts in every language.
    pub text: Option<String>,
    /// `host[:port]` of the city's node.
    pub host: Option<String>,
    pub tag: Option<String>,
    /// Items written in this language, as their main one or as a translation.
    pub language: Option<String>,
    /// The item's date: an event's start, otherwise its publication.
    pub from: Option<Timestamp>,
    pub to: Option<Timestamp>,
    /// Items published before this (`published_at`, `id`).
    pub before: Option<crate::Cursor>,
    pub limit: i64,
}

/// A followed or following account, for the directory of cities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct City {
    pub uri: String,
    pub host: String,
    pub username: String,
    /// The actor document as last fetched (name, summary, icon).
    pub document: String,
    /// Some(accepted) when a local actor follows it.
    pub following: Option<bool>,
    /// Whether it follows a local actor.
    pub follower: bool,
    pub items: i64,
    pub last_published: Option<Timestamp>,
    /// Delivery health of its host.
    pub failures: i64,
    pub paused_until: Option<Timestamp>,
    pub pending_deliveries: i64,
    pub failed_deliveries: i64,
    pub last_error: Option<String>,
}

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

/// The words of a search, as both backends' full-text engines take them: letters
/// and digits only, so that no query syntax gets through.
pub fn search_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take(8)
        .collect()
}

/// How SQLite finds the items of a search (PostgreSQL's planner chooses itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SearchPlan {
    /// FTS5 lists every match; the page is sorted out of them.
    Matches,
    /// The items are walked newest first, none older than this publication
    /// time (None: to the oldest, when few are left), each checked in FTS5.
    Newest(Option<i64>),
}

/// The FTS5 query for a search: its words, and the filters that are indexed as
/// tokens with the text (`xkind…`, `xlang…`, `xhost…`, `xtag…`), all required.
fn fts_query(text: &str, q: &NetworkQuery) -> String {
    let mut terms = search_words(text);
    if let [kind] = q.kinds.as_slice() {
        terms.push(token("xkind", kind.as_str()));
    }
    if let Some(l) = &q.language {
        terms.push(token("xlang", l));
    }
    if let Some(h) = &q.host {
        terms.push(token("xhost", h));
    }
    if let Some(t) = &q.tag {
        terms.push(token("xtag", t));
    }
    terms
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

impl NetworkQuery {
    /// Items on one page: `limit`, kept between 1 and 200.
    fn page_size(&self) -> i64 {
        self.limit.clamp(1, 200)
    }
}

/// Items published before a cursor (`published_at`, `id`) of `network_items n`:
/// a range on the date index on both backends; the second part breaks ties.
fn published_before(at: &str, id: &str) -> String {
    format!("n.published_at <= {at} AND (n.published_at < {at} OR n.id < {id})")
}

/// Letters and digits of `s`, lowercased: one token for the full-text engines.
fn token(prefix: &str, s: &str) -> String {
    let mut t = String::from(prefix);
    t.extend(
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase),
    );
    t
}

/// The languages an item is written in, each once, lowercased.
pub fn item_languages(item: &NetworkItem) -> Vec<String> {
    let mut langs: Vec<String> = item
        .texts
        .iter()
        .map(|t| t.lang.to_lowercase())
        .filter(|l| !l.is_empty())
        .collect();
    langs.sort();
    langs.dedup();
    langs
}

/// The text the full-text index holds for an item: its words in every language,
/// then tokens for its kind, language, server and tags. A search with filters
/// adds those tokens to its query, so the engine narrows by them itself instead
/// of handing back every item with a common word (the row columns are checked as
/// well, so a token shared by chance changes nothing).
pub fn indexed_text(item: &NetworkItem) -> String {
    let mut text = item.search_text();
    text.push('\n');
    text.push_str(&token("xkind", item.kind.as_str()));
    for l in item_languages(item) {
        text.push(' ');
        text.push_str(&token("xlang", &l));
    }
    text.push(' ');
    text.push_str(&token("xhost", &item.host));
    for t in &item.tags {
        text.push(' ');
        text.push_str(&token("xtag", t));
    }
    text
}

enum Bind {
    Text(String),
    Int(i64),
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

fn bind_all(mut query: AnyQuery<'_>, binds: Vec<Bind>) -> AnyQuery<'_> {
    for b in binds {
        query = match b {
            Bind::Text(s) => query.bind(s),
            Bind::Int(i) => query.bind(i),
        };
    }
    query
}

const COLUMNS: &str = "n.id, n.data";

fn item_from_row(r: &AnyRow) -> Result<NetworkItem, StoreError> {
    let mut item: NetworkItem = serde_json::from_str(&r.get::<String, _>("data"))
        .map_err(|e| StoreError::Corrupt(format!("network item: {e}")))?;
    item.id = r.get("id");
    Ok(item)
}

impl Store {
    /// Takes an item into the network views, or updates it when this copy is newer.
    /// `images` are the remote files its pages show, registered for the proxy.
    pub async fn upsert_network_item(
        &self,
        item: &NetworkItem,
        images: &[String],
    ) -> Result<Upserted, StoreError> {
        let now = Timestamp::now().millis();
        if item.local_item_id.is_none() {
            let gone = sqlx::query("SELECT 1 FROM network_tombstones WHERE uri = $1")
                .bind(&item.uri)
                .fetch_optional(&self.pool)
                .await?;
            if gone.is_some() {
                return Ok(Upserted::Deleted);
            }
        }
        let data = serde_json::to_string(item).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        // One statement inserts, or updates only when this copy is newer: the
        // transaction starts with a write, so SQLite never has to upgrade a read.
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "INSERT INTO network_items (uri, actor_uri, host, local_item_id, kind, language, \
             title, data, search_text, starts_at, ends_at, published_at, updated_at, \
             received_at, announced_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
             ON CONFLICT (uri) DO UPDATE SET actor_uri = excluded.actor_uri, host = excluded.host, \
             kind = excluded.kind, language = excluded.language, title = excluded.title, \
             data = excluded.data, search_text = excluded.search_text, \
             starts_at = excluded.starts_at, ends_at = excluded.ends_at, \
             published_at = excluded.published_at, updated_at = excluded.updated_at \
             WHERE network_items.updated_at < excluded.updated_at \
             RETURNING id",
        )
        .bind(&item.uri)
        .bind(&item.actor_uri)
        .bind(&item.host)
        .bind(item.local_item_id)
        .bind(item.kind.as_str())
        .bind(item.language())
        .bind(item.title())
        .bind(&data)
        .bind(indexed_text(item))
        .bind(item.starts_at.map(Timestamp::millis))
        .bind(item.ends_at.map(Timestamp::millis))
        .bind(item.published_at.millis())
        .bind(item.updated_at.millis())
        .bind(now)
        .bind(item.announced_by.as_deref())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            let id = sqlx::query("SELECT id FROM network_items WHERE uri = $1")
                .bind(&item.uri)
                .fetch_one(&self.pool)
                .await?
                .get(0);
            return Ok(Upserted::Stale(id));
        };
        let id: i64 = row.get(0);
        for table in ["network_item_tags", "network_item_languages"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE item_id = $1"))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        for language in item_languages(item) {
            sqlx::query("INSERT INTO network_item_languages (language, item_id) VALUES ($1, $2)")
                .bind(language)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        for tag in &item.tags {
            sqlx::query(
                "INSERT INTO network_item_tags (tag, item_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(tag)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        for url in images {
            sqlx::query(
                "INSERT INTO remote_media (url, last_used_at) VALUES ($1, $2) ON CONFLICT (url) DO NOTHING",
            )
            .bind(url)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(Upserted::Stored(id))
    }

    /// Removes an item from the network views. A remote one is remembered as
    /// deleted, so that a late copy is not taken in again. `host` must be the
    /// item's own host (only its server may delete it).
    pub async fn delete_network_item(&self, uri: &str, host: &str) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("DELETE FROM network_items WHERE uri = $1 AND host = $2")
            .bind(uri)
            .bind(host)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO network_tombstones (uri, deleted_at) VALUES ($1, $2) ON CONFLICT (uri) DO NOTHING",
        )
        .bind(uri)
        .bind(Timestamp::now().millis())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    /// Removes an item that `announcer` republished into the views, when it
    /// came by that boost alone.
    pub async fn withdraw_announced(&self, uri: &str, announcer: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM network_items WHERE uri = $1 AND announced_by = $2")
            .bind(uri)
            .bind(announcer)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Removes the mirror of a local item (deleted locally; its id answers 410).
    pub async fn delete_local_network_item(&self, item_id: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM network_items WHERE local_item_id = $1")
            .bind(item_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Live local items that have no copy in the network views.
    pub async fn unmirrored_items(&self) -> Result<Vec<i64>, StoreError> {
        let rows = sqlx::query(
            "SELECT i.id FROM items i WHERE i.deleted_at IS NULL AND NOT EXISTS \
             (SELECT 1 FROM network_items n WHERE n.local_item_id = i.id) ORDER BY i.id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    pub async fn network_item(&self, id: i64) -> Result<Option<NetworkItem>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM network_items n WHERE n.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(item_from_row).transpose()
    }

    pub async fn network_item_by_uri(&self, uri: &str) -> Result<Option<NetworkItem>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM network_items n WHERE n.uri = $1"
        ))
        .bind(uri)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(item_from_row).transpose()
    }

    /// The SQL and its arguments for a listing or search, newest first.
    fn network_sql(&self, q: &NetworkQuery, plan: SearchPlan) -> (String, Vec<Bind>) {
        let mut binds = Vec::new();
        let mut arg = |b: Bind| {
            binds.push(b);
            format!("${}", binds.len())
        };
        let mut from = String::from("network_items n");
        let mut wheres: Vec<String> = Vec::new();
        if let Some(text) = &q.text {
            match self.backend {
                Backend::Sqlite => {
                    let query = arg(Bind::Text(fts_query(text, q)));
                    match plan {
                        // FTS5 drives: its index finds the rows, which are then sorted.
                        SearchPlan::Matches => {
                            from = "network_search s JOIN network_items n ON n.id = s.rowid"
                                .to_string();
                            wheres.push(format!("network_search MATCH {query}"));
                        }
                        // The date index drives, newest first, down to `floor` at
                        // most; each item is checked in the full-text index, and
                        // the walk stops as soon as a page is full.
                        SearchPlan::Newest(floor) => {
                            wheres.push(format!(
                                "EXISTS (SELECT 1 FROM network_search s \
                                 WHERE network_search MATCH {query} AND s.rowid = n.id)"
                            ));
                            if let Some(floor) = floor {
                                wheres.push(format!("n.published_at >= {}", arg(Bind::Int(floor))));
                            }
                        }
                    }
                }
                Backend::Postgres => {
                    wheres.push(format!(
                        "n.search @@ plainto_tsquery('simple', {})",
                        arg(Bind::Text(search_words(text).join(" ")))
                    ));
                }
            }
        }
        if !q.kinds.is_empty() {
            let kinds: Vec<String> = q
                .kinds
                .iter()
                .map(|k| format!("'{}'", k.as_str()))
                .collect();
            wheres.push(format!("n.kind IN ({})", kinds.join(", ")));
        }
        if let Some(h) = &q.host {
            wheres.push(format!("n.host = {}", arg(Bind::Text(h.clone()))));
        }
        if let Some(l) = &q.language {
            wheres.push(format!(
                "n.id IN (SELECT item_id FROM network_item_languages WHERE language = {})",
                arg(Bind::Text(l.to_lowercase()))
            ));
        }
        if let Some(t) = &q.tag {
            wheres.push(format!(
                "n.id IN (SELECT item_id FROM network_item_tags WHERE tag = {})",
                arg(Bind::Text(t.to_lowercase()))
            ));
        }
        if let Some(f) = q.from {
            wheres.push(format!(
                "COALESCE(n.starts_at, n.published_at) >= {}",
                arg(Bind::Int(f.millis()))
            ));
        }
        if let Some(t) = q.to {
            wheres.push(format!(
                "COALESCE(n.starts_at, n.published_at) < {}",
                arg(Bind::Int(t.millis()))
            ));
        }
        if let Some(c) = q.before {
            let at = arg(Bind::Int(c.published_at));
            let id = arg(Bind::Int(c.id));
            wheres.push(published_before(&at, &id));
        }
        let limit = arg(Bind::Int(q.page_size()));
        let wheres = if wheres.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", wheres.join(" AND "))
        };
        // The page is chosen on (published_at, id) alone, then its rows are read:
        // a search that matches many items sorts small keys, not whole items.
        (
            format!(
                "SELECT {COLUMNS} FROM network_items n WHERE n.id IN (\
                 SELECT n.id FROM {from} {wheres} ORDER BY n.published_at DESC, n.id DESC LIMIT {limit}\
                 ) ORDER BY n.published_at DESC, n.id DESC"
            ),
            binds,
        )
    }

    /// Network items matching `q`, newest first.
    pub async fn network_items(&self, q: &NetworkQuery) -> Result<Vec<NetworkItem>, StoreError> {
        if q.text
            .as_deref()
            .is_some_and(|t| search_words(t).is_empty())
        {
            return Ok(Vec::new());
        }
        let limit = q.page_size();
        if let Some(walk) = self.newest_walk(q).await? {
            let (sql, binds) = self.network_sql(q, walk);
            let rows = bind_all(sqlx::query(&sql), binds)
                .fetch_all(&self.pool)
                .await?;
            // A full page is the answer: every newer item was checked. Fewer,
            // and the walk stopped at its floor: the matches are older, ask FTS5.
            // A walk without a floor went down to the oldest item: complete too.
            if rows.len() as i64 == limit || walk == SearchPlan::Newest(None) {
                return rows.iter().map(item_from_row).collect();
            }
        }
        let (sql, binds) = self.network_sql(q, SearchPlan::Matches);
        let rows = bind_all(sqlx::query(&sql), binds)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(item_from_row).collect()
    }

    /// For a SQLite search whose words match a large share of the items (a
    /// common word), where a walk down the date index should stop at the
    /// latest: FTS5 would otherwise read and sort every match (tens of
    /// thousands) for one page. None when FTS5 should drive, as for rare
    /// words, date ranges (which the date index does not order) and small
    /// collections.
    async fn newest_walk(&self, q: &NetworkQuery) -> Result<Option<SearchPlan>, StoreError> {
        /// Below this many items, FTS5 driving is cheap whatever the words.
        const SMALL: i64 = 2_000;
        /// The share of items that must match, as 1 in SHARE…
        const SHARE: i64 = 10;
        /// …so that a walk over WINDOW pages of items finds about two pages.
        const WINDOW: i64 = 20;
        let limit = q.page_size();
        let Some(text) = q.text.as_deref() else {
            return Ok(None);
        };
        if self.backend != Backend::Sqlite || q.from.is_some() || q.to.is_some() || limit > 50 {
            return Ok(None);
        }
        // The highest id stands in for the number of items (deletions aside).
        let items: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM network_items")
            .fetch_one(&self.pool)
            .await?;
        let items = items.unwrap_or(0);
        if items < SMALL {
            return Ok(None);
        }
        // Counting stops at the share wanted: cheap for rare and common words alike.
        let enough = items / SHARE;
        let matches: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT rowid FROM network_search \
             WHERE network_search MATCH $1 LIMIT $2)",
        )
        .bind(fts_query(text, q))
        .bind(enough)
        .fetch_one(&self.pool)
        .await?;
        if matches < enough {
            return Ok(None);
        }
        // The walk's floor: the publication time WINDOW pages down.
        let (before, binds) = match q.before {
            Some(c) => (
                format!("WHERE {}", published_before("$1", "$2")),
                vec![c.published_at, c.id],
            ),
            None => (String::new(), vec![]),
        };
        let sql = format!(
            "SELECT n.published_at FROM network_items n {before} \
             ORDER BY n.published_at DESC, n.id DESC LIMIT 1 OFFSET {}",
            limit * WINDOW - 1
        );
        let mut floor = sqlx::query_scalar::<_, i64>(&sql);
        for b in binds {
            floor = floor.bind(b);
        }
        let floor = floor.fetch_optional(&self.pool).await?;
        Ok(Some(SearchPlan::Newest(floor)))
    }

    /// The database's plan for a listing or search, for the benchmark's report.
    pub async fn explain_network_items(&self, q: &NetworkQuery) -> Result<String, StoreError> {
        let plan = self.newest_walk(q).await?.unwrap_or(SearchPlan::Matches);
        let (sql, binds) = self.network_sql(q, plan);
        let sql = match self.backend {
            Backend::Sqlite => format!("EXPLAIN QUERY PLAN {sql}"),
            Backend::Postgres => format!("EXPLAIN {sql}"),
        };
        let rows = bind_all(sqlx::query(&sql), binds)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|r| match self.backend {
                Backend::Sqlite => r.get::<String, _>(3),
                Backend::Postgres => r.get::<String, _>(0),
            })
            .collect::<Vec<_>>()
            .join("\n"))
    }

    /// Events starting in [from, to), soonest first.
    pub async fn network_events(
        &self,
        from: Timestamp,
        to: Timestamp,
        limit: i64,
    ) -> Result<Vec<NetworkItem>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM network_items n WHERE n.kind = 'event' \
             AND n.starts_at >= $1 AND n.starts_at < $2 ORDER BY n.starts_at, n.id LIMIT $3"
        ))
        .bind(from.millis())
        .bind(to.millis())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(item_from_row).collect()
    }

    /// Whether a local actor follows `uri` (or has asked to).
    pub async fn is_followed(&self, uri: &str) -> Result<bool, StoreError> {
        Ok(
            sqlx::query("SELECT 1 FROM following WHERE target_uri = $1 LIMIT 1")
                .bind(uri)
                .fetch_optional(&self.pool)
                .await?
                .is_some(),
        )
    }

    /// Accounts local actors follow or are followed by, with what the node knows
    /// of them: items gathered, the latest one, and the health of deliveries to
    /// their server.
    pub async fn cities(&self) -> Result<Vec<City>, StoreError> {
        let rows = sqlx::query(
            "SELECT r.uri, r.host, r.username, r.document, \
               (SELECT CAST(MAX(CASE WHEN f.state = 'accepted' THEN 1 ELSE 0 END) AS BIGINT) FROM following f WHERE f.target_uri = r.uri) AS following, \
               (SELECT COUNT(*) FROM followers f WHERE f.follower_uri = r.uri AND f.state = 'accepted') AS follower, \
               (SELECT COUNT(*) FROM network_items n WHERE n.actor_uri = r.uri) AS items, \
               (SELECT MAX(n.published_at) FROM network_items n WHERE n.actor_uri = r.uri) AS last_published, \
               COALESCE(h.failures, 0) AS failures, h.paused_until, h.last_error, \
               (SELECT COUNT(*) FROM deliveries d WHERE d.host = r.host AND d.state = 'pending') AS pending, \
               (SELECT COUNT(*) FROM deliveries d WHERE d.host = r.host AND d.state = 'failed') AS failed \
             FROM remote_actors r LEFT JOIN hosts h ON h.host = r.host \
             WHERE EXISTS (SELECT 1 FROM following f WHERE f.target_uri = r.uri) \
                OR EXISTS (SELECT 1 FROM followers f WHERE f.follower_uri = r.uri AND f.state = 'accepted') \
             ORDER BY r.host, r.username",
        )
        .fetch_all(&self.pool)
        .await?;
        let now = Timestamp::now().millis();
        Ok(rows
            .iter()
            .map(|r| City {
                uri: r.get("uri"),
                host: r.get("host"),
                username: r.get("username"),
                document: r.get("document"),
                following: r
                    .try_get::<Option<i64>, _>("following")
                    .ok()
                    .flatten()
                    .map(|f| f == 1),
                follower: r.get::<i64, _>("follower") > 0,
                items: r.get("items"),
                last_published: r
                    .try_get::<Option<i64>, _>("last_published")
                    .ok()
                    .flatten()
                    .map(Timestamp),
                failures: r.get("failures"),
                paused_until: r
                    .try_get::<Option<i64>, _>("paused_until")
                    .ok()
                    .flatten()
                    .filter(|p| *p > now)
                    .map(Timestamp),
                pending_deliveries: r.get("pending"),
                failed_deliveries: r.get("failed"),
                last_error: r.try_get::<Option<String>, _>("last_error").ok().flatten(),
            })
            .collect())
    }

    /// Records that a local actor republished `object_uri` with `activity_id`.
    pub async fn set_republished(
        &self,
        actor_id: i64,
        object_uri: &str,
        activity_id: Option<&str>,
    ) -> Result<Option<String>, StoreError> {
        let previous = sqlx::query(
            "SELECT activity_id FROM republished WHERE actor_id = $1 AND object_uri = $2",
        )
        .bind(actor_id)
        .bind(object_uri)
        .fetch_optional(&self.pool)
        .await?
        .map(|r| r.get::<String, _>(0));
        match activity_id {
            Some(id) => {
                sqlx::query(
                    "INSERT INTO republished (actor_id, object_uri, activity_id, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (actor_id, object_uri) DO UPDATE SET activity_id = excluded.activity_id",
                )
                .bind(actor_id)
                .bind(object_uri)
                .bind(id)
                .bind(Timestamp::now().millis())
                .execute(&self.pool)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM republished WHERE actor_id = $1 AND object_uri = $2")
                    .bind(actor_id)
                    .bind(object_uri)
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(previous)
    }

    /// The object ids an actor has republished, newest first.
    pub async fn republished(&self, actor_id: i64) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query(
            "SELECT object_uri FROM republished WHERE actor_id = $1 ORDER BY created_at DESC",
        )
        .bind(actor_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

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
