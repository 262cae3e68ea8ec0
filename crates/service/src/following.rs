//! Following and being followed: follow requests to and from other servers,
//! and their answers.

use crate::outbox::mint_id;
use crate::{Node, Result, ServiceError};
use civicpub_domain::{authority, LocalActor, Timestamp, Username};
use civicpub_protocol::activity::{Activity, ActivityType};
use civicpub_protocol::context::ACTIVITY_STREAMS;
use civicpub_protocol::values::IdRef;
use civicpub_protocol::webfinger::Jrd;

/// Why a citizen cannot be sent to their own server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InteractionRefused {
    #[error("that is not an account such as @ada@mastodon.social")]
    NotAHandle,
    #[error("no such account could be found")]
    NoAccount,
    #[error("the account's server does not say where to reply or follow from elsewhere")]
    NoTemplate,
    #[error("the account's server gave an address that cannot be used")]
    BadTemplate,
}

/// The WebFinger relation of a server's page for following or replying to an
/// address from elsewhere.
const SUBSCRIBE: &str = "http://ostatus.org/schema/1.0/subscribe";
use civicpub_store::{FollowChange, Follower, Following, RemoteActor};
use serde_json::Value;
use url::Url;

/// A follow as it travels inside an `Accept`, a `Reject` or an `Undo`.
type Follow = Activity<IdRef>;

fn follow(id: Url, follower: Url, followed: Url) -> Follow {
    Activity::new(ActivityType::Follow, id, follower, IdRef(followed))
}

impl Node {
    /// Follows a remote account (`@user@host` or its actor URL): fetches it,
    /// records the follow as pending and queues the `Follow`, in one step.
    pub async fn follow(&self, local: &LocalActor, account: &str) -> Result<RemoteActor> {
        let url = self.resolve_handle(account).await?;
        self.require_allowed(&authority(&url)).await?;
        let remote = self.fetch_actor(&url).await.map_err(|e| match e {
            ServiceError::Unauthorized(_) => {
                ServiceError::NotFound(format!("{account} is not an account this node can follow"))
            }
            other => other,
        })?;
        let me = self.actor_url(local);
        let target = Url::parse(&remote.uri).map_err(ServiceError::internal)?;
        let activity = follow(mint_id(&me, ActivityType::Follow), me, target)
            .with_context(Value::String(ACTIVITY_STREAMS.into()));
        let change = FollowChange::StartFollowing {
            actor_id: local.id,
            target_uri: remote.uri.clone(),
            follow_id: activity.id.to_string(),
        };
        self.send_to(local, &remote.inbox, &activity, &remote.uri, Some(&change))
            .await?;
        Ok(remote)
    }

