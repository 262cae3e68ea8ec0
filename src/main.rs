//! `civicpub`: run a city's node, and manage it from the command line.

use civicpub::config::{Config, ConfigError, Options};
use civicpub::node::{self, OpenError};
use civicpub::publish::{self as publishing, DocumentArgs, EventArgs, ItemCommand, NewsArgs};
use civicpub_domain::{ActorKind, MediaKind, ProfileUpdate, Username};
use civicpub_store::{MediaFiles, Store};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use url::Url;

#[derive(Parser)]
#[command(
    name = "civicpub",
    version,
    about = "A city's node in the civicpub federated publishing network"
)]
struct Cli {
    #[command(flatten)]
    options: Options,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the node: sets it up on first start, then serves the web and ActivityPub
    Serve,
    /// Bring the database schema up to date, and nothing else
    Migrate,
    /// Manage the node's local actors (the city and its channels)
    #[command(subcommand)]
    Actor(ActorCommand),
    /// Publish, update and delete news items (ActivityPub Articles)
    #[command(subcommand)]
    News(ItemCommand<NewsArgs>),
    /// Publish, update and delete events
    #[command(subcommand)]
    Event(ItemCommand<EventArgs>),
    /// Publish, revise and delete policy documents
    #[command(subcommand)]
    Document(ItemCommand<DocumentArgs>),
    /// Pin an item to its actor's profile (the `featured` collection), or unpin it
    Pin {
        id: i64,
        #[arg(long)]
        unpin: bool,
    },
    /// API bearer tokens
    #[command(subcommand)]
    Token(TokenCommand),
    /// Follow a remote account (@user@host or an actor URL)
    Follow {
        handle: String,
        #[arg(long, default_value = "city")]
        actor: String,
    },
    /// Stop following a remote account
    Unfollow {
        handle: String,
        #[arg(long, default_value = "city")]
        actor: String,
    },
    /// Accounts an actor follows
    #[command(subcommand)]
    Following(FollowingCommand),
    /// Republish a gathered item to an actor's followers (Announce), or take it back
    Republish {
        /// The item's number in the network views, or its ActivityPub id
        item: String,
        #[arg(long, default_value = "city")]
        actor: String,
        /// Take the republished item back (Undo)
        #[arg(long)]
        undo: bool,
    },
    /// An actor's followers and pending follow requests, and deciding them
    #[command(subcommand)]
    Followers(FollowersCommand),
    /// The delivery queue: depth, recent failures per host, paused hosts
    Deliveries,
    /// Activities received and verified, oldest first: type, object type, id
    Received {
        #[arg(long, default_value_t = 100)]
        limit: i64,
    },
    /// Run only the delivery worker (more workers can share a PostgreSQL database)
    Worker,
    /// Federation policy: open, allowlist or blocklist, and the listed domains
    #[command(subcommand)]
    Federation(FederationCommand),
}

#[derive(Subcommand)]
enum FollowingCommand {
    /// List the accounts an actor follows, and whether each accepted
    List {
        #[arg(long, default_value = "city")]
        actor: String,
    },
}

#[derive(Subcommand)]
enum FollowersCommand {
    /// List followers (or, with --pending, requests awaiting a decision)
    List {
        #[arg(long, default_value = "city")]
        actor: String,
        #[arg(long)]
        pending: bool,
    },
    /// Accept a pending follow request
    Accept {
        follower: String,
        #[arg(long, default_value = "city")]
        actor: String,
    },
    /// Reject a pending follow request
    Reject {
        follower: String,
        #[arg(long, default_value = "city")]
        actor: String,
    },
}

#[derive(Subcommand)]
enum FederationCommand {
    /// Show the mode and the listed domains
    Show,
    /// Set the mode: open, allowlist or blocklist
    Mode { mode: String },
    /// List a domain as allowed (for allowlist mode)
    Allow { host: String },
    /// List a domain as blocked: nothing is accepted from or delivered to it
    Block { host: String },
    /// Take a domain off the lists
    Unlist { host: String },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Make a token for an actor and print it (it is shown only once)
    Create {
        #[arg(long)]
        actor: String,
        /// Comma-separated: read, write
        #[arg(long, default_value = "read,write")]
        scopes: String,
    },
}

