//! Consultations and their votes. A vote is one row per account and option;
//! the unique `ballot` key makes a single-choice consultation take one vote
//! per account, whichever process receives it.

use crate::items::{insert_activity, Audience, NewActivity};
use crate::{Store, StoreError};
use civicpub_domain::{Consultation, ConsultationDraft, Moderation, Tally, Timestamp};
use sqlx::{any::AnyRow, Row};

const COLUMNS: &str = "id, actor_id, content, moderation, published_at, updated_at, deleted_at";

fn consultation_from_row(r: &AnyRow) -> Result<Consultation, StoreError> {
    let content: Option<String> = r.get("content");
    let moderation: Option<String> = r.get("moderation");
    Ok(Consultation {
        id: r.get("id"),
        actor_id: r.get("actor_id"),
        draft: content
            .map(|c| {
                serde_json::from_str(&c)
                    .map_err(|e| StoreError::Corrupt(format!("consultation content: {e}")))
            })
            .transpose()?,
        moderation: moderation.as_deref().and_then(Moderation::parse),
        published_at: Timestamp(r.get("published_at")),
        updated_at: Timestamp(r.get("updated_at")),
        deleted_at: r.get::<Option<i64>, _>("deleted_at").map(Timestamp),
    })
}

/// A vote as it arrives.
#[derive(Debug, Clone)]
pub struct NewVote {
    pub consultation_id: i64,
    pub choice: usize,
    pub voter_uri: String,
    pub voter_host: String,
    /// Where the running totals are sent to the voter.
    pub voter_inbox: String,
    /// Its ActivityPub id.
    pub uri: String,
}

/// Why a vote was not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoteRefused {
    /// The account voted already (for this option, or at all when only one may
    /// be chosen), or this very vote arrived before.
    AlreadyVoted,
}

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

async fn consultation_in(tx: &mut Tx<'_>, id: i64) -> Result<Consultation, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM consultations WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| StoreError::NotFound(format!("consultation {id}")))?;
    consultation_from_row(&row)
}

