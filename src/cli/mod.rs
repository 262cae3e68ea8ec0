//! The command line: the commands and their flags, read into the service's
//! inputs, one module per thing they act on.

use civicpub::config::{Config, Options};
use civicpub::node;
use civicpub_service::{Node, ServiceError};
use clap::{Parser, Subcommand};
use std::process::ExitCode;
use std::sync::Arc;

/// Prints a line of a listing; a reader that went away (`| head`) ends the
/// listing quietly.
macro_rules! out {
    ($($arg:tt)*) => {
        if std::io::Write::write_fmt(
            &mut std::io::stdout(),
            format_args!("{}\n", format_args!($($arg)*)),
        )
        .is_err()
        {
            return Ok(());
        }
    };
}

mod actors;
mod federation;
mod http;
mod items;
mod logging;
mod serve;

#[derive(Parser)]
#[command(
    name = "civicpub",
    version,
    about = "A city's node in the civicpub federated publishing network"
)]
pub struct Cli {
    #[command(flatten)]
    options: Options,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the node: sets it up on first start, then serves the web and ActivityPub
    /// (and delivers, unless --no-worker)
    Serve {
        /// Serve only the web side; deliveries are left to `civicpub worker` processes
        #[arg(long)]
        no_worker: bool,
    },
    /// Set up a new node: its database, the city actor and the keys
    Init,
    /// Ask the running node whether it is up: exit 0 when it answers /healthz at
    /// the configured listen address, 1 with the reason otherwise
    Health {
        /// Ask /readyz instead: the database answers and the schema is current
        #[arg(long)]
        ready: bool,
    },
    /// Bring the database schema up to date, and nothing else
    Migrate,
    /// Manage the node's local actors (the city and its channels)
    #[command(subcommand)]
    Actor(actors::ActorCommand),
    /// Publish, update and delete news items (ActivityPub Articles)
    #[command(subcommand)]
    News(civicpub::publish::ItemCommand<civicpub::publish::NewsArgs>),
    /// Publish, update and delete events
    #[command(subcommand)]
    Event(civicpub::publish::ItemCommand<civicpub::publish::EventArgs>),
    /// Publish, revise and delete policy documents
    #[command(subcommand)]
    Document(civicpub::publish::ItemCommand<civicpub::publish::DocumentArgs>),
    /// Pin an item to its actor's profile (the `featured` collection), or unpin it
    Pin {
        id: i64,
        #[arg(long)]
        unpin: bool,
    },
    /// API bearer tokens
    #[command(subcommand)]
    Token(actors::TokenCommand),
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
    Following(federation::FollowingCommand),
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
    Followers(federation::FollowersCommand),
    /// The delivery queue: depth, recent failures per host, paused hosts
    Deliveries,
    /// Activities received and verified, oldest first: type, object type, id
    Received {
        #[arg(long, default_value_t = 100)]
        limit: i64,
    },
    /// Run only the delivery worker and scheduled work (more workers can share a
    /// PostgreSQL database)
    Worker {
        /// Serve this worker's /metrics, /healthz and /readyz on ADDR (e.g. 127.0.0.1:9101)
        #[arg(long, value_name = "ADDR")]
        metrics_listen: Option<std::net::SocketAddr>,
    },
    /// Federation policy: open, allowlist or blocklist, and the listed domains
    #[command(subcommand)]
    Federation(federation::FederationCommand),
    /// Consultations: questions citizens answer by voting from their own server
    #[command(subcommand)]
    Consultation(civicpub::citizens::ConsultationCommand),
    /// Replies from citizens: the moderation queue, blocks, reports, and how
    /// each kind of item is moderated
    #[command(subcommand)]
    Moderation(civicpub::citizens::ModerationCommand),
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
    /// Write the whole node (actors with keys, content, files, follows, settings) to one archive
    Export(civicpub::archive::ExportArgs),
    /// Restore an archive written by `export` into an empty node (also SQLite → PostgreSQL)
    Import(civicpub::archive::ImportArgs),
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

pub fn main(cli: Cli) -> ExitCode {
    let resolved = cli.options.resolve();
    logging::init(resolved.as_ref().map(|c| c.log_format).unwrap_or_default());
    let result = resolved.map_err(Failure::from).and_then(|config| {
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

/// The open node's services, for a command; a command that finds no node
/// refuses, rather than set one up where the user did not mean to.
async fn open(config: &Config) -> Result<Arc<Node>, Failure> {
    let store = node::open_existing(config)
        .await?
        .ok_or_else(|| Failure::Usage(no_node(config)))?;
    Ok(node::node(config, &store).await?)
}

fn no_node(config: &Config) -> String {
    format!(
        "there is no civicpub node in {}: point the command at the node's settings with \
         --config FILE, --data-dir DIR or --database-url URL (or CIVICPUB_CONFIG, \
         CIVICPUB_DATA_DIR, CIVICPUB_DATABASE_URL), or set up a new node with `civicpub init`",
        civicpub_store::redact(&config.database_url)
    )
}

async fn run(command: Command, config: Config) -> Result<(), Failure> {
    match command {
        Command::Serve { no_worker } => serve::serve(config, !no_worker).await,
        Command::Init => serve::init(&config).await,
        Command::Health { ready } => serve::health(&config, ready).await,
        Command::Migrate => serve::migrate(&config).await,
        Command::Worker { metrics_listen } => serve::worker(config, metrics_listen).await,
        Command::Actor(cmd) => actors::actor(cmd, &config).await,
        Command::Token(cmd) => actors::token(cmd, &config).await,
        Command::Export(args) => {
            if node::open_existing(&config).await?.is_none() {
                return Err(Failure::Usage(no_node(&config)));
            }
            Ok(civicpub::archive::export(&config, args, &mut std::io::stdout()).await?)
        }
        // Into a new database: the archive brings the node.
        Command::Import(args) => {
            Ok(civicpub::archive::import(&config, args, &mut std::io::stdout()).await?)
        }
        Command::Site(cmd) => {
            let node = open(&config).await?;
            Ok(civicpub::site::run(&node, cmd, &mut std::io::stdout()).await?)
        }
        Command::User(cmd) => {
            let node = open(&config).await?;
            Ok(civicpub::staff::run(cmd, &node).await?)
        }
        Command::News(cmd) => items::item(cmd, &config).await,
        Command::Event(cmd) => items::item(cmd, &config).await,
        Command::Document(cmd) => items::item(cmd, &config).await,
        Command::Pin { id, unpin } => items::pin(id, unpin, &config).await,
        Command::Follow { handle, actor } => federation::follow(&handle, actor, &config).await,
        Command::Unfollow { handle, actor } => federation::unfollow(&handle, actor, &config).await,
        Command::Following(cmd) => federation::following(cmd, &config).await,
        Command::Republish { item, actor, undo } => {
            federation::republish(&item, actor, undo, &config).await
        }
        Command::Followers(cmd) => federation::followers(cmd, &config).await,
        Command::Deliveries => federation::deliveries(&config).await,
        Command::Received { limit } => federation::received(limit, &config).await,
        Command::Federation(cmd) => federation::policy(cmd, &config).await,
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
    }
}
