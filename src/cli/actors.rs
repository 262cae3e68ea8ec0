//! `civicpub actor …` and `civicpub token …`: the node's local actors and
//! their API tokens.

use super::{open, Failure};
use civicpub::config::Config;
use civicpub::publish;
use civicpub_service::actors::ProfileInput;
use civicpub_service::ServiceError;
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub(super) enum ActorCommand {
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
    /// Name the accounts an actor also is (alsoKnownAs), so that one can move here
    Alias(civicpub::moves::AliasArgs),
    /// Move an actor to another account and tell its followers (Move)
    Move(civicpub::moves::MoveArgs),
}

#[derive(clap::Subcommand)]
pub(super) enum TokenCommand {
    /// Make a token for an actor and print it (it is shown only once)
    Create {
        /// The local actor [default: the city]
        #[arg(long)]
        actor: Option<String>,
        /// Comma-separated: read, write, admin
        #[arg(long, default_value = "read,write")]
        scopes: String,
    },
    /// List the tokens: id, actor, scopes, when made and last used (never the secret)
    List,
    /// Revoke a token by its id (from `token list`): the API refuses it at once
    Revoke { id: i64 },
}

#[derive(clap::Args)]
pub(super) struct ProfileArgs {
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
    /// Header image, the profile's banner (PNG, JPEG, GIF or WebP, at most 2 MB)
    #[arg(long, value_name = "FILE", requires = "header_alt")]
    header: Option<PathBuf>,
    /// Text alternative of the header image
    #[arg(long, value_name = "TEXT")]
    header_alt: Option<String>,
    /// A profile field beside website and contact (repeat for up to 4; they replace the ones there)
    #[arg(long = "field", value_name = "NAME=VALUE")]
    fields: Vec<String>,
    /// Approve each follower by hand
    #[arg(long, value_name = "BOOL", value_parser = clap::builder::BoolishValueParser::new())]
    manually_approves_followers: Option<bool>,
    /// List the actor in directories and search
    #[arg(long, value_name = "BOOL", value_parser = clap::builder::BoolishValueParser::new())]
    discoverable: Option<bool>,
}

pub(super) async fn actor(cmd: ActorCommand, config: &Config) -> Result<(), Failure> {
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
        ActorCommand::Alias(args) => {
            civicpub::moves::alias(&node, args, &mut std::io::stdout()).await?
        }
        ActorCommand::Move(args) => {
            civicpub::moves::move_actor(&node, args, &mut std::io::stdout()).await?
        }
    }
    Ok(())
}

pub(super) async fn token(cmd: TokenCommand, config: &Config) -> Result<(), Failure> {
    let node = open(config).await?;
    match cmd {
        TokenCommand::Create { actor, scopes } => {
            let actor = node.actor_or_city(actor.as_deref()).await?;
            let token = node.create_token(actor.username.as_str(), &scopes).await?;
            out!("{token}");
        }
        TokenCommand::List => {
            out!(
                "{:<6} {:<20} {:<18} {:<20} LAST USED",
                "ID",
                "ACTOR",
                "SCOPES",
                "CREATED"
            );
            for t in node.tokens().await? {
                out!(
                    "{:<6} {:<20} {:<18} {:<20} {}",
                    t.id,
                    t.actor,
                    t.scopes.join(","),
                    t.created_at.to_rfc3339(),
                    t.last_used_at
                        .map_or_else(|| "never".to_string(), |t| t.to_rfc3339())
                );
            }
        }
        TokenCommand::Revoke { id } => {
            node.revoke_token(id).await?;
            out!("revoked token {id}");
        }
    }
    Ok(())
}

impl ProfileArgs {
    /// The flags as the service's profile input (the icon read from its file).
    fn input(&self) -> Result<ProfileInput, ServiceError> {
        let icon = match (&self.icon, &self.icon_alt) {
            (Some(path), alt) => Some((publish::upload(path)?, alt.clone().unwrap_or_default())),
            _ => None,
        };
        let header = match (&self.header, &self.header_alt) {
            (Some(path), alt) => Some((publish::upload(path)?, alt.clone().unwrap_or_default())),
            _ => None,
        };
        let fields = if self.fields.is_empty() {
            None
        } else {
            let mut pairs = Vec::new();
            for f in &self.fields {
                let (name, value) = f.split_once('=').ok_or_else(|| {
                    ServiceError::field("field", format!("'{f}' is not NAME=VALUE"))
                })?;
                pairs.push((name.to_string(), value.to_string()));
            }
            Some(pairs)
        };
        Ok(ProfileInput {
            name: self.name.clone(),
            summary: self.summary.clone(),
            website: self.website.clone(),
            contact: self.contact.clone(),
            icon,
            header,
            fields,
            manually_approves_followers: self.manually_approves_followers,
            discoverable: self.discoverable,
        })
    }
}