async fn tally_on(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    options: usize,
) -> Result<Tally, StoreError> {
    let rows = sqlx::query(
        "SELECT choice, COUNT(*) FROM votes WHERE consultation_id = $1 GROUP BY choice",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut votes = vec![0u64; options];
    for r in &rows {
        if let Some(v) = votes.get_mut(r.get::<i64, _>(0) as usize) {
            *v = r.get::<i64, _>(1) as u64;
        }
    }
    let voters: i64 =
        sqlx::query("SELECT COUNT(DISTINCT voter_uri) FROM votes WHERE consultation_id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?
            .get(0);
    Ok(Tally {
        votes,
        voters: voters as u64,
    })
}

/// Removes the votes whose `column` (`voter_uri` or `voter_host`) is `value`,
/// and asks for the new totals to be sent. Returns the consultations touched.
pub(crate) async fn remove_votes(
    tx: &mut Tx<'_>,
    column: &str,
    value: &str,
) -> Result<Vec<i64>, StoreError> {
    debug_assert!(matches!(column, "voter_uri" | "voter_host"));
    let ids: Vec<i64> = sqlx::query(&format!(
        "SELECT DISTINCT consultation_id FROM votes WHERE {column} = $1"
    ))
    .bind(value)
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|r| r.get(0))
    .collect();
    sqlx::query(&format!("DELETE FROM votes WHERE {column} = $1"))
        .bind(value)
        .execute(&mut **tx)
        .await?;
    for id in &ids {
        sqlx::query(
            "UPDATE consultations SET update_due_at = $1 WHERE id = $2 AND deleted_at IS NULL",
        )
        .bind(Timestamp::now().millis())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(ids)
}

fn to_json(draft: &ConsultationDraft) -> Result<String, StoreError> {
    serde_json::to_string(draft).map_err(|e| StoreError::Corrupt(e.to_string()))
}

impl Store {
    /// Stores a new consultation and the activity announcing it, atomically.
    /// Its final totals are due to be sent when it ends.
    pub async fn insert_consultation(
        &self,
        actor_id: i64,
        draft: &ConsultationDraft,
        moderation: Option<Moderation>,
        activity: impl FnOnce(&Consultation) -> NewActivity,
    ) -> Result<Consultation, StoreError> {
        let now = Timestamp::now();
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO consultations (actor_id, content, ends_at, moderation, published_at, \
             updated_at, update_due_at) VALUES ($1, $2, $3, $4, $5, $5, $3) RETURNING id",
        )
        .bind(actor_id)
        .bind(to_json(draft)?)
        .bind(draft.ends_at.millis())
        .bind(moderation.map(Moderation::as_str))
        .bind(now.millis())
        .fetch_one(&mut *tx)
        .await?
        .get(0);
        let consultation = Consultation {
            id,
            actor_id,
            draft: Some(draft.clone()),
            moderation,
            published_at: now,
            updated_at: now,
            deleted_at: None,
        };
        insert_activity(
            &mut tx,
            actor_id,
            &activity(&consultation),
            now,
            &Audience::Followers,
        )
        .await?;
        tx.commit().await?;
        Ok(consultation)
    }

    /// Replaces a live consultation's texts (a translation added), with the
    /// activity that tells followers, atomically.
    pub async fn update_consultation(
        &self,
        id: i64,
        draft: &ConsultationDraft,
        activity: impl FnOnce(&Consultation) -> NewActivity,
    ) -> Result<Consultation, StoreError> {
        let mut tx = self.begin_write().await?;
        let mut c = consultation_in(&mut tx, id).await?;
        if c.deleted_at.is_some() {
            return Err(StoreError::NotFound(format!("consultation {id}")));
        }
        // Never move backwards: an Update applies only when it is newer.
        let now = Timestamp::now().max(Timestamp(c.updated_at.millis() + 1));
        sqlx::query("UPDATE consultations SET content = $1, updated_at = $2 WHERE id = $3")
            .bind(to_json(draft)?)
            .bind(now.millis())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        c.draft = Some(draft.clone());
        c.updated_at = now;
        insert_activity(
            &mut tx,
            c.actor_id,
            &activity(&c),
            now,
            &Audience::Followers,
        )
        .await?;
        tx.commit().await?;
        Ok(c)
    }

    /// Deletes a consultation's texts and votes; its id stays taken (410).
    pub async fn delete_consultation(
        &self,
        id: i64,
        activity: impl FnOnce(&Consultation) -> NewActivity,
    ) -> Result<Consultation, StoreError> {
        let mut tx = self.begin_write().await?;
        let mut c = consultation_in(&mut tx, id).await?;
        if c.deleted_at.is_some() {
            return Err(StoreError::NotFound(format!("consultation {id}")));
        }
        let now = Timestamp::now();
        sqlx::query(
            "UPDATE consultations SET content = NULL, deleted_at = $1, updated_at = $1, \
             update_due_at = NULL WHERE id = $2",
        )
        .bind(now.millis())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM votes WHERE consultation_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        c.draft = None;
        c.deleted_at = Some(now);
        c.updated_at = now;
        insert_activity(
            &mut tx,
            c.actor_id,
            &activity(&c),
            now,
            &Audience::Followers,
        )
        .await?;
        tx.commit().await?;
        Ok(c)
    }

    pub async fn consultation(&self, id: i64) -> Result<Option<Consultation>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM consultations WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(consultation_from_row).transpose()
    }

    /// Consultations not deleted, newest first.
    pub async fn consultations(&self, limit: u32) -> Result<Vec<Consultation>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM consultations WHERE deleted_at IS NULL \
             ORDER BY published_at DESC, id DESC LIMIT $1"
        ))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(consultation_from_row).collect()
    }

    pub async fn set_consultation_moderation(
        &self,
        id: i64,
        moderation: Option<Moderation>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE consultations SET moderation = $1 WHERE id = $2 AND deleted_at IS NULL",
        )
        .bind(moderation.map(Moderation::as_str))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Counts a vote under `ballot` (see the table), and asks for the totals to
    /// be sent no later than `send_by`.
    pub async fn cast_vote(
        &self,
        vote: &NewVote,
        ballot: &str,
        send_by: Timestamp,
    ) -> Result<Result<(), VoteRefused>, StoreError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "INSERT INTO votes (consultation_id, choice, voter_uri, voter_host, voter_inbox, \
             ballot, uri, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT DO NOTHING",
        )
        .bind(vote.consultation_id)
        .bind(vote.choice as i64)
        .bind(&vote.voter_uri)
        .bind(&vote.voter_host)
        .bind(&vote.voter_inbox)
        .bind(ballot)
        .bind(&vote.uri)
        .bind(Timestamp::now().millis())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(Err(VoteRefused::AlreadyVoted));
        }
        sqlx::query(
            "UPDATE consultations SET update_due_at = $1 \
             WHERE id = $2 AND (update_due_at IS NULL OR update_due_at > $1)",
        )
        .bind(send_by.millis())
        .bind(vote.consultation_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    /// The running totals of a consultation with `options` options.
    pub async fn tally(&self, id: i64, options: usize) -> Result<Tally, StoreError> {
        let mut conn = self.pool.acquire().await?;
        tally_on(&mut conn, id, options).await
    }

    /// Consultations whose totals are due to be sent at `now`.
    pub async fn consultation_updates_due(&self, now: Timestamp) -> Result<Vec<i64>, StoreError> {
        let rows = sqlx::query(
            "SELECT id FROM consultations WHERE update_due_at IS NOT NULL AND update_due_at <= $1 \
             AND deleted_at IS NULL ORDER BY update_due_at LIMIT 100",
        )
        .bind(now.millis())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    /// Sends a consultation's totals if they are still due (another process may
    /// have sent them): records the activity `make` builds, to every follower
    /// and every voter. The next update is due when the consultation ends, or
    /// never once it has. Returns whether this call sent them.
    pub async fn send_consultation_update(
        &self,
        id: i64,
        now: Timestamp,
        make: impl FnOnce(&Consultation, &Tally) -> NewActivity,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let claimed = sqlx::query(
            "UPDATE consultations SET \
               update_due_at = CASE WHEN ends_at > $1 THEN ends_at ELSE NULL END \
             WHERE id = $2 AND update_due_at IS NOT NULL AND update_due_at <= $1 \
             AND deleted_at IS NULL",
        )
        .bind(now.millis())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 0 {
            return Ok(false);
        }
        let c = consultation_in(&mut tx, id).await?;
        let options = c.draft.as_ref().map_or(0, ConsultationDraft::options);
        let tally = tally_on(&mut tx, id, options).await?;
        let activity = make(&c, &tally);
        let activity_id =
            insert_activity(&mut tx, c.actor_id, &activity, now, &Audience::Followers).await?;
        // Voters who do not follow the city see the totals too (as Mastodon
        // does for its polls); never twice to one inbox.
        sqlx::query(
            "INSERT INTO deliveries (activity_id, inbox, host, state, next_attempt_at, created_at, updated_at) \
             SELECT DISTINCT $1, voter_inbox, voter_host, 'pending', $2, $2, $2 FROM votes \
             WHERE consultation_id = $3 ON CONFLICT DO NOTHING",
        )
        .bind(activity_id)
        .bind(now.millis())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