#[derive(Subcommand)]
enum ActorCommand {
    /// Add a local actor, such as a `news` or `events` channel
    Create {
        /// Username: a-z, 0-9 and _, with . or - between them
        username: String,
        #[command(flatten)]
        profile: ProfileArgs,
    },
    /// Change an actor's public profile
    Update {
        username: String,
        #[command(flatten)]
        profile: ProfileArgs,
    },
    /// List the local actors
    List,
}

#[derive(clap::Args)]
struct ProfileArgs {
    /// Display name
    #[arg(long)]
    name: Option<String>,
    /// Plain-text description; blank lines separate paragraphs
    #[arg(long)]
    summary: Option<String>,
    /// The city's website (profile field)
    #[arg(long)]
    website: Option<String>,
    /// An e-mail address or URL where citizens reach the city (profile field)
    #[arg(long)]
    contact: Option<String>,
    /// Avatar image (PNG, JPEG, GIF or WebP, at most 2 MB)
    #[arg(long, value_name = "FILE", requires = "icon_alt")]
    icon: Option<PathBuf>,
    /// Text alternative of the avatar, for people who cannot see it
    #[arg(long, value_name = "TEXT")]
    icon_alt: Option<String>,
    /// Approve each follower by hand
    #[arg(long, value_name = "BOOL", value_parser = clap::builder::BoolishValueParser::new())]
    manually_approves_followers: Option<bool>,
    /// List the actor in directories and search
    #[arg(long, value_name = "BOOL", value_parser = clap::builder::BoolishValueParser::new())]
    discoverable: Option<bool>,
}

const ICON_LIMIT: u64 = 2 * 1024 * 1024;

/// A command's failure: a message, and whether it was the user's input (exit 2) or not (exit 1).
enum Failure {
    Usage(String),
    Runtime(String),
}

impl From<OpenError> for Failure {
    fn from(e: OpenError) -> Self {
        match e {
            OpenError::Config(c) => Failure::Usage(c.0),
            OpenError::Other(m) => Failure::Runtime(m),
        }
    }
}

impl From<ConfigError> for Failure {
    fn from(e: ConfigError) -> Self {
        Failure::Usage(e.0)
    }
}

