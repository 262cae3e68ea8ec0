//! Listing and searching the network views: filters, the full-text index's
//! text and tokens, and the plan SQLite follows for words most items have.

use crate::network::{item_from_row, COLUMNS};
use crate::{Backend, Store, StoreError};
use civicpub_domain::{NetworkItem, NetworkKind, Timestamp};
use sqlx::Row;

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

impl Store {
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
}
