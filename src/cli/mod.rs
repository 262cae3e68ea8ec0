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
    Serve,
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
    /// Run only the delivery worker (more workers can share a PostgreSQL database)
    Worker,
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
    logging::init();
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

/// The open node's services, for a command.
async fn open(config: &Config) -> Result<Arc<Node>, Failure> {
    let store = node::open(config).await?;
    Ok(node::node(config, &store).await?)
}

async fn run(command: Command, config: Config) -> Result<(), Failure> {
    match command {
        Command::Serve => serve::serve(config).await,
        Command::Migrate => serve::migrate(&config).await,
        Command::Worker => serve::worker(config).await,
        Command::Actor(cmd) => actors::actor(cmd, &config).await,
        Command::Token(cmd) => actors::token(cmd, &config).await,
        Command::Site(cmd) => {
            let node = open(&config).await?;
            Ok(civicpub::site::run(&node, cmd, &mut std::io::stdout()).await?)
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
