use crate::{Store, StoreError};
use civicpub_domain::Timestamp;
use sqlx::{any::AnyRow, Row};

/// A remote actor as last fetched: where to deliver to it, and its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteActor {
    pub uri: String,
    pub host: String,
    pub username: String,
    pub inbox: String,
    pub shared_inbox: Option<String>,
    pub key_id: String,
    pub public_key_pem: String,
    pub document: String,
    pub fetched_at: Timestamp,
}

impl RemoteActor {
    /// Where deliveries go: the shared inbox when there is one.
    pub fn delivery_inbox(&self) -> &str {
        self.shared_inbox.as_deref().unwrap_or(&self.inbox)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follower {
    pub actor_id: i64,
    pub follower_uri: String,
    pub inbox: String,
    pub follow_id: String,
    pub accepted: bool,
    pub created_at: Timestamp,
}

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
}

/// How the queue stands, for `civicpub deliveries` and the API.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueStats {
    pub pending: i64,
    pub done: i64,
    pub failed: i64,
    /// (host, failed deliveries, last error) for hosts with recent failures.
    pub failures: Vec<(String, i64, String)>,
    /// (host, paused until) for hosts being left alone for now.
    pub paused: Vec<(String, Timestamp)>,
}

/// Open federation, only listed domains, or all but listed domains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FederationMode {
    Open,
    Allowlist,
    Blocklist,
}

impl FederationMode {
    pub fn as_str(self) -> &'static str {
        match self {
            FederationMode::Open => "open",
            FederationMode::Allowlist => "allowlist",
            FederationMode::Blocklist => "blocklist",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(FederationMode::Open),
            "allowlist" => Some(FederationMode::Allowlist),
            "blocklist" => Some(FederationMode::Blocklist),
            _ => None,
        }
    }
}

const MODE: &str = "federation_mode";

/// The SQL condition that a host column passes the federation policy, for
/// the mode in force: `$mode` must be bound to the mode's name.
pub(crate) const HOST_ALLOWED: &str = "(($MODE = 'open') \
     OR ($MODE = 'blocklist' AND HOSTCOL NOT IN (SELECT domain FROM domain_rules WHERE rule = 'block')) \
     OR ($MODE = 'allowlist' AND HOSTCOL IN (SELECT domain FROM domain_rules WHERE rule = 'allow')))";

pub(crate) fn host_allowed(host_col: &str, mode_param: &str) -> String {
    HOST_ALLOWED
        .replace("HOSTCOL", host_col)
        .replace("$MODE", mode_param)
}

fn remote_from_row(r: &AnyRow) -> RemoteActor {
    RemoteActor {
        uri: r.get("uri"),
        host: r.get("host"),
        username: r.get("username"),
        inbox: r.get("inbox"),
        shared_inbox: r.get("shared_inbox"),
        key_id: r.get("key_id"),
        public_key_pem: r.get("public_key_pem"),
        document: r.get("document"),
        fetched_at: Timestamp(r.get("fetched_at")),
    }
}

impl Store {
    pub async fn federation_mode(&self) -> Result<FederationMode, StoreError> {
        Ok(self
            .setting(MODE)
            .await?
            .and_then(|m| FederationMode::parse(&m))
            .unwrap_or(FederationMode::Open))
    }

    pub async fn set_federation_mode(&self, mode: FederationMode) -> Result<(), StoreError> {
        self.set_setting(MODE, mode.as_str()).await
    }

