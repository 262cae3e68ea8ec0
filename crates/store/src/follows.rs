//! Who follows the node's actors, and whom they follow. Changes that tell the
//! other side (an `Accept`, a `Follow`, an `Undo`) are [`FollowChange`]s, written
//! in the same transaction as the activity (`Store::record_activity`): a
//! follower is never recorded as accepted without its `Accept` queued.

use crate::{Store, StoreError};
use civicpub_domain::Timestamp;
use sqlx::{any::AnyRow, Row};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follower {
    pub actor_id: i64,
    pub follower_uri: String,
    pub inbox: String,
    pub follow_id: String,
    pub accepted: bool,
    pub created_at: Timestamp,
}

/// Where a follow the node asked for stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowState {
    /// Sent; no answer yet.
    Pending,
    Accepted,
    /// The account said no (`Reject`).
    Rejected,
}

impl FollowState {
    pub fn as_str(self) -> &'static str {
        match self {
            FollowState::Pending => "pending",
            FollowState::Accepted => "accepted",
            FollowState::Rejected => "rejected",
        }
    }

    fn parse(s: &str) -> Result<Self, StoreError> {
        match s {
            "pending" => Ok(FollowState::Pending),
            "accepted" => Ok(FollowState::Accepted),
            "rejected" => Ok(FollowState::Rejected),
            other => Err(StoreError::Corrupt(format!("follow state '{other}'"))),
        }
    }
}

/// An account a local actor follows (or asked to).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Following {
    pub target_uri: String,
    pub follow_id: String,
    pub state: FollowState,
    pub created_at: Timestamp,
}

/// A change to the follow tables, written with the activity that announces it.
#[derive(Debug, Clone)]
pub enum FollowChange {
    /// Record a follower or a pending request (replacing an earlier one).
    AddFollower(Follower),
    RemoveFollower {
        actor_id: i64,
        follower_uri: String,
    },
    /// A follow request sent: pending until the account answers.
    StartFollowing {
        actor_id: i64,
        target_uri: String,
        follow_id: String,
    },
    StopFollowing {
        actor_id: i64,
        target_uri: String,
    },
}

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

