//! What other servers send: a verified activity is decoded once into
//! [`Incoming`], checked, remembered (the replay guard), and handled by its type.

use crate::{Node, Result, ServiceError};
use civicpub_domain::{authority, LocalActor, ReactionKind};
use civicpub_protocol::activity::{Activity, Incoming};
use civicpub_protocol::values::{HasId, IdRef, ObjectRef};
use civicpub_store::{FollowState, ReceivedActivity, RemoteActor};
use serde_json::Value;
use url::Url;

/// What became of an accepted activity.
#[derive(Debug, PartialEq, Eq)]
pub enum Received {
    /// Taken in (stored, and acted upon when the node acts on its type).
    Stored,
    /// Acknowledged, and nothing done with it, for this reason.
    Ignored(String),
}

impl Node {
    /// Handles a verified activity from `sender`: checks that `sender` may say
    /// it, refuses a replay, and acts on it by its type.
    pub async fn receive(&self, sender: &RemoteActor, body: &Value) -> Result<Received> {
        let activity =
            Incoming::decode(body).map_err(|e| ServiceError::BadRequest(e.to_string()))?;
        if activity.actor().as_str() != sender.uri {
            return Err(ServiceError::Unauthorized(
                "the activity's actor did not sign it".into(),
            ));
        }
        if authority(activity.id()) != sender.host {
            return Err(ServiceError::Unauthorized(
                "the activity's id is on another host than its actor".into(),
            ));
        }
        if let Incoming::Create(a) | Incoming::Update(a) = &activity {
            if authority(a.object.id()) != sender.host {
                return Err(ServiceError::Unauthorized(
                    "the object's id is on another host than its actor".into(),
                ));
            }
        }
        // An account staff blocked is not heard, and nothing of it is kept.
        self.require_not_blocked(&sender.uri).await?;
        let fresh = self
            .store
            .insert_inbox_activity(&ReceivedActivity {
                activity_id: activity.id().to_string(),
                actor_uri: sender.uri.clone(),
                kind: activity.kind().to_string(),
                object_id: activity.object_id().map(Url::to_string),
                body: body.to_string(),
            })
            .await?;
        if !fresh {
            // Taken in before: a sender's honest retry (after a crash, a lost
            // answer) or a replay. Either way nothing happens twice, and the
            // sender is told it arrived, so that it stops retrying.
            return Ok(Received::Ignored(
                "this activity was received before".into(),
            ));
        }
        let handled = self.handle(sender, activity.clone()).await;
        match &handled {
            // Not taken in after all: let the sender's retry through, rather than
            // refuse it as a replay.
            Err(ServiceError::Internal(_)) => {
                self.store
                    .forget_inbox_activity(activity.id().as_str())
                    .await?
            }
            // Acknowledged and not acted on: keep what the replay guard needs,
            // not the whole document (it may be a megabyte nobody asked for).
            Ok(Received::Ignored(_)) => self.store.forget_body(activity.id().as_str()).await?,
            _ => {}
        }
        handled
    }

    /// Forgets received activities no longer needed (see
    /// `Store::prune_received`): those not taken in after two days, content
    /// activities after thirty.
    pub async fn prune_received(&self) -> Result<u64> {
        let day = 86_400_000;
        let now = civicpub_domain::Timestamp::now().millis();
        Ok(self
            .store
            .prune_received(
                civicpub_domain::Timestamp(now - 2 * day),
                civicpub_domain::Timestamp(now - 30 * day),
            )
            .await?)
    }