    /// Stops following: removes the follow and queues `Undo(Follow)`.
    pub async fn unfollow(&self, local: &LocalActor, account: &str) -> Result<()> {
        let url = self.resolve_handle(account).await?;
        let followed = self
            .store
            .following_of(local.id, url.as_str())
            .await?
            .ok_or_else(|| {
                ServiceError::NotFound(format!("{} does not follow {url}", local.username))
            })?;
        let remote = self
            .store
            .remote_actor(url.as_str())
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("unknown actor {url}")))?;
        let me = self.actor_url(local);
        let follow_id = Url::parse(&followed.follow_id).map_err(ServiceError::internal)?;
        let undo = Activity::new(
            ActivityType::Undo,
            mint_id(&me, ActivityType::Undo),
            me.clone(),
            follow(follow_id, me, url.clone()),
        )
        .with_context(Value::String(ACTIVITY_STREAMS.into()));
        let change = FollowChange::StopFollowing {
            actor_id: local.id,
            target_uri: url.to_string(),
        };
        self.send_to(
            local,
            &remote.inbox,
            &undo,
            &followed.follow_id,
            Some(&change),
        )
        .await
    }

    /// The accounts `local` follows or asked to follow.
    pub async fn following(&self, local: &LocalActor) -> Result<Vec<Following>> {
        Ok(self.store.following(local.id).await?)
    }

    /// `local`'s accepted followers, or its pending follow requests.
    pub async fn followers(&self, local: &LocalActor, accepted: bool) -> Result<Vec<Follower>> {
        Ok(self.store.followers(local.id, accepted).await?)
    }

    /// A follow request from `sender` to `local`: pending when `local` approves
    /// followers by hand, else accepted at once.
    pub(crate) async fn follow_requested(
        &self,
        local: &LocalActor,
        sender: &RemoteActor,
        follow_id: &Url,
    ) -> Result<()> {
        if local.manually_approves_followers {
            self.store
                .change_follows(&FollowChange::AddFollower(Follower {
                    actor_id: local.id,
                    follower_uri: sender.uri.clone(),
                    inbox: sender.delivery_inbox().to_string(),
                    follow_id: follow_id.to_string(),
                    accepted: false,
                    created_at: Timestamp::now(),
                }))
                .await?;
            self.changed().await;
            return Ok(());
        }
        self.answer_follow(local, sender, follow_id, true).await
    }

    /// Accepts or rejects a follow request and tells the follower, in one step:
    /// the follower is recorded together with the `Accept` that tells it.
    async fn answer_follow(
        &self,
        local: &LocalActor,
        sender: &RemoteActor,
        follow_id: &Url,
        accept: bool,
    ) -> Result<()> {
        let me = self.actor_url(local);
        let follower = Url::parse(&sender.uri).map_err(ServiceError::internal)?;
        let kind = if accept {
            ActivityType::Accept
        } else {
            ActivityType::Reject
        };
        let answer = Activity::new(
            kind,
            mint_id(&me, kind),
            me.clone(),
            follow(follow_id.clone(), follower, me),
        )
        .with_context(Value::String(ACTIVITY_STREAMS.into()));
        let change = if accept {
            FollowChange::AddFollower(Follower {
                actor_id: local.id,
                follower_uri: sender.uri.clone(),
                inbox: sender.delivery_inbox().to_string(),
                follow_id: follow_id.to_string(),
                accepted: true,
                created_at: Timestamp::now(),
            })
        } else {
            FollowChange::RemoveFollower {
                actor_id: local.id,
                follower_uri: sender.uri.clone(),
            }
        };
        self.send_to(
            local,
            sender.delivery_inbox(),
            &answer,
            follow_id.as_str(),
            Some(&change),
        )
        .await
    }

    /// Decides a pending follow request of `follower_uri` to `local`.
    pub async fn decide_follow_request(
        &self,
        local: &LocalActor,
        follower_uri: &str,
        accept: bool,
    ) -> Result<()> {
        let pending = self
            .store
            .follower(local.id, follower_uri)
            .await?
            .filter(|f| !f.accepted)
            .ok_or_else(|| {
                ServiceError::NotFound(format!("no pending request from {follower_uri}"))
            })?;
        let sender = self
            .store
            .remote_actor(follower_uri)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("unknown actor {follower_uri}")))?;
        let follow_id = Url::parse(&pending.follow_id).map_err(ServiceError::internal)?;
        self.answer_follow(local, &sender, &follow_id, accept).await
    }

    /// An actor URL from a URL or a `@user@host` handle (by WebFinger).
    pub async fn resolve_handle(&self, account: &str) -> Result<Url> {
        let account = account.trim();
        if account.starts_with("http://") || account.starts_with("https://") {
            return Url::parse(account)
                .map_err(|_| ServiceError::field("account", format!("'{account}' is not a URL")));
        }
        let jrd = self.webfinger(account).await?;
        let not_found = |detail: String| {
            tracing::info!(%account, %detail, "WebFinger lookup failed");
            ServiceError::NotFound(format!("no account {account} could be found"))
        };
        let actor = jrd
            .actor_id()
            .ok_or_else(|| not_found("no ActivityPub actor in the descriptor".into()))?;
        Url::parse(actor).map_err(|_| not_found(format!("'{actor}' is not a URL")))
    }

    /// The WebFinger descriptor of a `@user@host` handle.
    async fn webfinger(&self, account: &str) -> Result<Jrd> {
        let handle = account.trim().trim_start_matches('@');
        let (user, host) = handle.split_once('@').ok_or_else(|| {
            ServiceError::field("account", format!("'{account}' is not @user@host or a URL"))
        })?;
        Username::parse_any(&user.to_ascii_lowercase())
            .map_err(|e| ServiceError::field("account", format!("'{account}': {e}")))?;
        let scheme = self.base.as_url().scheme();
        let wf = Url::parse(&format!(
            "{scheme}://{host}/.well-known/webfinger?resource=acct:{user}@{host}"
        ))
        .ok()
        .filter(|u| u.host_str().is_some() && u.path() == "/.well-known/webfinger")
        .ok_or_else(|| {
            ServiceError::field("account", format!("'{account}' has an invalid host"))
        })?;
        let not_found = |detail: String| {
            tracing::info!(%account, %detail, "WebFinger lookup failed");
            ServiceError::NotFound(format!("no account {account} could be found"))
        };
        let jrd = self
            .http
            .get_json(&wf, &self.instance)
            .await
            .map_err(|e| not_found(e.to_string()))?;
        serde_json::from_value(jrd).map_err(|e| not_found(e.to_string()))
    }

    /// Where the citizen with account `handle` replies to, votes on or
    /// follows `target` from their own server: the page their server names in
    /// WebFinger (`http://ostatus.org/schema/1.0/subscribe`) for it.
    pub async fn remote_interaction(
        &self,
        handle: &str,
        target: &Url,
    ) -> std::result::Result<Url, InteractionRefused> {
        let handle = handle.trim();
        if handle.contains("://") || !handle.trim_start_matches('@').contains('@') {
            return Err(InteractionRefused::NotAHandle);
        }
        let jrd = self.webfinger(handle).await.map_err(|e| match e {
            ServiceError::Invalid(_) => InteractionRefused::NotAHandle,
            _ => InteractionRefused::NoAccount,
        })?;
        let template = jrd
            .links
            .iter()
            .find(|l| l.rel == SUBSCRIBE)
            .and_then(|l| l.template.as_deref())
            .filter(|t| t.contains("{uri}"))
            .ok_or(InteractionRefused::NoTemplate)?;
        let encoded: String =
            url::form_urlencoded::byte_serialize(target.as_str().as_bytes()).collect();
        Url::parse(&template.replace("{uri}", &encoded))
            .ok()
            .filter(|u| matches!(u.scheme(), "https" | "http") && u.host_str().is_some())
            .ok_or(InteractionRefused::BadTemplate)
    }
}