impl From<civicpub_store::StoreError> for Failure {
    fn from(e: civicpub_store::StoreError) -> Self {
        match e {
            civicpub_store::StoreError::Conflict(_) | civicpub_store::StoreError::NotFound(_) => {
                Failure::Usage(e.to_string())
            }
            other => Failure::Runtime(other.to_string()),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let result = cli
        .options
        .resolve()
        .map_err(Failure::from)
        .and_then(|config| {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .map_err(|e| Failure::Runtime(format!("cannot start the runtime: {e}")))?;
            runtime.block_on(run(cli.command, config))
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("civicpub: error: {msg}");
            ExitCode::from(2)
        }
        Err(Failure::Runtime(msg)) => {
            eprintln!("civicpub: error: {msg}");
            ExitCode::from(1)
        }
    }
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("CIVICPUB_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

async fn run(command: Command, config: Config) -> Result<(), Failure> {
    match command {
        Command::Serve => serve(config).await,
        Command::Migrate => {
            let store = node::connect(&config).await?;
            println!("database schema is up to date ({})", store.backend().name());
            Ok(())
        }
        Command::Actor(cmd) => {
            let store = node::open(&config).await?;
            actor_command(cmd, &config, &store).await
        }
        Command::News(cmd) => item_command(cmd, &config).await,
        Command::Event(cmd) => item_command(cmd, &config).await,
        Command::Document(cmd) => item_command(cmd, &config).await,
        Command::Pin { id, unpin } => {
            let store = node::open(&config).await?;
            store.set_pinned(id, !unpin).await?;
            let item = store
                .item(id)
                .await?
                .ok_or_else(|| Failure::Usage(format!("no item {id}")))?;
            println!("{}", config.base.url(&item.path()));
            Ok(())
        }
        Command::Follow { handle, actor } => {
            let store = node::open(&config).await?;
            let local = local_actor(&store, &actor).await?;
            let fed = node::federation(&config, &store).await?;
            let remote = fed.follow(&local, &handle).await.map_err(inbox_failure)?;
            println!("{} (pending until accepted)", remote.uri);
            let caught = fed
                .catch_up(&remote, civicpub_service::network::CATCH_UP_ITEMS)
                .await;
            println!(
                "gathered {} recent items ({} skipped)",
                caught.gathered, caught.skipped
            );
            Ok(())
        }
        Command::Unfollow { handle, actor } => {
            let store = node::open(&config).await?;
            let local = local_actor(&store, &actor).await?;
            let fed = node::federation(&config, &store).await?;
            fed.unfollow(&local, &handle).await.map_err(inbox_failure)?;
            Ok(())
        }
        Command::Following(FollowingCommand::List { actor }) => {
            let store = node::open(&config).await?;
            let local = local_actor(&store, &actor).await?;
            for (uri, accepted) in store.following(local.id).await? {
                println!("{uri}\t{}", if accepted { "accepted" } else { "pending" });
            }
            Ok(())
        }
        Command::Republish { item, actor, undo } => {
            let store = node::open(&config).await?;
            let local = local_actor(&store, &actor).await?;
            let fed = node::federation(&config, &store).await?;
            let found = match item.parse::<i64>() {
                Ok(id) => store.network_item(id).await?,
                Err(_) => store.network_item_by_uri(&item).await?,
            }
            .filter(|i| i.local_item_id.is_none())
            .ok_or_else(|| Failure::Usage(format!("no gathered remote item '{item}'")))?;
            if undo {
                fed.unrepublish(&local, &found.uri)
                    .await
                    .map_err(inbox_failure)?;
                println!("took back {}", found.uri);
            } else {
                let id = fed.republish(&local, &found).await.map_err(inbox_failure)?;
                println!("{id}");
            }
            Ok(())
        }
        Command::Followers(cmd) => {
            let store = node::open(&config).await?;
            match cmd {
                FollowersCommand::List { actor, pending } => {
                    let local = local_actor(&store, &actor).await?;
                    for f in store.followers(local.id, !pending).await? {
                        println!("{}\t{}", f.follower_uri, f.inbox);
                    }
                }
                FollowersCommand::Accept { follower, actor } => {
                    let local = local_actor(&store, &actor).await?;
                    let fed = node::federation(&config, &store).await?;
                    fed.decide_pending(&local, &follower, true)
                        .await
                        .map_err(inbox_failure)?;
                }
                FollowersCommand::Reject { follower, actor } => {
                    let local = local_actor(&store, &actor).await?;
                    let fed = node::federation(&config, &store).await?;
                    fed.decide_pending(&local, &follower, false)
                        .await
                        .map_err(inbox_failure)?;
                }
            }
            Ok(())
        }
        Command::Deliveries => {
            let store = node::open(&config).await?;
            let stats = store.queue_stats().await?;
            println!(
                "pending {}  done {}  failed {}",
                stats.pending, stats.done, stats.failed
            );
            if !stats.failures.is_empty() {
                println!("\nfailures by host:");
                for (host, n, error) in &stats.failures {
                    println!("  {host}\t{n}\t{error}");
                }
            }
            if !stats.paused.is_empty() {
                println!("\npaused hosts:");
                for (host, until) in &stats.paused {
                    println!("  {host}\tuntil {}", until.to_rfc3339());
                }
            }
            Ok(())
        }
        Command::Received { limit } => {
            let store = node::open(&config).await?;
            for (id, kind, body) in store.inbox_activities(limit).await? {
                let object_type = serde_json::from_str::<serde_json::Value>(&body)
                    .ok()
                    .and_then(|v| v["object"]["type"].as_str().map(str::to_string))
                    .unwrap_or_else(|| "-".into());
                println!("{kind}\t{object_type}\t{id}");
            }
            Ok(())
        }
        Command::Worker => {
            let store = node::open(&config).await?;
            let fed = node::federation(&config, &store).await?;
            tracing::info!("delivery worker running");
            civicpub_service::delivery::Worker::new(fed, config.delivery.clone())
                .run(shutdown_signal())
                .await;
            Ok(())
        }
        Command::Federation(cmd) => {
            let store = node::open(&config).await?;
            match cmd {
                FederationCommand::Show => {
                    println!("mode: {}", store.federation_mode().await?.as_str());
                    for (domain, rule) in store.domain_rules().await? {
                        println!("{rule}\t{domain}");
                    }
                }
                FederationCommand::Mode { mode } => {
                    let m = civicpub_store::FederationMode::parse(&mode).ok_or_else(|| {
                        Failure::Usage(format!(
                            "unknown mode '{mode}': use open, allowlist or blocklist"
                        ))
                    })?;
                    store.set_federation_mode(m).await?;
                }
                FederationCommand::Allow { host } => {
                    store
                        .set_domain_rule(&domain_arg(&host)?, Some("allow"))
                        .await?
                }
                FederationCommand::Block { host } => {
                    store
                        .set_domain_rule(&domain_arg(&host)?, Some("block"))
                        .await?
                }
                FederationCommand::Unlist { host } => {
                    store.set_domain_rule(&domain_arg(&host)?, None).await?
                }
            }
            Ok(())
        }
        Command::Token(TokenCommand::Create { actor, scopes }) => {
            let store = node::open(&config).await?;
            let scopes = civicpub_service::tokens::parse_scopes(&scopes)
                .map_err(|e| Failure::Usage(format!("invalid --scopes: {e}")))?;
            let actor = store
                .actor_by_username(&actor)
                .await?
                .filter(|a| !a.is_instance_actor())
                .ok_or_else(|| Failure::Usage(format!("no actor '{actor}' on this node")))?;
            let token = civicpub_service::tokens::create(&store, actor.id, &scopes).await?;
            println!("{token}");
            Ok(())
        }
    }
}

async fn local_actor(
    store: &Store,
    username: &str,
) -> Result<civicpub_domain::LocalActor, Failure> {
    store
        .actor_by_username(username)
        .await?
        .filter(|a| !a.is_instance_actor())
        .ok_or_else(|| Failure::Usage(format!("no actor '{username}' on this node")))
}

fn inbox_failure(e: civicpub_service::federation::InboxError) -> Failure {
    use civicpub_service::federation::InboxError;
    match e {
        InboxError::Store(e) => Failure::Runtime(e.to_string()),
        other => Failure::Usage(other.to_string()),
    }
}

/// A domain as the policy lists it: `host` or `host:port`, lower case.
fn domain_arg(d: &str) -> Result<String, Failure> {
    let d = d.trim().to_ascii_lowercase();
    civicpub_domain::NodeBase::new(&d, true)
        .map(|b| b.domain().to_string())
        .map_err(|e| Failure::Usage(format!("invalid domain: {e}")))
}

async fn item_command<K: publishing::KindArgs>(
    cmd: ItemCommand<K>,
    config: &Config,
) -> Result<(), Failure> {
    let store = node::open(config).await?;
    match publishing::run(cmd, config, &store).await {
        Ok(url) => {
            println!("{url}");
            Ok(())
        }
        Err(e) if e.usage => Err(Failure::Usage(e.message)),
        Err(e) => Err(Failure::Runtime(e.message)),
    }
}

async fn serve(config: Config) -> Result<(), Failure> {
    if config.insecure_dev {
        tracing::warn!(
            "INSECURE DEV MODE: http:// and private addresses are allowed for federation. \
             Never run a public node like this."
        );
    }
    // Bind first: a port that is taken is reported before the database is touched.
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| Failure::Runtime(format!("cannot listen on {}: {e}", config.listen)))?;
    let store = node::open(&config).await?;
    node::mirror_local_items(&config, &store).await?;
    let state = node::app_state(&config, &store).await?;
    let worker =
        civicpub_service::delivery::Worker::new(state.fed.clone(), config.delivery.clone());
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker_task = tokio::spawn(worker.run(async move {
        let mut rx = stop_rx;
        let _ = rx.wait_for(|s| *s).await;
    }));
    tracing::info!(
        listen = %config.listen,
        base = %config.base.as_str(),
        database = store.backend().name(),
        "civicpub is serving"
    );
    axum::serve(listener, civicpub_web::app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| Failure::Runtime(format!("server error: {e}")))?;
    let _ = stop_tx.send(true);
    let _ = worker_task.await;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

async fn actor_command(cmd: ActorCommand, config: &Config, store: &Store) -> Result<(), Failure> {
    match cmd {
        ActorCommand::Create { username, profile } => {
            let username = Username::parse(&username)
                .map_err(|e| Failure::Usage(format!("invalid username '{username}': {e}")))?;
            let name = profile.name.clone().unwrap_or_else(|| username.to_string());
            // Check every input before anything is written.
            if store.actor_by_username(username.as_str()).await?.is_some() {
                return Err(Failure::Usage(format!(
                    "the actor '{username}' already exists"
                )));
            }
            let update = profile_update(&profile, config, store).await?;
            let actor = node::create_actor(
                store,
                username,
                ActorKind::Organization,
                name,
                profile.summary.clone().unwrap_or_default(),
            )
            .await?;
            let actor = store
                .update_profile(actor.username.as_str(), &update)
                .await?;
            println!("{}", config.base.actor_url(actor.username.as_str()));
            Ok(())
        }
        ActorCommand::Update { username, profile } => {
            let existing = store
                .actor_by_username(&username)
                .await?
                .filter(|a| !a.is_instance_actor())
                .ok_or_else(|| Failure::Usage(format!("no actor '{username}' on this node")))?;
            let update = profile_update(&profile, config, store).await?;
            store
                .update_profile(existing.username.as_str(), &update)
                .await?;
            println!("{}", config.base.actor_url(&username));
            Ok(())
        }
        ActorCommand::List => {
            let actors = store.publishing_actors().await?;
            println!("{:<20} {:<40} URL", "USERNAME", "NAME");
            for a in actors {
                println!(
                    "{:<20} {:<40} {}",
                    a.username,
                    a.display_name,
                    config.base.actor_url(a.username.as_str())
                );
            }
            Ok(())
        }
    }
}

/// Validates profile arguments into an update; stores the icon only once all else is valid.
async fn profile_update(
    p: &ProfileArgs,
    config: &Config,
    store: &Store,
) -> Result<ProfileUpdate, Failure> {
    let usage = |m: String| Failure::Usage(m);
    if let Some(name) = &p.name {
        if name.trim().is_empty() || name.chars().count() > 200 {
            return Err(usage("invalid --name: it needs 1 to 200 characters".into()));
        }
    }
    if p.summary.as_ref().is_some_and(|s| s.len() > 5000) {
        return Err(usage("invalid --summary: at most 5000 bytes".into()));
    }
    let website = match p.website.as_deref() {
        None => None,
        Some("") => Some(None),
        Some(w) => {
            let url = Url::parse(w)
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
                .ok_or_else(|| {
                    usage(format!("invalid --website '{w}': expected an http(s) URL"))
                })?;
            Some(Some(url))
        }
    };
    let contact = match p.contact.as_deref() {
        None => None,
        Some("") => Some(None),
        Some(c) if c.chars().count() > 500 => {
            return Err(usage("invalid --contact: at most 500 characters".into()))
        }
        Some(c) => Some(Some(c.trim().to_string())),
    };
    let icon = match (&p.icon, &p.icon_alt) {
        (Some(path), Some(alt)) => {
            if alt.trim().is_empty() {
                return Err(usage(
                    "invalid --icon-alt: describe the image for people who cannot see it".into(),
                ));
            }
            let bytes = std::fs::read(path)
                .map_err(|e| usage(format!("cannot read --icon {}: {e}", path.display())))?;
            let claimed = path
                .extension()
                .and_then(|e| e.to_str())
                .and_then(MediaKind::from_extension);
            let kind = MediaKind::check(&bytes, claimed)
                .map_err(|e| usage(format!("invalid --icon {}: {e}", path.display())))?;
            if !kind.is_image() {
                return Err(usage(format!(
                    "invalid --icon {}: not an image",
                    path.display()
                )));
            }
            let media = MediaFiles::new(&config.data_dir)
                .save(store, &bytes, Some(kind), ICON_LIMIT)
                .await
                .map_err(|e| usage(format!("invalid --icon {}: {e}", path.display())))?;
            Some((media, alt.trim().to_string()))
        }
        _ => None,
    };
    Ok(ProfileUpdate {
        display_name: p.name.clone(),
        summary: p.summary.clone(),
        website,
        contact,
        icon,
        manually_approves_followers: p.manually_approves_followers,
        discoverable: p.discoverable,
    })
}