    pub async fn set_domain_rule(
        &self,
        domain: &str,
        rule: Option<&str>,
    ) -> Result<(), StoreError> {
        match rule {
            Some(rule) => {
                sqlx::query(
                    "INSERT INTO domain_rules (domain, rule, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (domain) DO UPDATE SET rule = excluded.rule",
                )
                .bind(domain)
                .bind(rule)
                .bind(Timestamp::now().millis())
                .execute(&self.pool)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM domain_rules WHERE domain = $1")
                    .bind(domain)
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(())
    }

    pub async fn domain_rules(&self) -> Result<Vec<(String, String)>, StoreError> {
        let rows = sqlx::query("SELECT domain, rule FROM domain_rules ORDER BY domain")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    pub async fn upsert_remote_actor(&self, a: &RemoteActor) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO remote_actors (uri, host, username, inbox, shared_inbox, key_id, public_key_pem, document, fetched_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (uri) DO UPDATE SET host = excluded.host, username = excluded.username, \
             inbox = excluded.inbox, shared_inbox = excluded.shared_inbox, key_id = excluded.key_id, \
             public_key_pem = excluded.public_key_pem, document = excluded.document, fetched_at = excluded.fetched_at",
        )
        .bind(&a.uri)
        .bind(&a.host)
        .bind(&a.username)
        .bind(&a.inbox)
        .bind(a.shared_inbox.as_deref())
        .bind(&a.key_id)
        .bind(&a.public_key_pem)
        .bind(&a.document)
        .bind(a.fetched_at.millis())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn remote_actor(&self, uri: &str) -> Result<Option<RemoteActor>, StoreError> {
        let row = sqlx::query("SELECT * FROM remote_actors WHERE uri = $1")
            .bind(uri)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(remote_from_row))
    }

    pub async fn remote_actor_by_key(
        &self,
        key_id: &str,
    ) -> Result<Option<RemoteActor>, StoreError> {
        let row = sqlx::query("SELECT * FROM remote_actors WHERE key_id = $1")
            .bind(key_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(remote_from_row))
    }

    /// Records a follower (or a pending request), replacing an earlier one.
    pub async fn upsert_follower(&self, f: &Follower) -> Result<(), StoreError> {
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
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Removes a follower; returns whether there was one.
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

    pub async fn upsert_following(
        &self,
        actor_id: i64,
        target: &str,
        follow_id: &str,
        accepted: bool,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO following (actor_id, target_uri, follow_id, state, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (actor_id, target_uri) DO UPDATE SET follow_id = excluded.follow_id, state = excluded.state",
        )
        .bind(actor_id)
        .bind(target)
        .bind(follow_id)
        .bind(if accepted { "accepted" } else { "pending" })
        .bind(Timestamp::now().millis())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Marks the follow with `follow_id` accepted (when `target` sent the Accept).
    pub async fn accept_following(
        &self,
        follow_id: &str,
        target: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE following SET state = 'accepted' WHERE follow_id = $1 AND target_uri = $2",
        )
        .bind(follow_id)
        .bind(target)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn remove_following(
        &self,
        actor_id: i64,
        target: &str,
    ) -> Result<Option<String>, StoreError> {
        let row =
            sqlx::query("SELECT follow_id FROM following WHERE actor_id = $1 AND target_uri = $2")
                .bind(actor_id)
                .bind(target)
                .fetch_optional(&self.pool)
                .await?;
        sqlx::query("DELETE FROM following WHERE actor_id = $1 AND target_uri = $2")
            .bind(actor_id)
            .bind(target)
            .execute(&self.pool)
            .await?;
        Ok(row.map(|r| r.get(0)))
    }

    /// (target, accepted) for each account an actor follows.
    pub async fn following(&self, actor_id: i64) -> Result<Vec<(String, bool)>, StoreError> {
        let rows = sqlx::query(
            "SELECT target_uri, state FROM following WHERE actor_id = $1 ORDER BY created_at",
        )
        .bind(actor_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| (r.get(0), r.get::<String, _>(1) == "accepted"))
            .collect())
    }

    /// Forgets a received activity that could not be processed, so that the
    /// sender's retry is taken in.
    pub async fn forget_inbox_activity(&self, activity_id: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM inbox_activities WHERE activity_id = $1")
            .bind(activity_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Stores a verified activity; `false` when its id was seen before (a replay).
    pub async fn insert_inbox_activity(
        &self,
        activity_id: &str,
        actor_uri: &str,
        kind: &str,
        object_id: Option<&str>,
        body: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO inbox_activities (activity_id, actor_uri, kind, object_id, body, received_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (activity_id) DO NOTHING",
        )
        .bind(activity_id)
        .bind(actor_uri)
        .bind(kind)
        .bind(object_id)
        .bind(body)
        .bind(Timestamp::now().millis())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// (activity id, kind, body) of received activities, oldest first.
    pub async fn inbox_activities(
        &self,
        limit: i64,
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT activity_id, kind, body FROM inbox_activities ORDER BY id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect())
    }

    /// Leases up to `limit` due deliveries for `lease_ms`, skipping paused hosts.
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
        let rows = sqlx::query(&sql)
            .bind(now.millis() + lease_ms)
            .bind(now.millis())
            .bind(limit)
            .fetch_all(&self.pool)
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
                    .fetch_one(&self.pool)
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
            });
        }
        Ok(out)
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
        let rows = sqlx::query("SELECT state, COUNT(*) FROM deliveries GROUP BY state")
            .fetch_all(&self.pool)
            .await?;
        for r in rows {
            let n: i64 = r.get(1);
            match r.get::<String, _>(0).as_str() {
                "pending" => stats.pending = n,
                "done" => stats.done = n,
                _ => stats.failed = n,
            }
        }
        let rows = sqlx::query(
            "SELECT host, COUNT(*), MAX(COALESCE(last_error, '')) FROM deliveries \
             WHERE state = 'failed' OR (state = 'pending' AND attempts > 0) GROUP BY host ORDER BY host",
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

/// `$first,$first+1,…`: `count` numbered parameters, for an `IN (…)` list.
fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(",")
}