    /// The node's chores, every `every` until the process ends: forgetting
    /// received activities that are no longer needed.
    pub async fn housekeeping(self: std::sync::Arc<Self>, every: std::time::Duration) {
        loop {
            match self.prune_received().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(activities = n, "forgot received activities"),
                Err(e) => tracing::warn!(error = %e.detail(), "cannot prune received activities"),
            }
            tokio::time::sleep(every).await;
        }
    }

    async fn handle(&self, sender: &RemoteActor, activity: Incoming) -> Result<Received> {
        match activity {
            Incoming::Follow(follow) => {
                let target = follow.object.url();
                let local = self
                    .local_actor_at(target)
                    .await?
                    .ok_or_else(|| ServiceError::NotFound(format!("no local actor {target}")))?;
                self.follow_requested(&local, sender, &follow.id).await?;
                Ok(Received::Stored)
            }
            Incoming::Accept(answer) => {
                self.follow_answered(sender, &answer, FollowState::Accepted)
                    .await
            }
            Incoming::Reject(answer) => {
                self.follow_answered(sender, &answer, FollowState::Rejected)
                    .await
            }
            Incoming::Undo(undo) => self.undone(sender, &undo.object).await,
            // A citizen's reply, vote or message is taken here; anything else
            // may be for the network views.
            Incoming::Create(a) => {
                if let ObjectRef::Object(o) = &a.object {
                    if let Some(r) = self.on_citizen_post(sender, o).await? {
                        return Ok(r);
                    }
                }
                self.on_content(sender, &a.object).await
            }
            Incoming::Update(a) => {
                if let ObjectRef::Object(o) = &a.object {
                    if let Some(r) = self.on_citizen_edit(sender, o).await? {
                        return Ok(r);
                    }
                }
                self.on_content(sender, &a.object).await
            }
            Incoming::Delete(a) => match self.on_citizen_delete(sender, a.object.id()).await? {
                Some(r) => Ok(r),
                None => self.on_delete(sender, a.object.id()).await,
            },
            Incoming::Announce(a) => {
                let shared = a.object.id();
                match self
                    .on_reaction(sender, &a.id, shared, ReactionKind::Share)
                    .await?
                {
                    Some(r) => Ok(r),
                    None => self.on_announce(sender, &a.object).await,
                }
            }
            Incoming::Like(like) => Ok(self
                .on_reaction(sender, &like.id, like.object.url(), ReactionKind::Like)
                .await?
                .unwrap_or_else(|| {
                    Received::Ignored("likes are counted for this node's objects only".into())
                })),
            Incoming::Flag(flag) => self.on_flag(sender, &flag).await,
            Incoming::Move(moved) => self.on_move(sender, &moved).await,
            Incoming::Unhandled(u) => Ok(Received::Ignored(format!(
                "activities of type '{}' are not handled",
                u.kind
            ))),
        }
    }

    /// An `Accept` or `Reject` of a follow the node asked for, from the account
    /// that was asked.
    async fn follow_answered(
        &self,
        sender: &RemoteActor,
        answer: &Activity<IdRef>,
        state: FollowState,
    ) -> Result<Received> {
        let follow_id = answer.object.url().as_str();
        if self
            .store
            .answer_following(follow_id, &sender.uri, state)
            .await?
        {
            self.changed().await;
            Ok(Received::Stored)
        } else {
            Ok(Received::Ignored(format!(
                "no follow {follow_id} of {} is waiting for an answer",
                sender.uri
            )))
        }
    }

    /// An `Undo`: of a follow, a boost or a like, inlined or named by its id.
    async fn undone(&self, sender: &RemoteActor, undone: &ObjectRef<Incoming>) -> Result<Received> {
        let inlined;
        let undone = match undone {
            ObjectRef::Object(a) => a.as_ref(),
            ObjectRef::Id(id) => {
                let Some(received) = self.store.inbox_activity(id.as_str()).await? else {
                    return Ok(Received::Ignored(format!("{id} was not received here")));
                };
                let body: Value =
                    serde_json::from_str(&received.body).map_err(ServiceError::internal)?;
                inlined = Incoming::decode(&body).map_err(ServiceError::internal)?;
                &inlined
            }
        };
        if undone.actor().as_str() != sender.uri {
            return Err(ServiceError::Unauthorized(
                "only its own actor can take an activity back".into(),
            ));
        }
        match undone {
            Incoming::Follow(follow) => {
                if let Some(local) = self.local_actor_at(follow.object.url()).await? {
                    self.store.remove_follower(local.id, &sender.uri).await?;
                    self.changed().await;
                }
                Ok(Received::Stored)
            }
            Incoming::Announce(boost) => {
                let shared = boost.object.id();
                if let Some(r) = self
                    .on_reaction_undone(sender, shared, ReactionKind::Share)
                    .await?
                {
                    return Ok(r);
                }
                // A boost taken back: the item leaves the views if it came only by it.
                self.store
                    .withdraw_announced(shared.as_str(), &sender.uri)
                    .await?;
                self.changed().await;
                Ok(Received::Stored)
            }
            Incoming::Like(like) => Ok(self
                .on_reaction_undone(sender, like.object.url(), ReactionKind::Like)
                .await?
                .unwrap_or_else(|| {
                    Received::Ignored("likes are counted for this node's objects only".into())
                })),
            other => Ok(Received::Ignored(format!(
                "an Undo of a {} is not handled",
                other.kind()
            ))),
        }
    }

    /// The local (publishing) actor an id names, if any.
    pub(crate) async fn local_actor_at(&self, id: &Url) -> Result<Option<LocalActor>> {
        if !self.base.is_local(id) {
            return Ok(None);
        }
        let Some(name) = id.path().strip_prefix("/actors/") else {
            return Ok(None);
        };
        Ok(self
            .store
            .actor_by_username(name)
            .await?
            .filter(|a| !a.is_instance_actor()))
    }
}
