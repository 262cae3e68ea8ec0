//! Opening the configured node, and the state a process builds on it.

use crate::config::Config;
use civicpub_service::setup::{self, Setup};
use civicpub_service::{Node, NodeOptions, ServiceError};
use civicpub_store::Store;
use std::sync::Arc;

fn setup(config: &Config) -> Setup<'_> {
    Setup {
        database_url: &config.database_url,
        data_dir: &config.data_dir,
        base: &config.base,
        insecure_dev: config.insecure_dev,
        city: &config.city,
        city_name: &config.city_name,
    }
}

/// Connects to the configured database and brings the schema up to date.
pub async fn connect(config: &Config) -> Result<Store, ServiceError> {
    setup::connect(&setup(config)).await
}

/// Opens the node, setting it up on first use (see `civicpub_service::setup`).
pub async fn open(config: &Config) -> Result<Store, ServiceError> {
    setup::open(&setup(config)).await
}

/// Opens the node the configuration points at, if there is one: `None` when
/// its database holds no node (a SQLite file that does not exist, a database
/// never set up), so that a command run without the node's settings changes
/// nothing rather than set up a new node somewhere else.
pub async fn open_existing(config: &Config) -> Result<Option<Store>, ServiceError> {
    let url = &config.database_url;
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    {
        let path = path.split('?').next().unwrap_or(path);
        if path != ":memory:" && !std::path::Path::new(path).exists() {
            return Ok(None);
        }
    }
    let store = Store::connect(url).await?;
    // A database without the settings table, or without a recorded node.
    let set_up = matches!(store.setting("base_url").await, Ok(Some(_)));
    store.close().await;
    if !set_up {
        return Ok(None);
    }
    Ok(Some(open(config).await?))
}

/// Whether the node's database already holds a node (for `init`).
pub async fn exists(config: &Config) -> Result<bool, ServiceError> {
    Ok(match open_existing(config).await? {
        Some(store) => {
            store.close().await;
            true
        }
        None => false,
    })
}

/// The services of this process on the open node.
pub async fn node(config: &Config, store: &Store) -> Result<Arc<Node>, ServiceError> {
    let node = Node::new(
        store.clone(),
        NodeOptions {
            base: &config.base,
            data_dir: &config.data_dir,
            insecure_dev: config.insecure_dev,
            language: &config.language,
            timezone: &config.timezone,
            inbox_per_minute: config.inbox_rate_limit,
            totals_every: config.consultation_updates,
        },
    )
    .await?;
    Ok(Arc::new(node))
}

/// What the pages need to know about the node: its name, language, and the
/// city actor credited on every page.
pub async fn site_settings(
    config: &Config,
    store: &Store,
) -> Result<civicpub_web::SiteSettings, ServiceError> {
    let city = setup::city_actor(store)
        .await?
        .unwrap_or_else(|| config.city.to_string());
    Ok(civicpub_web::SiteSettings {
        node_name: config.city_name.clone(),
        language: config.language.clone(),
        creator: format!("@{city}@{}", config.base.domain()),
        show_followers: config.show_followers,
        secure_mode: config.secure_mode,
    })
}

/// The web state of this process.
pub async fn app_state(
    config: &Config,
    store: &Store,
) -> Result<civicpub_web::AppState, ServiceError> {
    Ok(civicpub_web::AppState::new(
        node(config, store).await?,
        site_settings(config, store).await?,
    ))
}
