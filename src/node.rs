//! Opening a node: connect, migrate, check the recorded identity, and create the
//! instance actor and the city actor on first start.

use crate::config::{Config, ConfigError};
use civicpub_domain::{ActorKind, LocalActor, NewActor, NodeBase, Username};
use civicpub_store::{Store, StoreError};

/// Failure to open a node: a configuration mistake (exit 2) or something else (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Other(String),
}

impl From<StoreError> for OpenError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Config(msg) => OpenError::Config(ConfigError(msg)),
            other => OpenError::Other(other.to_string()),
        }
    }
}

const BASE_URL: &str = "base_url";
const CITY_ACTOR: &str = "city_actor";

/// Connects to the configured database and brings the schema up to date.
pub async fn connect(config: &Config) -> Result<Store, OpenError> {
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir).map_err(|e| {
            OpenError::Other(format!(
                "cannot create the data directory {}: {e}",
                config.data_dir.display()
            ))
        })?;
    }
    let store = Store::connect(&config.database_url).await?;
    store.migrate().await?;
    Ok(store)
}

/// Opens the node, setting it up on first use: records its base URL (ids must
/// never change, so a later start with another domain is refused), and makes
/// the instance actor and the city actor.
pub async fn open(config: &Config) -> Result<Store, OpenError> {
    let store = connect(config).await?;
    let recorded = store
        .setting_or_insert(BASE_URL, config.base.as_str())
        .await?;
    if recorded != config.base.as_str() {
        let was = NodeBase::from_recorded(&recorded)
            .map(|b| b.domain().to_string())
            .unwrap_or(recorded.clone());
        return Err(OpenError::Config(ConfigError(format!(
            "this node was set up as {recorded} and its ActivityPub ids cannot change: \
             start it with --domain {was}{} (or use a new database for {})",
            if recorded.starts_with("http://")
                && !config.insecure_dev
                && !config.base.as_str().starts_with("http://")
            {
                " --insecure-dev"
            } else {
                ""
            },
            config.base.as_str()
        ))));
    }
    ensure_actor(
        &store,
        Username::instance(),
        ActorKind::Application,
        config.base.domain(),
    )
    .await?;
    if store.setting(CITY_ACTOR).await?.is_none() {
        ensure_actor(
            &store,
            config.city.clone(),
            ActorKind::Organization,
            &config.city_name,
        )
        .await?;
        store.set_setting(CITY_ACTOR, config.city.as_str()).await?;
        tracing::info!(actor = %config.city, "created the city actor");
    }
    Ok(store)
}

/// Puts live local items that the network views lack into them: items published
/// before the views existed (an upgrade), or by a process that stopped between
/// storing an item and mirroring it. `serve` does this as it starts, not every
/// CLI command.
pub async fn mirror_local_items(config: &Config, store: &Store) -> Result<(), OpenError> {
    let missing = store.unmirrored_items().await?;
    if missing.is_empty() {
        return Ok(());
    }
    let publisher = civicpub_service::Publisher {
        store,
        base: &config.base,
    };
    for id in &missing {
        let Some(item) = store.item(*id).await? else {
            continue;
        };
        let Some(actor) = store.actor_by_id(item.actor_id).await? else {
            continue;
        };
        publisher
            .mirror(&actor, &item)
            .await
            .map_err(|e| OpenError::Other(e.to_string()))?;
    }
    tracing::info!(
        items = missing.len(),
        "added local items to the network views"
    );
    Ok(())
}

async fn ensure_actor(
    store: &Store,
    username: Username,
    kind: ActorKind,
    display_name: &str,
) -> Result<LocalActor, OpenError> {
    if let Some(actor) = store.actor_by_username(username.as_str()).await? {
        return Ok(actor);
    }
    match create_actor(
        store,
        username.clone(),
        kind,
        display_name.to_string(),
        String::new(),
    )
    .await
    {
        Ok(actor) => Ok(actor),
        // Another process set the node up at the same moment.
        Err(OpenError::Other(_)) | Err(OpenError::Config(_))
            if store.actor_by_username(username.as_str()).await?.is_some() =>
        {
            Ok(store
                .actor_by_username(username.as_str())
                .await?
                .expect("just seen"))
        }
        Err(e) => Err(e),
    }
}

/// Creates a local actor with a fresh RSA-2048 key pair.
pub async fn create_actor(
    store: &Store,
    username: Username,
    kind: ActorKind,
    display_name: String,
    summary: String,
) -> Result<LocalActor, OpenError> {
    let keys = tokio::task::spawn_blocking(civicpub_federation::generate_key_pair)
        .await
        .map_err(|e| OpenError::Other(e.to_string()))?
        .map_err(|e| OpenError::Other(e.to_string()))?;
    let actor = store
        .insert_actor(&NewActor {
            username,
            kind,
            display_name,
            summary,
            website: None,
            contact: None,
            public_key_pem: keys.public_key_pem,
            private_key_pem: keys.private_key_pem,
        })
        .await?;
    Ok(actor)
}

/// What the pages need to know about the node: its name, language, and the
/// city actor credited on every page.
pub async fn site_settings(
    config: &Config,
    store: &Store,
) -> Result<civicpub_web::SiteSettings, OpenError> {
    let city = store
        .setting(CITY_ACTOR)
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

/// The federation state of this process (HTTP client, signers, queue signal).
pub async fn federation(
    config: &Config,
    store: &Store,
) -> Result<std::sync::Arc<civicpub_service::federation::Federation>, OpenError> {
    let fed = civicpub_service::federation::Federation::new(
        store.clone(),
        config.base.clone(),
        config.insecure_dev,
    )
    .await
    .map_err(OpenError::Other)?;
    Ok(std::sync::Arc::new(fed))
}

/// The web state of this process.
pub async fn app_state(
    config: &Config,
    store: &Store,
) -> Result<civicpub_web::AppState, OpenError> {
    Ok(civicpub_web::AppState::new(
        federation(config, store).await?,
        civicpub_store::MediaFiles::new(&config.data_dir),
        site_settings(config, store).await?,
    ))
}
