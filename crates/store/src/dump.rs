//! A node's tables as JSON lines, and back: what `civicpub export` writes and
//! `civicpub import` reads, the same on SQLite and PostgreSQL. Every table is
//! dumped in dependency order (parents first) or left out on purpose
//! ([`LEFT_OUT`]); a unit test holds the two lists to the schema.

use crate::{Backend, Store, StoreError};
use futures_util::TryStreamExt;
use serde_json::{Map, Value};
use sqlx::{any::AnyRow, Row};
use std::io::{BufRead, Write};

/// The tables a dump holds, parents before the tables that refer to them, with
/// the rows kept of each (`""`: all of them).
pub const TABLES: &[(&str, &str)] = &[
    ("node_settings", ""),
    ("media", ""),
    ("actors", ""),
    ("items", ""),
    ("document_revisions", ""),
    ("api_tokens", ""),
    ("activities", ""),
    ("fanouts", ""),
    ("remote_actors", ""),
    ("followers", ""),
    ("following", ""),
    ("inbox_activities", ""),
    // What is still to be sent; what was sent is history nobody reads.
    ("deliveries", "WHERE state = 'pending'"),
    ("hosts", ""),
    ("domain_rules", ""),
    ("network_items", ""),
    ("network_item_tags", ""),
    ("network_item_languages", ""),
    ("network_tombstones", ""),
    ("republished", ""),
    ("comments", ""),
    ("reactions", ""),
    ("reports", ""),
    ("blocked_accounts", ""),
    ("consultations", ""),
    ("votes", ""),
    ("site_pages", ""),
    // The web admin's accounts (password hashes only) and unpublished drafts.
    ("staff_users", ""),
    ("drafts", ""),
];

/// Tables a dump leaves out: the migrations' own bookkeeping, the change
/// counter (every process reads its own database's), the remote-media cache
/// (fetched again when shown), SQLite's search index (rebuilt on restore), and
/// the web admin's sessions and failed logins (staff log in again).
pub const LEFT_OUT: &[&str] = &[
    "_sqlx_migrations",
    "changes",
    "staff_sessions",
    "login_failures",
    "remote_media",
    "sqlite_sequence",
    "network_search",
];

/// How a column's values are written and read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Bool,
    Real,
    Text,
    /// Derived (PostgreSQL's search vector): not dumped, written again on restore.
    Derived,
}

fn kind_of(declared: &str) -> Kind {
    let t = declared.to_ascii_lowercase();
    if t.contains("tsvector") {
        Kind::Derived
    } else if t.contains("bool") {
        Kind::Bool
    } else if t.contains("int") {
        Kind::Int
    } else if t.contains("real") || t.contains("floa") || t.contains("doub") {
        Kind::Real
    } else {
        Kind::Text
    }
}

/// What a restore did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Restored {
    pub rows: Vec<(String, u64)>,
}

