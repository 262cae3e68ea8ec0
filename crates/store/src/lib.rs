//! Storage for a civicpub node.
//!
//! One [`Store`] runs the same queries on SQLite and PostgreSQL through sqlx's `Any`
//! driver. Queries use `$1`-style placeholders, which both backends accept; the
//! few statements that differ (DDL, later full-text search) branch on [`Backend`].
//! Times are stored as milliseconds since the epoch (`BIGINT`), booleans as
//! `BOOLEAN`, so every row decodes the same on both.

mod actors;
mod comments;
mod consultations;
mod deliveries;
mod drafts;
pub mod dump;
mod error;
mod fanouts;
mod files;
mod follows;
mod inbox;
mod items;
mod media;
mod network;
mod policy;
mod reactions;
mod remote_actors;
mod remote_media;
mod search;
mod settings;
mod site;
mod staff;
pub mod stems;
pub mod testing;
mod tokens;

pub use comments::{NewComment, Page};
pub use consultations::{NewVote, VoteRefused};
pub use deliveries::{ClaimedDelivery, DeliveryOutcome, QueueMetrics, QueueStats};
pub use drafts::SavedDraft;
pub use error::StoreError;
pub use fanouts::{FANOUT_BATCH, FIRST_BATCH};
pub use files::{MediaFiles, MediaSaveError};
pub use follows::{FollowChange, FollowState, Follower, Following};
pub use inbox::ReceivedActivity;
pub use items::{Audience, Cursor, ItemChange, NewActivity};
pub use media::{MediaRefs, StoredMedia};
pub use network::{network_item_data, City, Upserted};
pub use reactions::NewReport;
pub use remote_actors::RemoteActor;
pub use remote_media::RemoteMedia;
pub use search::{indexed_text, item_languages, search_words, NetworkQuery};
pub use site::{SitePageText, SITE_PAGES};
pub use staff::{StaffSession, StaffUser};
pub use tokens::{ApiToken, TokenListing};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};
use std::str::FromStr;
use std::time::Duration;

/// Which database server is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/postgres");

/// A handle on the node's database; cheap to clone (it is a connection pool).
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Connects to `url` (`sqlite://path` or `postgres://...`). A SQLite file is
    /// created when missing, and runs in WAL mode with foreign keys enforced.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url).ok_or_else(|| {
            StoreError::Config(format!(
                "unsupported database URL '{}': use sqlite://PATH or postgres://...",
                redact(url)
            ))
        })?;
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}mode=rwc")
            }
            _ => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url)
            .map_err(|e| StoreError::Config(format!("database URL: {e}")))?
            .log_statements(tracing::log::LevelFilter::Trace)
            .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_millis(500));
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the one writer; busy_timeout makes
                        // writers from several processes (serve + CLI) wait, not fail.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
                             PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Connect(format!("{}: {e}", redact(&url))))?;
        Ok(Store { pool, backend })
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at
    /// once (`BEGIN IMMEDIATE`): a deferred transaction that reads and then writes
    /// fails with "database is locked" when another connection wrote meanwhile,
    /// without waiting. PostgreSQL needs nothing special.
    pub(crate) async fn begin_write(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Any>, StoreError> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Brings the schema up to date. Safe to run from several processes at once
    /// (PostgreSQL takes an advisory lock; SQLite serialises writers).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        let reindexed = self.reindex_search_if_needed().await?;
        if reindexed > 0 {
            tracing::info!(items = reindexed, "search index rebuilt with word forms");
        }
        Ok(())
    }

    /// Migrations this binary knows that the database has not applied (an
    /// error when the database cannot be reached): `/readyz` wants none.
    pub async fn migrations_pending(&self) -> Result<usize, StoreError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        let applied: Vec<i64> =
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = TRUE")
                .fetch_all(&self.pool)
                .await?;
        Ok(migrator
            .iter()
            .filter(|m| !m.migration_type.is_down_migration())
            .filter(|m| !applied.contains(&m.version))
            .count())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Reads a flag: `BOOLEAN` on PostgreSQL, `INTEGER` 0/1 on SQLite (which has no
/// boolean type, and whose booleans sqlx's `Any` driver cannot decode).
pub(crate) fn flag(row: &sqlx::any::AnyRow, column: &str) -> Result<bool, StoreError> {
    use sqlx::Row;
    match row.try_get::<bool, _>(column) {
        Ok(b) => Ok(b),
        Err(_) => Ok(row.try_get::<i64, _>(column)? != 0),
    }
}

/// Hides a password in a database URL before it reaches a message or a log.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}

/// `$first,$first+1,…`: `count` numbered parameters, for an `IN (…)` list.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(",")
}
