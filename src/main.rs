//! `civicpub`: run a city's node, and manage it from the command line.

use civicpub::citizens::{ConsultationCommand, ModerationCommand};
use civicpub::config::{Config, Options};
use civicpub::node;
use civicpub::publish::{self as publishing, DocumentArgs, EventArgs, ItemCommand, NewsArgs};
use civicpub_service::actors::ProfileInput;
use civicpub_service::{Node, ServiceError};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

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
        /// The local actor [default: the city]
        #[arg(long)]
        actor: Option<String>,
    },
    /// Stop following a remote account
    Unfollow {
        handle: String,
        /// The local actor [default: the city]
        #[arg(long)]
        actor: Option<String>,
    },
    /// Accounts an actor follows
    #[command(subcommand)]
    Following(FollowingCommand),
    /// Republish a gathered item to an actor's followers (Announce), or take it back
    Republish {
        /// The item's number in the network views, or its ActivityPub id
        item: String,
        /// The local actor [default: the city]
        #[arg(long)]
        actor: Option<String>,
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
    /// Consultations: questions citizens answer by voting from their own server
    #[command(subcommand)]
    Consultation(ConsultationCommand),
    /// Replies from citizens: the moderation queue, blocks, reports, and how
    /// each kind of item is moderated
    #[command(subcommand)]
    Moderation(ModerationCommand),
    /// What editors read: replies that mention the city and posts addressed to it
    Messages {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// The public site: its pages (About, Contact, Privacy, Accessibility) and branding
    #[command(subcommand)]
    Site(civicpub::site::SiteCommand),
    /// Staff accounts of the web admin (/admin)
    #[command(subcommand)]
    User(civicpub::staff::UserCommand),
}

#[derive(Subcommand)]
enum FollowingCommand {
    /// List the accounts an actor follows, and whether each accepted
    List {
        /// The local actor [default: the city]
        #[arg(long)]
        actor: Option<String>,
    },
}

#[derive(Subcommand)]
enum FollowersCommand {
    /// List followers (or, with --pending, requests awaiting a decision)
    List {
        /// The local actor [default: the city]
        #[arg(long)]
        actor: Option<String>,
        #[arg(long)]
        pending: bool,
    },
    /// Accept a pending follow request
    Accept {
        follower: String,
        /// The local actor [default: the city]
        #[arg(long)]
        actor: Option<String>,
    },
    /// Reject a pending follow request
    Reject {
        follower: String,
        /// The local actor [default: the city]
        #[arg(long)]
        actor: Option<String>,
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
        /// The local actor [default: the city]
        #[arg(long)]
        actor: Option<String>,
        /// Comma-separated: read, write, admin
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

/// A command's failure: a message, and whether it was the user's input (exit 2)
/// or something else (exit 1).
enum Failure {
    Usage(String),
    Runtime(String),
}

/// The one mapping of service errors to the command line.
impl From<ServiceError> for Failure {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Invalid(errors) => Failure::Usage(
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            ServiceError::Internal(_)
            | ServiceError::Unavailable(_)
            | ServiceError::TooMany(_, _) => Failure::Runtime(e.detail()),
            other => Failure::Usage(other.to_string()),
        }
    }
}

impl From<civicpub::config::ConfigError> for Failure {
    fn from(e: civicpub::config::ConfigError) -> Self {
        Failure::Usage(e.0)
    }
}

impl From<civicpub_store::StoreError> for Failure {
    fn from(e: civicpub_store::StoreError) -> Self {
        ServiceError::from(e).into()
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

/// Prints a line of a listing; a reader that went away (`| head`) ends the
/// listing quietly.
macro_rules! out {
    ($($arg:tt)*) => {
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            return Ok(());
        }
    };
}

/// The open node's services, for a command.
async fn open(config: &Config) -> Result<Arc<Node>, Failure> {
    let store = node::open(config).await?;
    Ok(node::node(config, &store).await?)
}

async fn run(command: Command, config: Config) -> Result<(), Failure> {
    match command {
        Command::Serve => serve(config).await,
        Command::Migrate => {
            let store = node::connect(&config).await?;
            out!("database schema is up to date ({})", store.backend().name());
            Ok(())
        }
        Command::Actor(cmd) => actor_command(cmd, &config).await,
        Command::Site(cmd) => {
            let node = open(&config).await?;
            Ok(civicpub::site::run(&node, cmd, &mut std::io::stdout()).await?)
        }
        Command::News(cmd) => item_command(cmd, &config).await,
        Command::Event(cmd) => item_command(cmd, &config).await,
        Command::Document(cmd) => item_command(cmd, &config).await,
        Command::Pin { id, unpin } => {
            let node = open(&config).await?;
            let item = node
                .store
                .item(id)
                .await?
                .filter(|i| i.deleted_at.is_none())
                .ok_or_else(|| Failure::Usage(format!("no item {id}")))?;
            let (_, actor) = node.item_with_actor(item.kind, id).await?;
            let item = node.pin(&actor, item.kind, id, !unpin).await?;
            out!("{}", config.base.url(&item.path()));
            Ok(())
        }
        Command::Follow { handle, actor } => {
            let node = open(&config).await?;
            let local = node.actor_or_city(actor.as_deref()).await?;
            let remote = node.follow(&local, &handle).await?;
            out!("{} (pending until accepted)", remote.uri);
            let caught = node
                .catch_up(&remote, civicpub_service::network::CATCH_UP_ITEMS)
                .await;
            out!(
                "gathered {} recent items ({} skipped)",
                caught.gathered,
                caught.skipped
            );
            Ok(())
        }
        Command::Unfollow { handle, actor } => {
            let node = open(&config).await?;
            let local = node.actor_or_city(actor.as_deref()).await?;
            node.unfollow(&local, &handle).await?;
            Ok(())
        }
        Command::Following(FollowingCommand::List { actor }) => {
            let node = open(&config).await?;
            let local = node.actor_or_city(actor.as_deref()).await?;
            for f in node.following(&local).await? {
                out!("{}\t{}", f.target_uri, f.state.as_str());
            }
            Ok(())
        }
        Command::Republish { item, actor, undo } => {
            let node = open(&config).await?;
            let local = node.actor_or_city(actor.as_deref()).await?;
            let found = node.network_item(&item).await?;
            if undo {
                node.unrepublish(&local, &found).await?;
                out!("took back {}", found.uri);
            } else {
                let id = node.republish(&local, &found).await?;
                out!("{id}");
            }
            Ok(())
        }
        Command::Followers(cmd) => {
            let node = open(&config).await?;
            match cmd {
                FollowersCommand::List { actor, pending } => {
                    let local = node.actor_or_city(actor.as_deref()).await?;
                    for f in node.followers(&local, !pending).await? {
                        out!("{}\t{}", f.follower_uri, f.inbox);
                    }
                }
                FollowersCommand::Accept { follower, actor } => {
                    let local = node.actor_or_city(actor.as_deref()).await?;
                    node.decide_follow_request(&local, &follower, true).await?;
                }
                FollowersCommand::Reject { follower, actor } => {
                    let local = node.actor_or_city(actor.as_deref()).await?;
                    node.decide_follow_request(&local, &follower, false).await?;
                }
            }
            Ok(())
        }
        Command::Deliveries => {
            let node = open(&config).await?;
            let stats = node.store.queue_stats().await?;
            out!(
                "pending {}  in flight {}  done {}  failed {}  skipped {}",
                stats.pending,
                stats.in_flight,
                stats.done,
                stats.failed,
                stats.skipped
            );
            if !stats.failures.is_empty() {
                out!("\nfailures by host:");
                for (host, n, error) in &stats.failures {
                    out!("  {host}\t{n}\t{error}");
                }
            }
            if !stats.paused.is_empty() {
                out!("\npaused hosts:");
                for (host, until) in &stats.paused {
                    out!("  {host}\tuntil {}", until.to_rfc3339());
                }
            }
            Ok(())
        }
        Command::Received { limit } => {
            let node = open(&config).await?;
            for (id, kind, body) in node.store.inbox_activities(limit).await? {
                let object_type = serde_json::from_str::<serde_json::Value>(&body)
                    .ok()
                    .and_then(|v| v["object"]["type"].as_str().map(str::to_string))
                    .unwrap_or_else(|| "-".into());
                out!("{kind}\t{object_type}\t{id}");
            }
            Ok(())
        }
        Command::Worker => {
            let node = open(&config).await?;
            tokio::spawn(
                node.clone()
                    .housekeeping(std::time::Duration::from_secs(3600)),
            );
            tokio::spawn(
                node.clone()
                    .send_totals_loop(std::time::Duration::from_secs(1)),
            );
            tokio::spawn(
                node.clone()
                    .publish_due_loop(std::time::Duration::from_secs(1)),
            );
            tracing::info!("delivery worker running");
            civicpub_service::delivery::Worker::new(node, config.delivery.clone())
                .run(shutdown_signal())
                .await;
            Ok(())
        }
        Command::Federation(cmd) => {
            let node = open(&config).await?;
            let policy = match cmd {
                FederationCommand::Show => node.federation_policy().await?,
                FederationCommand::Mode { mode } => node.set_federation_mode(&mode).await?,
                FederationCommand::Allow { host } => node.set_domain_rule(&host, "allow").await?,
                FederationCommand::Block { host } => node.set_domain_rule(&host, "block").await?,
                FederationCommand::Unlist { host } => node.remove_domain_rule(&host).await?,
            };
            out!("mode: {}", policy.mode.as_str());
            for (domain, rule) in &policy.rules {
                out!("{}\t{domain}", rule.as_str());
            }
            Ok(())
        }
        Command::Consultation(cmd) => {
            let node = open(&config).await?;
            Ok(civicpub::citizens::consultation(cmd, &node).await?)
        }
        Command::Moderation(cmd) => {
            let node = open(&config).await?;
            Ok(civicpub::citizens::moderation(cmd, &node).await?)
        }
        Command::Messages { limit } => {
            let node = open(&config).await?;
            Ok(civicpub::citizens::messages(&node, limit).await?)
        }
        Command::User(cmd) => {
            let node = open(&config).await?;
            Ok(civicpub::staff::run(cmd, &node).await?)
        }
        Command::Token(TokenCommand::Create { actor, scopes }) => {
            let node = open(&config).await?;
            let actor = node.actor_or_city(actor.as_deref()).await?;
            let token = node.create_token(actor.username.as_str(), &scopes).await?;
            out!("{token}");
            Ok(())
        }
    }
}

async fn item_command<K: publishing::KindArgs>(
    cmd: ItemCommand<K>,
    config: &Config,
) -> Result<(), Failure> {
    let node = open(config).await?;
    let url = publishing::run(cmd, config, &node).await?;
    out!("{url}");
    Ok(())
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
    let state = node::app_state(&config, &store).await?;
    // Changes other processes make (the CLI, workers) reach this one's caches.
    tokio::spawn(
        state
            .node
            .clone()
            .watch_changes(std::time::Duration::from_millis(250)),
    );
    tokio::spawn(
        state
            .node
            .clone()
            .housekeeping(std::time::Duration::from_secs(3600)),
    );
    tokio::spawn(
        state
            .node
            .clone()
            .send_totals_loop(std::time::Duration::from_secs(1)),
    );
    tokio::spawn(
        state
            .node
            .clone()
            .publish_due_loop(std::time::Duration::from_secs(1)),
    );
    let mirrored = state.node.mirror_missing().await?;
    if mirrored > 0 {
        tracing::info!(items = mirrored, "added local items to the network views");
    }
    let worker =
        civicpub_service::delivery::Worker::new(state.node.clone(), config.delivery.clone());
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
    axum::serve(
        listener,
        civicpub_web::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
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

async fn actor_command(cmd: ActorCommand, config: &Config) -> Result<(), Failure> {
    let node = open(config).await?;
    match cmd {
        ActorCommand::Create { username, profile } => {
            let actor = node.create_actor(&username, profile.input()?).await?;
            out!("{}", node.actor_url(&actor));
        }
        ActorCommand::Update { username, profile } => {
            let actor = node.update_profile(&username, profile.input()?).await?;
            out!("{}", node.actor_url(&actor));
        }
        ActorCommand::List => {
            out!("{:<20} {:<40} URL", "USERNAME", "NAME");
            for a in node.publishing_actors().await? {
                out!(
                    "{:<20} {:<40} {}",
                    a.username,
                    a.display_name,
                    node.actor_url(&a)
                );
            }
        }
    }
    Ok(())
}

impl ProfileArgs {
    /// The flags as the service's profile input (the icon read from its file).
    fn input(&self) -> Result<ProfileInput, ServiceError> {
        let icon = match (&self.icon, &self.icon_alt) {
            (Some(path), alt) => Some((publishing::upload(path)?, alt.clone().unwrap_or_default())),
            _ => None,
        };
        Ok(ProfileInput {
            name: self.name.clone(),
            summary: self.summary.clone(),
            website: self.website.clone(),
            contact: self.contact.clone(),
            icon,
            manually_approves_followers: self.manually_approves_followers,
            discoverable: self.discoverable,
        })
    }
}
