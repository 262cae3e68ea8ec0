//! Databases for tests: each test gets its own, on the backend chosen by
//! `CIVICPUB_TEST_DATABASE_URL` (a PostgreSQL URL), else a SQLite file in a
//! temporary directory. On PostgreSQL each test gets a schema of its own in the
//! given database, dropped when the test ends.

use crate::{Backend, Store, StoreError};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

/// One test's database. Keep it alive for as long as the test uses the URL.
pub struct TestDatabase {
    pub url: String,
    pub backend: Backend,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(PathBuf),
    Schema { admin_url: String, schema: String },
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The backend the test suite runs on, from the environment.
pub fn test_backend() -> Backend {
    match std::env::var("CIVICPUB_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Backend::from_url(&url).expect("CIVICPUB_TEST_DATABASE_URL"),
        _ => Backend::Sqlite,
    }
}

impl TestDatabase {
    /// Makes an empty database (nothing migrated).
    pub async fn new() -> Result<Self, StoreError> {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .subsec_nanos();
        let tag = format!("{}_{n}_{nanos}", std::process::id());
        match std::env::var("CIVICPUB_TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let schema = format!("civicpub_test_{tag}");
                let admin = Store::connect(&admin_url).await?;
                sqlx::query(&format!("CREATE SCHEMA {schema}"))
                    .execute(admin.pool())
                    .await?;
                admin.close().await;
                let sep = if admin_url.contains('?') { '&' } else { '?' };
                let url = format!("{admin_url}{sep}options=-c%20search_path%3D{schema}");
                Ok(TestDatabase {
                    url,
                    backend: Backend::Postgres,
                    cleanup: Cleanup::Schema { admin_url, schema },
                })
            }
            _ => Self::sqlite_in(&tag),
        }
    }

    /// Makes an empty SQLite database, whatever the test suite's backend.
    pub async fn sqlite() -> Result<Self, StoreError> {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .subsec_nanos();
        Self::sqlite_in(&format!("{}_{n}_{nanos}_sqlite", std::process::id()))
    }

    fn sqlite_in(tag: &str) -> Result<Self, StoreError> {
        let dir = std::env::temp_dir().join(format!("civicpub-test-{tag}"));
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::Config(e.to_string()))?;
        let url = format!("sqlite://{}", dir.join("civicpub.db").display());
        Ok(TestDatabase {
            url,
            backend: Backend::Sqlite,
            cleanup: Cleanup::Dir(dir),
        })
    }

    /// A directory that lives as long as the database (for data files).
    pub fn scratch_dir(&self) -> PathBuf {
        let dir = match &self.cleanup {
            Cleanup::Dir(d) => d.join("data"),
            Cleanup::Schema { schema, .. } => std::env::temp_dir().join(schema),
        };
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        dir
    }

    /// Connects and migrates.
    pub async fn store(&self) -> Result<Store, StoreError> {
        let store = Store::connect(&self.url).await?;
        store.migrate().await?;
        Ok(store)
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Schema { admin_url, schema } => {
                let _ = std::fs::remove_dir_all(std::env::temp_dir().join(schema));
                let (admin_url, schema) = (admin_url.clone(), schema.clone());
                // Drop may run inside a runtime: clean up from a thread of its own.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()?;
                    rt.block_on(async {
                        if let Ok(admin) = Store::connect(&admin_url).await {
                            let sql = format!("DROP SCHEMA IF EXISTS {schema} CASCADE");
                            let _ = sqlx::query(&sql).execute(admin.pool()).await;
                            admin.close().await;
                        }
                    });
                    Ok::<_, std::io::Error>(())
                })
                .join();
            }
        }
    }
}