impl FollowChange {
    pub(crate) async fn apply(&self, tx: &mut Tx<'_>) -> Result<(), StoreError> {
        match self {
            FollowChange::AddFollower(f) => {
                let host = url::Url::parse(&f.inbox)
                    .map(|u| civicpub_domain::authority(&u))
                    .unwrap_or_default();
                sqlx::query(
                    "INSERT INTO followers (actor_id, follower_uri, inbox, inbox_host, follow_id, state, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) \
                     ON CONFLICT (actor_id, follower_uri) DO UPDATE SET inbox = excluded.inbox, \
                     inbox_host = excluded.inbox_host, follow_id = excluded.follow_id, state = excluded.state",
                )
                .bind(f.actor_id)
                .bind(&f.follower_uri)
                .bind(&f.inbox)
                .bind(host)
                .bind(&f.follow_id)
                .bind(if f.accepted { "accepted" } else { "pending" })
                .bind(f.created_at.millis())
                .execute(&mut **tx)
                .await?;
            }
            FollowChange::RemoveFollower {
                actor_id,
                follower_uri,
            } => {
                sqlx::query("DELETE FROM followers WHERE actor_id = $1 AND follower_uri = $2")
                    .bind(actor_id)
                    .bind(follower_uri)
                    .execute(&mut **tx)
                    .await?;
            }
            FollowChange::StartFollowing {
                actor_id,
                target_uri,
                follow_id,
            } => {
                sqlx::query(
                    "INSERT INTO following (actor_id, target_uri, follow_id, state, created_at) \
                     VALUES ($1, $2, $3, 'pending', $4) \
                     ON CONFLICT (actor_id, target_uri) DO UPDATE SET follow_id = excluded.follow_id, \
                     state = excluded.state",
                )
                .bind(actor_id)
                .bind(target_uri)
                .bind(follow_id)
                .bind(Timestamp::now().millis())
                .execute(&mut **tx)
                .await?;
            }
            FollowChange::StopFollowing {
                actor_id,
                target_uri,
            } => {
                sqlx::query("DELETE FROM following WHERE actor_id = $1 AND target_uri = $2")
                    .bind(actor_id)
                    .bind(target_uri)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        Ok(())
    }
}

impl Store {
    /// Applies a change that tells no one: a pending follow request recorded,
    /// say (the other changes go with their activity, `record_activity`).
    pub async fn change_follows(&self, change: &FollowChange) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        change.apply(&mut tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a follower (an `Undo` of its follow); returns whether there was one.
    pub async fn remove_follower(
        &self,
        actor_id: i64,
        follower_uri: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM followers WHERE actor_id = $1 AND follower_uri = $2")
            .bind(actor_id)
            .bind(follower_uri)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn follower(
        &self,
        actor_id: i64,
        follower_uri: &str,
    ) -> Result<Option<Follower>, StoreError> {
        let row = sqlx::query("SELECT * FROM followers WHERE actor_id = $1 AND follower_uri = $2")
            .bind(actor_id)
            .bind(follower_uri)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(follower_from_row))
    }

    /// Followers of an actor: accepted ones, or pending requests.
    pub async fn followers(
        &self,
        actor_id: i64,
        accepted: bool,
    ) -> Result<Vec<Follower>, StoreError> {
        let rows = sqlx::query("SELECT * FROM followers WHERE actor_id = $1 AND state = $2 ORDER BY created_at, follower_uri")
            .bind(actor_id)
            .bind(if accepted { "accepted" } else { "pending" })
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(follower_from_row).collect())
    }

    pub async fn count_followers(&self, actor_id: i64) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query(
            "SELECT COUNT(*) FROM followers WHERE actor_id = $1 AND state = 'accepted'",
        )
        .bind(actor_id)
        .fetch_one(&self.pool)
        .await?
        .get(0);
        Ok(n as u64)
    }

    /// Settles the follow with `follow_id` that `target` answered (an `Accept`
    /// or a `Reject` sent by the account itself); whether there was one pending.
    pub async fn answer_following(
        &self,
        follow_id: &str,
        target: &str,
        state: FollowState,
    ) -> Result<bool, StoreError> {
        let done =
            sqlx::query("UPDATE following SET state = $1 WHERE follow_id = $2 AND target_uri = $3")
                .bind(state.as_str())
                .bind(follow_id)
                .bind(target)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The follow of `target` by `actor_id`, if any.
    pub async fn following_of(
        &self,
        actor_id: i64,
        target: &str,
    ) -> Result<Option<Following>, StoreError> {
        let row = sqlx::query(
            "SELECT target_uri, follow_id, state, created_at FROM following \
             WHERE actor_id = $1 AND target_uri = $2",
        )
        .bind(actor_id)
        .bind(target)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(following_from_row).transpose()
    }

    /// The accounts an actor follows or asked to, oldest first.
    pub async fn following(&self, actor_id: i64) -> Result<Vec<Following>, StoreError> {
        let rows = sqlx::query(
            "SELECT target_uri, follow_id, state, created_at FROM following \
             WHERE actor_id = $1 ORDER BY created_at, target_uri",
        )
        .bind(actor_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(following_from_row).collect()
    }
}

fn following_from_row(r: &AnyRow) -> Result<Following, StoreError> {
    Ok(Following {
        target_uri: r.get(0),
        follow_id: r.get(1),
        state: FollowState::parse(&r.get::<String, _>(2))?,
        created_at: Timestamp(r.get(3)),
    })
}

fn follower_from_row(r: &AnyRow) -> Follower {
    Follower {
        actor_id: r.get("actor_id"),
        follower_uri: r.get("follower_uri"),
        inbox: r.get("inbox"),
        follow_id: r.get("follow_id"),
        accepted: r.get::<String, _>("state") == "accepted",
        created_at: Timestamp(r.get("created_at")),
    }
}
