//! A post to many followers is queued in bounded batches: the first batch of
//! deliveries is written with the activity (so the first delivery can start
//! as soon as the change commits), and a `fanouts` row says where the queueing
//! stopped; workers write the next batches, one transaction each, until every
//! follower's inbox has its row. A batch is at most [`FANOUT_BATCH`] rows, so
//! no write holds the database for long and no process holds a whole audience
//! in memory.

use crate::{Backend, Store, StoreError};
use civicpub_domain::Timestamp;
use sqlx::Row;

/// Deliveries written per batch.
pub const FANOUT_BATCH: i64 = 1000;
/// Deliveries written with the activity itself: few, so that the change
/// commits, and the first delivery leaves, at once.
pub const FIRST_BATCH: i64 = 100;

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// Queues deliveries of `activity` to the next (at most `limit`)
/// distinct inboxes of `actor_id`'s accepted followers after `after` (in
/// inbox order); returns how many, and the last inbox queued when the batch
/// was full (there may be more), `None` when the audience is done.
pub(crate) async fn queue_followers(
    tx: &mut Tx<'_>,
    activity: i64,
    actor_id: i64,
    after: &str,
    created_at: Timestamp,
    due: Timestamp,
    limit: i64,
) -> Result<(u64, Option<String>), StoreError> {
    let rows = sqlx::query(
        "INSERT INTO deliveries (activity_id, inbox, host, state, next_attempt_at, created_at, updated_at) \
         SELECT $1, f.inbox, MIN(f.inbox_host), 'pending', $2, $3, $2 FROM followers f \
         WHERE f.actor_id = $4 AND f.state = 'accepted' AND f.inbox > $5 \
         GROUP BY f.inbox ORDER BY f.inbox LIMIT $6 RETURNING inbox",
    )
    .bind(activity)
    .bind(due.millis())
    .bind(created_at.millis())
    .bind(actor_id)
    .bind(after)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    let n = rows.len() as u64;
    if (rows.len() as i64) < limit {
        return Ok((n, None));
    }
    Ok((n, rows.iter().map(|r| r.get::<String, _>(0)).max()))
}

/// Queues the first batch of a fan-out with its activity, and remembers where
/// it stopped when there is more.
pub(crate) async fn start_fanout(
    tx: &mut Tx<'_>,
    activity: i64,
    actor_id: i64,
    at: Timestamp,
) -> Result<(), StoreError> {
    if let (_, Some(last)) =
        queue_followers(tx, activity, actor_id, "", at, at, FIRST_BATCH).await?
    {
        sqlx::query(
            "INSERT INTO fanouts (activity_id, actor_id, after_inbox, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(activity)
        .bind(actor_id)
        .bind(last)
        .bind(at.millis())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

impl Store {
    /// Queues the next batch of one unfinished fan-out, if any; returns how
    /// many deliveries it queued (0: nothing left to queue).
    pub async fn expand_fanout(&self) -> Result<u64, StoreError> {
        // A cheap look first: most of the time there is nothing to do, and a
        // write transaction would take SQLite's lock for nothing.
        if sqlx::query("SELECT 1 FROM fanouts LIMIT 1")
            .fetch_optional(&self.pool)
            .await?
            .is_none()
        {
            return Ok(0);
        }
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let mut tx = self.begin_write().await?;
        let Some(row) = sqlx::query(&format!(
            "SELECT activity_id, actor_id, after_inbox, created_at FROM fanouts \
             ORDER BY activity_id LIMIT 1{lock}"
        ))
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(0);
        };
        let activity: i64 = row.get(0);
        let after: String = row.get(2);
        let (queued, next) = queue_followers(
            &mut tx,
            activity,
            row.get(1),
            &after,
            Timestamp(row.get(3)),
            Timestamp::now(),
            FANOUT_BATCH,
        )
        .await?;
        match &next {
            Some(last) => {
                sqlx::query("UPDATE fanouts SET after_inbox = $1 WHERE activity_id = $2")
                    .bind(last)
                    .bind(activity)
                    .execute(&mut *tx)
                    .await?;
            }
            None => {
                sqlx::query("DELETE FROM fanouts WHERE activity_id = $1")
                    .bind(activity)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        // An empty last batch still finished a fan-out: say so.
        Ok(queued.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Audience, NewActivity};
    use civicpub_domain::{ActorKind, NewActor, Username};

    async fn deliveries(store: &Store) -> i64 {
        sqlx::query("SELECT COUNT(DISTINCT inbox) FROM deliveries")
            .fetch_one(&store.pool)
            .await
            .unwrap()
            .get(0)
    }

    #[tokio::test]
    async fn a_post_to_many_followers_is_queued_in_bounded_batches() {
        let db = crate::testing::TestDatabase::new().await.unwrap();
        let store = db.store().await.unwrap();
        let actor = store
            .insert_actor(&NewActor {
                username: Username::parse("city").unwrap(),
                kind: ActorKind::Organization,
                display_name: "City".into(),
                summary: String::new(),
                website: None,
                contact: None,
                public_key_pem: String::new(),
                private_key_pem: String::new(),
            })
            .await
            .unwrap();
        // 2,500 inboxes, two followers each, and one pending request.
        let all: Vec<i64> = (0..5_001).collect();
        for chunk in all.chunks(500) {
            let values: Vec<String> = chunk
                .iter()
                .map(|i| {
                    let state = if *i == 5_000 { "pending" } else { "accepted" };
                    format!(
                        "({}, 'https://h/{i}', 'https://h{}/inbox', 'h', 'https://h/{i}#f', '{state}', 0)",
                        actor.id,
                        i / 2
                    )
                })
                .collect();
            sqlx::query(&format!(
                "INSERT INTO followers (actor_id, follower_uri, inbox, inbox_host, follow_id, state, created_at) \
                 VALUES {}",
                values.join(", ")
            ))
            .execute(&store.pool)
            .await
            .unwrap();
        }
        let post = NewActivity {
            activity_id: "https://a/1".into(),
            kind: "Create".into(),
            object_id: "https://a/o".into(),
            body: "{}".into(),
        };
        store
            .record_activity(actor.id, &post, &Audience::Followers, None)
            .await
            .unwrap();
        assert_eq!(deliveries(&store).await, FIRST_BATCH);
        assert_eq!(store.expand_fanout().await.unwrap(), 1_000);
        assert_eq!(store.expand_fanout().await.unwrap(), 1_000);
        assert_eq!(store.expand_fanout().await.unwrap(), 400);
        assert_eq!(deliveries(&store).await, 2_500);
        assert_eq!(store.expand_fanout().await.unwrap(), 0);
        // Each inbox once.
        let rows: i64 = sqlx::query("SELECT COUNT(*) FROM deliveries")
            .fetch_one(&store.pool)
            .await
            .unwrap()
            .get(0);
        assert_eq!(rows, 2_500);
    }
}
