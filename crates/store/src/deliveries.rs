//! The delivery queue: leasing due deliveries, settling them, per-host health,
//! and the queue's statistics.

use crate::{placeholders, Store, StoreError};
use civicpub_domain::Timestamp;
use sqlx::Row;

/// A delivery a worker has leased.
#[derive(Debug, Clone)]
pub struct ClaimedDelivery {
    pub id: i64,
    pub actor_id: i64,
    pub inbox: String,
    pub host: String,
    pub attempts: i64,
    pub body: String,
    pub created_at: Timestamp,
    /// The lease this worker holds: until when (milliseconds). Another worker
    /// that takes the delivery after it ran out writes another value, which is
    /// how `renew_lease` tells that the delivery is no longer this worker's.
    pub leased_until: i64,
}

/// How the queue stands, for `civicpub deliveries` and the API.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueStats {
    /// Waiting to be sent (including the ones in flight and those to retry).
    pub pending: i64,
    /// Leased by a worker and being sent right now.
    pub in_flight: i64,
    pub done: i64,
    pub failed: i64,
    /// Not sent, on purpose: the host is blocked by the federation policy.
    pub skipped: i64,
    /// (host, deliveries that failed or wait to be retried, last error) for
    /// hosts with recent failures.
    pub failures: Vec<(String, i64, String)>,
    /// (host, paused until) for hosts being left alone for now.
    pub paused: Vec<(String, Timestamp)>,
}

/// How a delivery attempt ended.
#[derive(Debug, Clone, Copy)]
pub enum DeliveryOutcome<'a> {
    Done {
        status: i64,
    },
    Failed {
        status: Option<i64>,
        error: &'a str,
    },
    Retry {
        at: Timestamp,
        status: Option<i64>,
        error: &'a str,
    },
    /// Not sent: the federation policy no longer allows its host.
    Skipped {
        reason: &'a str,
    },
}

