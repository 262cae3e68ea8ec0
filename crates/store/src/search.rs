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

/// The FTS5 query for a search: each word in any of its forms (as typed, or
/// its stem in any language with a stemmer; in the filter's language alone
/// when the search is limited to one), all words required, and the filters
/// that are indexed as tokens with the text (`xkind…`, `xlang…`, `xhost…`,
/// `xtag…`).
fn fts_query(text: &str, q: &NetworkQuery) -> String {
    let mut terms: Vec<String> = search_words(text)
        .iter()
        .map(|w| {
            let forms = crate::stems::word_forms(w, q.language.as_deref());
            match forms.as_slice() {
                [one] => format!("\"{one}\""),
                many => format!(
                    "({})",
                    many.iter()
                        .map(|f| format!("\"{f}\""))
                        .collect::<Vec<_>>()
                        .join(" OR ")
                ),
            }
        })
        .collect();
    let mut filter = |t: String| terms.push(format!("\"{t}\""));
    if let [kind] = q.kinds.as_slice() {
        filter(token("xkind", kind.as_str()));
    }
    if let Some(l) = &q.language {
        filter(token("xlang", l));
    }
    if let Some(h) = &q.host {
        filter(token("xhost", h));
    }
    if let Some(t) = &q.tag {
        filter(token("xtag", t));
    }
    terms.join(" AND ")
}

/// PostgreSQL's query for a search: each word as written ('simple') or as any
/// language's configuration reads it, all words required, accents folded as
/// in the index. `arg` numbers the parameters (one per word, used by every
/// configuration).
fn postgres_query(text: &str, mut arg: impl FnMut(String) -> String) -> String {
    search_words(text)
        .into_iter()
        .map(|w| {
            let p = arg(crate::stems::fold(&w));
            let mut forms = vec![format!("plainto_tsquery('simple', {p})")];
            forms.extend(
                crate::stems::POSTGRES_CONFIGS
                    .iter()
                    .map(|(_, config)| format!("plainto_tsquery('{config}', {p})")),
            );
            format!("({})", forms.join(" || "))
        })
        .collect::<Vec<_>>()
        .join(" && ")
}

/// The `search` vector PostgreSQL keeps for an item: its words as written,
/// and each language's texts under that language's configuration, the texts
/// bound from `$first` on in the order of [`crate::stems::POSTGRES_CONFIGS`]
/// and `search_text` at `$text`.
pub(crate) fn postgres_vector(text: usize, first: usize) -> String {
    let mut parts = vec![format!("to_tsvector('simple', ${text})")];
    for (i, (_, config)) in crate::stems::POSTGRES_CONFIGS.iter().enumerate() {
        parts.push(format!("to_tsvector('{config}', ${})", first + i));
    }
    parts.join(" || ")
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
///
/// SQLite's index also gets the stems of each text's words in its language
/// (see [`crate::stems`]), so that other forms of a word find it.
pub fn indexed_text(item: &NetworkItem) -> String {
    index_text(item, true)
}

/// The indexed text, with the stems (SQLite) or without (PostgreSQL, which
/// stems each text itself under its language's configuration).
pub(crate) fn index_text(item: &NetworkItem, stems: bool) -> String {
    if !stems {
        // PostgreSQL: the words as written, accents folded as in its queries.
        return crate::stems::fold(&index_text_with(item, false).to_lowercase());
    }
    index_text_with(item, true)
}

fn index_text_with(item: &NetworkItem, stems: bool) -> String {
    let mut text = item.search_text();
    text.push('\n');
    for t in item.texts.iter().filter(|_| stems) {
        let plain = format!(
            "{} {} {}",
            t.title,
            civicpub_domain::plain_text(&t.summary_html),
            civicpub_domain::plain_text(&t.content_html)
        );
        let stems = crate::stems::stems_of(&plain, &t.lang);
        if !stems.is_empty() {
            text.push_str(&stems);
            text.push('\n');
        }
    }
    // Bound what one item adds to the index (words and stems alike).
    if let Some((i, _)) = text.char_indices().nth(128 * 1024) {
        text.truncate(i);
        text.push('\n');
    }
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
        let (from, wheres, mut binds) = self.network_where(q, plan);
        binds.push(Bind::Int(q.page_size()));
        let limit = format!("${}", binds.len());
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

    /// The FROM and WHERE of a listing or search, and their arguments.
    fn network_where(&self, q: &NetworkQuery, plan: SearchPlan) -> (String, String, Vec<Bind>) {
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
                    let query = postgres_query(text, |w| arg(Bind::Text(w)));
                    wheres.push(format!("n.search @@ ({query})"));
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
        let wheres = if wheres.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", wheres.join(" AND "))
        };
        (from, wheres, binds)
    }

    /// How many items match `q` (its cursor aside), counting up to `cap`
    /// at most: a search says "12 results", or "more than 1,000".
    pub async fn count_network_items(&self, q: &NetworkQuery, cap: i64) -> Result<i64, StoreError> {
        if q.text
            .as_deref()
            .is_some_and(|t| search_words(t).is_empty())
        {
            return Ok(0);
        }
        let q = NetworkQuery {
            before: None,
            ..q.clone()
        };
        let (from, wheres, mut binds) = self.network_where(&q, SearchPlan::Matches);
        binds.push(Bind::Int(cap));
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM {from} {wheres} LIMIT ${}) c",
            binds.len()
        );
        Ok(bind_all(sqlx::query(&sql), binds)
            .fetch_one(&self.pool)
            .await?
            .get::<i64, _>(0))
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

/// The version of the search index that [`indexed_text`] and the PostgreSQL
/// vector write; rows indexed by an older one are indexed again at start.
const SEARCH_INDEX: &str = "2";

impl Store {
    /// Indexes every network item again when the index was written by an
    /// older version (migration 0011 added word forms); run by
    /// [`Store::migrate`]. Returns how many items it indexed.
    pub async fn reindex_search_if_needed(&self) -> Result<usize, StoreError> {
        if self.setting("search_index").await?.as_deref() == Some(SEARCH_INDEX) {
            return Ok(0);
        }
        let n = self.reindex_search().await?;
        self.set_setting("search_index", SEARCH_INDEX).await?;
        Ok(n)
    }

    /// Writes every network item's search text (and, on PostgreSQL, its
    /// vector) again, in batches.
    pub async fn reindex_search(&self) -> Result<usize, StoreError> {
        let postgres = self.backend == Backend::Postgres;
        let sql = if postgres {
            format!(
                "UPDATE network_items SET search_text = $1, search = {} WHERE id = $2",
                postgres_vector(1, 3)
            )
        } else {
            "UPDATE network_items SET search_text = $1 WHERE id = $2".to_string()
        };
        let (mut last, mut done) = (0i64, 0usize);
        loop {
            let rows = sqlx::query(&format!(
                "SELECT {COLUMNS} FROM network_items n WHERE n.id > $1 ORDER BY n.id LIMIT 500"
            ))
            .bind(last)
            .fetch_all(&self.pool)
            .await?;
            let Some(end) = rows.last().map(|r| r.get::<i64, _>("id")) else {
                return Ok(done);
            };
            let mut tx = self.begin_write().await?;
            for row in &rows {
                let item = item_from_row(row)?;
                let mut q = sqlx::query(&sql)
                    .bind(index_text(&item, !postgres))
                    .bind(item.id);
                if postgres {
                    for text in crate::stems::postgres_texts(&item) {
                        q = q.bind(text);
                    }
                }
                q.execute(&mut *tx).await?;
            }
            tx.commit().await?;
            done += rows.len();
            last = end;
        }
    }
}
