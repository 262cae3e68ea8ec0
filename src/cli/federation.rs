//! Following and followers, republishing, the federation policy and what
//! travels: the delivery queue and the activities received.

use super::{open, Failure};
use civicpub::config::Config;

#[derive(clap::Subcommand)]
pub(super) enum FollowingCommand {
    /// List the accounts an actor follows, and whether each accepted
    List {
        /// The local actor [default: the city]
        #[arg(long)]
        actor: Option<String>,
    },
}

#[derive(clap::Subcommand)]
pub(super) enum FollowersCommand {
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

#[derive(clap::Subcommand)]
pub(super) enum FederationCommand {
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

pub(super) async fn follow(
    handle: &str,
    actor: Option<String>,
    config: &Config,
) -> Result<(), Failure> {
    let node = open(config).await?;
    let local = node.actor_or_city(actor.as_deref()).await?;
    let remote = node.follow(&local, handle).await?;
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

pub(super) async fn unfollow(
    handle: &str,
    actor: Option<String>,
    config: &Config,
) -> Result<(), Failure> {
    let node = open(config).await?;
    let local = node.actor_or_city(actor.as_deref()).await?;
    node.unfollow(&local, handle).await?;
    Ok(())
}

pub(super) async fn following(cmd: FollowingCommand, config: &Config) -> Result<(), Failure> {
    let FollowingCommand::List { actor } = cmd;
    let node = open(config).await?;
    let local = node.actor_or_city(actor.as_deref()).await?;
    for f in node.following(&local).await? {
        out!("{}\t{}", f.target_uri, f.state.as_str());
    }
    Ok(())
}

pub(super) async fn republish(
    item: &str,
    actor: Option<String>,
    undo: bool,
    config: &Config,
) -> Result<(), Failure> {
    let node = open(config).await?;
    let local = node.actor_or_city(actor.as_deref()).await?;
    let found = node.network_item(item).await?;
    if undo {
        node.unrepublish(&local, &found).await?;
        out!("took back {}", found.uri);
    } else {
        let id = node.republish(&local, &found).await?;
        out!("{id}");
    }
    Ok(())
}

pub(super) async fn followers(cmd: FollowersCommand, config: &Config) -> Result<(), Failure> {
    let node = open(config).await?;
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

pub(super) async fn deliveries(config: &Config) -> Result<(), Failure> {
    let node = open(config).await?;
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

pub(super) async fn received(limit: i64, config: &Config) -> Result<(), Failure> {
    let node = open(config).await?;
    for (id, kind, body) in node.store.inbox_activities(limit).await? {
        let object_type = serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v["object"]["type"].as_str().map(str::to_string))
            .unwrap_or_else(|| "-".into());
        out!("{kind}\t{object_type}\t{id}");
    }
    Ok(())
}

pub(super) async fn policy(cmd: FederationCommand, config: &Config) -> Result<(), Failure> {
    let node = open(config).await?;
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
