//! Moving accounts, as Mastodon does: an actor names its other accounts
//! (`alsoKnownAs`), moves to one of them (`movedTo`, and a `Move` to its
//! followers), and a `Move` from an account the node follows makes the node
//! follow the new account, once that account names the old one.

use crate::inbox::Received;
use crate::outbox::mint_id;
use crate::{Node, Result, ServiceError};
use civicpub_domain::{authority, LocalActor};
use civicpub_protocol::activity::{Activity, ActivityType};
use civicpub_protocol::actor::Actor;
use civicpub_protocol::context::ACTIVITY_STREAMS;
use civicpub_protocol::values::IdRef;
use civicpub_store::{NewActivity, RemoteActor};
use serde_json::Value;
use url::Url;

/// A `Move`: `object` (the account moving) to `target`.
pub type Move = Activity<IdRef>;

/// The accounts an actor document says it also is.
fn aliases_of(document: &str) -> Result<Vec<Url>> {
    let actor: Actor = serde_json::from_str(document).map_err(ServiceError::internal)?;
    Ok(actor.also_known_as)
}

impl Node {
    /// Sets the accounts `username` says it also is (`alsoKnownAs`), each an
    /// actor URL or a `@user@host` handle; an empty list clears them. An
    /// account moving here must be named first.
    pub async fn set_also_known_as(
        &self,
        username: &str,
        accounts: &[String],
    ) -> Result<LocalActor> {
        let actor = self.publishing_actor(username).await?;
        let me = self.actor_url(&actor);
        let mut aliases = Vec::new();
        for account in accounts {
            let url = self.resolve_handle(account).await?;
            if url == me {
                return Err(ServiceError::field(
                    "also_known_as",
                    "an actor is not an alias of itself",
                ));
            }
            if !aliases.contains(&url) {
                aliases.push(url);
            }
        }
        self.store.set_also_known_as(actor.id, &aliases).await?;
        self.changed().await;
        self.publishing_actor(username).await
    }

    /// Moves `username` to the account `target` (an actor URL or a handle):
    /// refused unless the target names this actor in its `alsoKnownAs`.
    /// Sets `movedTo` and sends `Move` to the followers, in one step.
    pub async fn move_actor(&self, username: &str, target: &str) -> Result<Url> {
        let actor = self.publishing_actor(username).await?;
        let me = self.actor_url(&actor);
        let target = self.resolve_handle(target).await?;
        if target == me {
            return Err(ServiceError::field(
                "target",
                "an actor cannot move to itself",
            ));
        }
        let aliases = match self.local_actor_at(&target).await? {
            Some(local) => local.also_known_as,
            None => {
                self.require_allowed(&authority(&target)).await?;
                let remote = self.fetch_actor(&target).await.map_err(|_| {
                    ServiceError::NotFound(format!("{target} is not an account this node can read"))
                })?;
                aliases_of(&remote.document)?
            }
        };
        if !aliases.contains(&me) {
            return Err(ServiceError::field(
                "target",
                format!(
                    "{target} does not name {me} in its alsoKnownAs: add it there first \
                     (on this node: civicpub actor alias)"
                ),
            ));
        }
        let activity = Move::new(
            ActivityType::Move,
            mint_id(&me, ActivityType::Move),
            me.clone(),
            IdRef(me.clone()),
        )
        .with_target(target.clone())
        .addressed(vec![format!("{me}/followers")], Vec::new())
        .with_context(Value::String(ACTIVITY_STREAMS.into()));
        let new = NewActivity {
            activity_id: activity.id.to_string(),
            kind: ActivityType::Move.as_str().to_string(),
            object_id: me.to_string(),
            body: serde_json::to_string(&activity).map_err(ServiceError::internal)?,
        };
        self.store.record_move(actor.id, &target, &new).await?;
        self.changed().await;
        Ok(target)
    }

    /// A `Move` from `sender`: every local actor following it follows the
    /// target instead, once the target (fetched now) names `sender` in its
    /// `alsoKnownAs`. Doing it again changes nothing.
    pub(crate) async fn on_move(&self, sender: &RemoteActor, moved: &Move) -> Result<Received> {
        if moved.object.url().as_str() != sender.uri {
            return Ok(Received::Ignored("an account can only move itself".into()));
        }
        let Some(target) = moved.target.as_ref().map(IdRef::url) else {
            return Ok(Received::Ignored("the Move names no target".into()));
        };
        let followers = self.store.local_followers_of(&sender.uri).await?;
        if followers.is_empty() {
            return Ok(Received::Ignored(format!(
                "no local actor follows {}",
                sender.uri
            )));
        }
        if self.require_allowed(&authority(target)).await.is_err() {
            return Ok(Received::Ignored(format!(
                "{target} is on a host the federation policy refuses"
            )));
        }
        // The target's own word, fetched now, not what the mover says of it.
        let remote = match self.fetch_actor(target).await {
            Ok(r) => r,
            Err(e) => {
                return Ok(Received::Ignored(format!(
                    "the target {target} cannot be read: {e}"
                )))
            }
        };
        if remote.uri != target.as_str() {
            return Ok(Received::Ignored(format!(
                "{target} names itself {}",
                remote.uri
            )));
        }
        if !aliases_of(&remote.document)?
            .iter()
            .any(|a| a.as_str() == sender.uri)
        {
            tracing::info!(from = %sender.uri, to = %target, "a Move refused: the target does not name the account");
            return Ok(Received::Ignored(format!(
                "{target} does not name {} in its alsoKnownAs",
                sender.uri
            )));
        }
        for actor_id in followers {
            let Some(local) = self.store.actor_by_id(actor_id).await? else {
                continue;
            };
            if self
                .store
                .following_of(local.id, &remote.uri)
                .await?
                .is_none()
            {
                self.follow(&local, &remote.uri).await?;
            }
            if self
                .store
                .following_of(local.id, &sender.uri)
                .await?
                .is_some()
            {
                self.unfollow(&local, &sender.uri).await?;
            }
            tracing::info!(actor = %local.username, from = %sender.uri, to = %remote.uri, "followed a moved account");
        }
        Ok(Received::Stored)
    }
}