impl Store {
    /// The newest migration applied: a dump restores only into the schema it
    /// was made from.
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(
            sqlx::query("SELECT MAX(version) FROM _sqlx_migrations WHERE success = $1")
                .bind(true)
                .fetch_one(&self.pool)
                .await?
                .try_get::<Option<i64>, _>(0)?
                .unwrap_or(0),
        )
    }

    /// Whether the node holds no actors and no content yet: only such a node
    /// may be restored into.
    pub async fn is_empty_node(&self) -> Result<bool, StoreError> {
        for table in ["actors", "items", "network_items", "followers", "following"] {
            let n: i64 = sqlx::query(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&self.pool)
                .await?
                .get(0);
            if n > 0 {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The tables of this database's schema (user tables, not SQLite's
    /// internal ones nor the search index's shadow tables).
    pub async fn table_names(&self) -> Result<Vec<String>, StoreError> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'network_search_%' ORDER BY name"
            }
            Backend::Postgres => {
                "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
            }
        };
        let rows = sqlx::query(sql).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    /// The columns of `table` and how each is kept, in table order.
    async fn columns(&self, table: &str) -> Result<Vec<(String, Kind)>, StoreError> {
        let rows = match self.backend {
            Backend::Sqlite => {
                sqlx::query("SELECT name, type FROM pragma_table_info($1) ORDER BY cid")
                    .bind(table)
                    .fetch_all(&self.pool)
                    .await?
            }
            Backend::Postgres => {
                sqlx::query(
                    "SELECT CAST(column_name AS TEXT), CAST(udt_name AS TEXT) FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
                )
                .bind(table)
                .fetch_all(&self.pool)
                .await?
            }
        };
        if rows.is_empty() {
            return Err(StoreError::NotFound(format!("the table {table}")));
        }
        Ok(rows
            .iter()
            .map(|r| (r.get::<String, _>(0), kind_of(&r.get::<String, _>(1))))
            .collect())
    }

    /// Writes the kept rows of `table` to `out`, one JSON object a line
    /// (column → value); returns how many.
    pub async fn dump_table(&self, table: &str, out: &mut impl Write) -> Result<u64, StoreError> {
        let filter = TABLES
            .iter()
            .find(|(t, _)| *t == table)
            .map(|(_, f)| *f)
            .ok_or_else(|| StoreError::NotFound(format!("the table {table} in a dump")))?;
        let columns: Vec<(String, Kind)> = self
            .columns(table)
            .await?
            .into_iter()
            .filter(|(_, k)| *k != Kind::Derived)
            .collect();
        let list = columns
            .iter()
            .map(|(c, _)| c.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("SELECT {list} FROM {table} {filter}");
        let mut rows = sqlx::query(&sql).fetch(&self.pool);
        let mut n = 0;
        while let Some(row) = rows.try_next().await? {
            let mut object = Map::new();
            for (i, (name, kind)) in columns.iter().enumerate() {
                object.insert(name.clone(), self.value(&row, i, *kind)?);
            }
            serde_json::to_writer(&mut *out, &Value::Object(object))
                .map_err(|e| StoreError::Config(e.to_string()))?;
            out.write_all(b"\n")
                .map_err(|e| StoreError::Config(e.to_string()))?;
            n += 1;
        }
        Ok(n)
    }

    fn value(&self, row: &AnyRow, i: usize, kind: Kind) -> Result<Value, StoreError> {
        Ok(match kind {
            Kind::Int => row.try_get::<Option<i64>, _>(i)?.map(Value::from),
            // SQLite keeps flags as 0/1.
            Kind::Bool if self.backend == Backend::Sqlite => row
                .try_get::<Option<i64>, _>(i)?
                .map(|v| Value::Bool(v != 0)),
            Kind::Bool => row.try_get::<Option<bool>, _>(i)?.map(Value::Bool),
            Kind::Real => row.try_get::<Option<f64>, _>(i)?.map(Value::from),
            Kind::Text | Kind::Derived => row.try_get::<Option<String>, _>(i)?.map(Value::String),
        }
        .unwrap_or(Value::Null))
    }

    /// Writes the dumped tables back, every one in one transaction: all or
    /// nothing. `read(table)` gives a table's JSON lines. The node must be
    /// empty (see [`Store::is_empty_node`]); the settings a migration wrote are
    /// replaced by the dump's. Identity counters continue after the restored ids,
    /// and the search index is written again.
    pub async fn restore(
        &self,
        mut read: impl FnMut(&str) -> Result<Option<Box<dyn BufRead>>, StoreError>,
    ) -> Result<Restored, StoreError> {
        let mut restored = Restored::default();
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM node_settings")
            .execute(&mut *tx)
            .await?;
        for (table, _) in TABLES {
            let Some(lines) = read(table)? else {
                continue;
            };
            let columns: std::collections::HashMap<String, Kind> =
                self.columns(table).await?.into_iter().collect();
            let has_identity = self.backend == Backend::Postgres
                && columns.contains_key("id")
                && self.is_identity(table).await?;
            let mut n = 0u64;
            for line in lines.lines() {
                let line = line.map_err(|e| StoreError::Config(e.to_string()))?;
                if line.trim().is_empty() {
                    continue;
                }
                let row: Map<String, Value> = serde_json::from_str(&line)
                    .map_err(|e| StoreError::Corrupt(format!("{table}: {e}")))?;
                let mut names = Vec::with_capacity(row.len());
                let mut values = Vec::with_capacity(row.len());
                for (name, value) in row {
                    let kind = *columns.get(&name).ok_or_else(|| {
                        StoreError::Corrupt(format!("{table} has no column {name} here"))
                    })?;
                    names.push(name);
                    values.push((kind, value));
                }
                let sql = format!(
                    "INSERT INTO {table} ({}){} VALUES ({})",
                    names.join(", "),
                    if has_identity {
                        " OVERRIDING SYSTEM VALUE"
                    } else {
                        ""
                    },
                    crate::placeholders(1, names.len())
                );
                let mut q = sqlx::query(&sql);
                for (kind, value) in values {
                    q = bind(q, kind, value, self.backend)
                        .map_err(|e| StoreError::Corrupt(format!("{table}: {e}")))?;
                }
                q.execute(&mut *tx).await?;
                n += 1;
            }
            if has_identity {
                sqlx::query(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                     COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                ))
                .execute(&mut *tx)
                .await?;
            }
            restored.rows.push((table.to_string(), n));
        }
        tx.commit().await?;
        self.reindex_search().await?;
        Ok(restored)
    }

    async fn is_identity(&self, table: &str) -> Result<bool, StoreError> {
        let row = sqlx::query(
            "SELECT CAST(is_identity AS TEXT) FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'id'",
        )
        .bind(table)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some_and(|r| r.get::<String, _>(0) == "YES"))
    }
}