impl Store {
    /// Leases up to `limit` deliveries due by `now` (or by the moment a
    /// database connection is ready, if later), for `lease_ms`, skipping
    /// paused hosts.
    pub async fn claim_deliveries(
        &self,
        now: Timestamp,
        lease_ms: i64,
        limit: i64,
    ) -> Result<Vec<ClaimedDelivery>, StoreError> {
        let skip_locked = match self.backend {
            crate::Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            crate::Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE deliveries SET locked_until = $1, attempts = attempts + 1, updated_at = $2 WHERE id IN ( \
               SELECT d.id FROM deliveries d WHERE d.state = 'pending' AND d.next_attempt_at <= $2 AND d.locked_until <= $2 \
               AND NOT EXISTS (SELECT 1 FROM hosts h WHERE h.host = d.host AND h.paused_until > $2) \
               ORDER BY d.next_attempt_at, d.id LIMIT $3{skip_locked}) \
             RETURNING id, activity_id, inbox, host, attempts, created_at"
        );
        // Opening a connection can take a while (PostgreSQL starts a process
        // for it): what became due meanwhile (a post just published) is taken
        // now rather than at the next look.
        let mut conn = self.pool.acquire().await?;
        let now = now.max(Timestamp::now());
        let leased_until = now.millis() + lease_ms;
        let rows = sqlx::query(&sql)
            .bind(leased_until)
            .bind(now.millis())
            .bind(limit)
            .fetch_all(&mut *conn)
            .await?;
        // A fan-out leases many deliveries of the same activity: read each body once.
        let mut bodies: std::collections::HashMap<i64, (i64, String)> =
            std::collections::HashMap::new();
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let activity: i64 = r.get("activity_id");
            if let std::collections::hash_map::Entry::Vacant(slot) = bodies.entry(activity) {
                let a = sqlx::query("SELECT actor_id, body FROM activities WHERE id = $1")
                    .bind(activity)
                    .fetch_one(&mut *conn)
                    .await?;
                slot.insert((a.get(0), a.get(1)));
            }
            let (actor_id, body) = bodies[&activity].clone();
            out.push(ClaimedDelivery {
                id: r.get("id"),
                actor_id,
                inbox: r.get("inbox"),
                host: r.get("host"),
                attempts: r.get("attempts"),
                body,
                created_at: Timestamp(r.get("created_at")),
                leased_until,
            });
        }
        Ok(out)
    }

    /// Extends a lease that is about to run out (a delivery that waited for its
    /// host's turn), if it is still the caller's: `None` when another worker
    /// has taken the delivery meanwhile or it is settled, and then it must not
    /// be sent.
    pub async fn renew_lease(
        &self,
        id: i64,
        leased_until: i64,
        until: i64,
    ) -> Result<Option<i64>, StoreError> {
        let renewed = sqlx::query(
            "UPDATE deliveries SET locked_until = $1 \
             WHERE id = $2 AND locked_until = $3 AND state = 'pending'",
        )
        .bind(until)
        .bind(id)
        .bind(leased_until)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok((renewed == 1).then_some(until))
    }

    /// Gives back deliveries a worker leased but did not attempt: due again at
    /// once, and the attempt the lease counted is not counted.
    pub async fn release_deliveries(&self, ids: &[i64]) -> Result<(), StoreError> {
        for chunk in ids.chunks(500) {
            let sql = format!(
                "UPDATE deliveries SET locked_until = 0, attempts = attempts - 1 \
                 WHERE state = 'pending' AND id IN ({})",
                placeholders(1, chunk.len())
            );
            let mut q = sqlx::query(&sql);
            for id in chunk {
                q = q.bind(id);
            }
            q.execute(&self.pool).await?;
        }
        Ok(())
    }

    /// Marks many deliveries done at once (a fan-out settles in a few writes).
    pub async fn deliveries_done(&self, done: &[(i64, i64)]) -> Result<(), StoreError> {
        if done.is_empty() {
            return Ok(());
        }
        let now = Timestamp::now().millis();
        // One statement per status and per few hundred rows, not one per row:
        // every statement is a round trip to the database.
        let mut by_status: std::collections::BTreeMap<i64, Vec<i64>> = Default::default();
        for (id, status) in done {
            by_status.entry(*status).or_default().push(*id);
        }
        let mut tx = self.begin_write().await?;
        for (status, ids) in by_status {
            for chunk in ids.chunks(500) {
                let sql = format!(
                    "UPDATE deliveries SET state = 'done', locked_until = 0, last_status = $1, \
                     last_error = NULL, updated_at = $2 WHERE id IN ({})",
                    placeholders(3, chunk.len())
                );
                let mut q = sqlx::query(&sql).bind(status).bind(now);
                for id in chunk {
                    q = q.bind(id);
                }
                q.execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Settles a delivery: done, failed for good, or pending again at `retry_at`.
    pub async fn settle_delivery(
        &self,
        id: i64,
        outcome: DeliveryOutcome<'_>,
    ) -> Result<(), StoreError> {
        let now = Timestamp::now().millis();
        let (state, next, status, error) = match outcome {
            DeliveryOutcome::Done { status } => ("done", now, Some(status), None),
            DeliveryOutcome::Failed { status, error } => ("failed", now, status, Some(error)),
            DeliveryOutcome::Retry { at, status, error } => {
                ("pending", at.millis(), status, Some(error))
            }
            DeliveryOutcome::Skipped { reason } => ("skipped", now, None, Some(reason)),
        };
        sqlx::query(
            "UPDATE deliveries SET state = $1, next_attempt_at = $2, locked_until = 0, last_status = $3, \
             last_error = $4, updated_at = $5 WHERE id = $6",
        )
        .bind(state)
        .bind(next)
        .bind(status)
        .bind(error)
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Counts a failure against a host; after `threshold` in a row the host is
    /// paused for `pause_ms` (and probed again after that).
    pub async fn host_failed(
        &self,
        host: &str,
        error: &str,
        threshold: i64,
        pause_ms: i64,
    ) -> Result<(), StoreError> {
        let now = Timestamp::now().millis();
        sqlx::query(
            "INSERT INTO hosts (host, failures, paused_until, last_error, updated_at) VALUES ($1, 1, 0, $2, $3) \
             ON CONFLICT (host) DO UPDATE SET failures = hosts.failures + 1, last_error = excluded.last_error, \
             updated_at = excluded.updated_at",
        )
        .bind(host)
        .bind(error)
        .bind(now)
        .execute(&self.pool)
        .await?;
        sqlx::query("UPDATE hosts SET paused_until = $1 WHERE host = $2 AND failures >= $3")
            .bind(now + pause_ms)
            .bind(host)
            .bind(threshold)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn host_succeeded(&self, host: &str) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE hosts SET failures = 0, paused_until = 0, last_error = NULL WHERE host = $1",
        )
        .bind(host)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn queue_stats(&self) -> Result<QueueStats, StoreError> {
        let mut stats = QueueStats::default();
        let now = Timestamp::now().millis();
        let rows = sqlx::query(
            "SELECT state, COUNT(*), CAST(SUM(CASE WHEN locked_until > $1 THEN 1 ELSE 0 END) AS BIGINT) \
             FROM deliveries GROUP BY state",
        )
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        for r in rows {
            let n: i64 = r.get(1);
            match r.get::<String, _>(0).as_str() {
                "pending" => {
                    stats.pending = n;
                    stats.in_flight = r.try_get::<Option<i64>, _>(2)?.unwrap_or(0);
                }
                "done" => stats.done = n,
                "skipped" => stats.skipped = n,
                _ => stats.failed = n,
            }
        }
        // A delivery counts as failing once an attempt of it failed: given up
        // for good, or waiting to be retried. One in flight has not failed yet.
        let rows = sqlx::query(
            "SELECT host, COUNT(*), MAX(COALESCE(last_error, '')) FROM deliveries \
             WHERE state = 'failed' OR (state = 'pending' AND last_error IS NOT NULL) \
             GROUP BY host ORDER BY host",
        )
        .fetch_all(&self.pool)
        .await?;
        stats.failures = rows
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect();
        let rows = sqlx::query(
            "SELECT host, paused_until FROM hosts WHERE paused_until > $1 ORDER BY host",
        )
        .bind(Timestamp::now().millis())
        .fetch_all(&self.pool)
        .await?;
        stats.paused = rows
            .iter()
            .map(|r| (r.get(0), Timestamp(r.get(1))))
            .collect();
        Ok(stats)
    }
}

/// The queue as every process shares it, for `/metrics`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueMetrics {
    /// Deliveries by state (pending, done, failed, skipped).
    pub by_state: Vec<(String, i64)>,
    /// Pending deliveries due now (not waiting for a retry), leased or not.
    pub due: i64,
    /// Leased by a worker right now.
    pub in_flight: i64,
    /// Seconds since the oldest due, unleased delivery became due (0 when none).
    pub oldest_due_seconds: f64,
    /// Hosts left alone for now after failing again and again.
    pub hosts_paused: i64,
}

impl Store {
    /// The queue's depth and age, read for a scrape: a few aggregate queries.
    pub async fn queue_metrics(&self) -> Result<QueueMetrics, StoreError> {
        let now = Timestamp::now().millis();
        let mut m = QueueMetrics::default();
        for r in sqlx::query("SELECT state, COUNT(*) FROM deliveries GROUP BY state ORDER BY state")
            .fetch_all(&self.pool)
            .await?
        {
            m.by_state.push((r.get(0), r.get(1)));
        }
        let r = sqlx::query(
            "SELECT CAST(COUNT(*) AS BIGINT), \
               CAST(SUM(CASE WHEN locked_until > $1 THEN 1 ELSE 0 END) AS BIGINT), \
               MIN(CASE WHEN locked_until <= $1 THEN next_attempt_at END) \
             FROM deliveries WHERE state = 'pending' AND next_attempt_at <= $1",
        )
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        m.due = r.get(0);
        m.in_flight = r.try_get::<Option<i64>, _>(1)?.unwrap_or(0);
        m.oldest_due_seconds = r
            .try_get::<Option<i64>, _>(2)?
            .map(|t| (now - t).max(0) as f64 / 1000.0)
            .unwrap_or(0.0);
        m.hosts_paused = sqlx::query("SELECT COUNT(*) FROM hosts WHERE paused_until > $1")
            .bind(now)
            .fetch_one(&self.pool)
            .await?
            .get(0);
        Ok(m)
    }
}
