//! Opening a node: connect, migrate, check the recorded identity, and create the
//! instance actor and the city actor on first start.

use crate::actors::create_actor;
use crate::{Result, ServiceError};
use civicpub_domain::{ActorKind, LocalActor, NodeBase, Username};
use civicpub_store::Store;
use std::path::Path;

const BASE_URL: &str = "base_url";
const CITY_ACTOR: &str = "city_actor";

/// Where a node lives and who it is, as configured.
#[derive(Debug, Clone)]
pub struct Setup<'a> {
    pub database_url: &'a str,
    pub data_dir: &'a Path,
    pub base: &'a NodeBase,
    pub insecure_dev: bool,
    /// The city actor created at setup.
    pub city: &'a Username,
    pub city_name: &'a str,
}

/// Connects to the database and brings the schema up to date.
pub async fn connect(setup: &Setup<'_>) -> Result<Store> {
    if let Some(file) = sqlite_file(setup.database_url) {
        keep_private(setup.data_dir, &file)?;
    }
    let store = Store::connect(setup.database_url).await?;
    store.migrate().await?;
    Ok(store)
}

/// The file of a `sqlite://PATH` URL.
fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next().unwrap_or(path);
    (!path.is_empty() && path != ":memory:").then(|| std::path::PathBuf::from(path))
}

/// The SQLite database holds the actors' private keys: it is readable by the
/// node's user alone (0600), in a data directory only that user enters (0700).
/// Made so when created, and tightened when found open to others.
fn keep_private(data_dir: &Path, db: &Path) -> Result<()> {
    let config = |what: &Path, e: std::io::Error| {
        ServiceError::Config(format!("cannot prepare {}: {e}", what.display()))
    };
    for dir in [data_dir, db.parent().unwrap_or(data_dir)] {
        if dir.as_os_str().is_empty() {
            continue;
        }
        if !dir.exists() {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder.create(dir).map_err(|e| config(dir, e))?;
        }
    }
    if !db.exists() {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(db) {
            Ok(_) => {}
            // Another process made it at the same moment.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(config(db, e)),
        }
    }
    #[cfg(unix)]
    for (path, mode) in [(data_dir, 0o700), (db, 0o600)] {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.permissions().mode() & 0o077 != 0 {
                tracing::warn!(path = %path.display(), "others could read it: made private");
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
                    .map_err(|e| config(path, e))?;
            }
        }
    }
    Ok(())
}

/// Opens the node, setting it up on first use: records its base URL (ids must
/// never change, so a later start with another domain is refused), and makes
/// the instance actor and the city actor.
pub async fn open(setup: &Setup<'_>) -> Result<Store> {
    let store = connect(setup).await?;
    let base = setup.base;
    let recorded = store.setting_or_insert(BASE_URL, base.as_str()).await?;
    if recorded != base.as_str() {
        let was = NodeBase::from_recorded(&recorded)
            .map(|b| b.domain().to_string())
            .unwrap_or(recorded.clone());
        return Err(ServiceError::Config(format!(
            "this node was set up as {recorded} and its ActivityPub ids cannot change: \
             start it with --domain {was}{} (or use a new database for {})",
            if recorded.starts_with("http://")
                && !setup.insecure_dev
                && !base.as_str().starts_with("http://")
            {
                " --insecure-dev"
            } else {
                ""
            },
            base.as_str()
        )));
    }
    ensure_actor(
        &store,
        Username::instance(),
        ActorKind::Application,
        base.domain(),
    )
    .await?;
    if store.setting(CITY_ACTOR).await?.is_none() {
        ensure_actor(
            &store,
            setup.city.clone(),
            ActorKind::Organization,
            setup.city_name,
        )
        .await?;
        store.set_setting(CITY_ACTOR, setup.city.as_str()).await?;
        tracing::info!(actor = %setup.city, "created the city actor");
    }
    Ok(store)
}

/// The username of the city actor made at setup.
pub async fn city_actor(store: &Store) -> Result<Option<String>> {
    Ok(store.setting(CITY_ACTOR).await?)
}

async fn ensure_actor(
    store: &Store,
    username: Username,
    kind: ActorKind,
    display_name: &str,
) -> Result<LocalActor> {
    if let Some(actor) = store.actor_by_username(username.as_str()).await? {
        return Ok(actor);
    }
    match create_actor(store, username.clone(), kind, display_name.to_string()).await {
        Ok(actor) => Ok(actor),
        // Another process set the node up at the same moment.
        Err(e) => match store.actor_by_username(username.as_str()).await? {
            Some(actor) => Ok(actor),
            None => Err(e),
        },
    }
}