type Query<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds a dumped value as the column here keeps it (a flag is 0/1 on SQLite
/// and a boolean on PostgreSQL, whichever wrote the dump).
fn bind<'q>(q: Query<'q>, kind: Kind, value: Value, backend: Backend) -> Result<Query<'q>, String> {
    let wrong = |v: &Value| format!("{v} does not fit a {kind:?} column");
    Ok(match (kind, value) {
        (Kind::Int, Value::Null) => q.bind(None::<i64>),
        (Kind::Bool, Value::Null) => q.bind(None::<bool>),
        (Kind::Real, Value::Null) => q.bind(None::<f64>),
        (_, Value::Null) => q.bind(None::<String>),
        (Kind::Int, Value::Number(n)) => {
            q.bind(n.as_i64().ok_or_else(|| wrong(&Value::Number(n)))?)
        }
        (Kind::Int, Value::Bool(b)) => q.bind(i64::from(b)),
        (Kind::Bool, v) => {
            let b = match &v {
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_i64().is_some_and(|n| n != 0),
                _ => return Err(wrong(&v)),
            };
            match backend {
                Backend::Sqlite => q.bind(i64::from(b)),
                Backend::Postgres => q.bind(b),
            }
        }
        (Kind::Real, Value::Number(n)) => {
            q.bind(n.as_f64().ok_or_else(|| wrong(&Value::Number(n)))?)
        }
        (Kind::Text, Value::String(s)) => q.bind(s),
        (_, v) => return Err(wrong(&v)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_table_is_dumped_or_left_out_on_purpose() {
        let db = crate::testing::TestDatabase::new().await.unwrap();
        let store = db.store().await.unwrap();
        let mut known: Vec<&str> = TABLES.iter().map(|(t, _)| *t).collect();
        known.extend(LEFT_OUT);
        for table in store.table_names().await.unwrap() {
            assert!(
                known.contains(&table.as_str()),
                "the table {table} is neither dumped nor left out: add it to dump::TABLES \
                 (after the tables it refers to) or to dump::LEFT_OUT"
            );
        }
        assert!(store.schema_version().await.unwrap() >= 13);
        assert!(store.is_empty_node().await.unwrap());
    }
}
