//! The delivery worker: takes due deliveries from the queue in the database,
//! signs and POSTs them, and settles each (done, retry later, failed for good).
//!
//! Durable by construction: a delivery is a row written with the change that
//! caused it; a worker leases rows for a while; a worker that dies leaves its
//! leases to run out, and the rows are taken again (so only in-flight ones can
//! be sent twice). Any number of worker processes can share one PostgreSQL
//! database (`FOR UPDATE SKIP LOCKED`).

use crate::Node;
use civicpub_domain::Timestamp;
use civicpub_store::{ClaimedDelivery, DeliveryOutcome};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;
use url::Url;

#[derive(Debug, Clone)]
pub struct DeliveryConfig {
    /// Requests in flight at once, over all hosts.
    pub concurrency: usize,
    /// Requests in flight at once to one host.
    pub per_host: usize,
    /// The first retry waits this long; each next one twice as long (with jitter).
    pub retry_base: Duration,
    /// Longest wait between two attempts.
    pub retry_cap: Duration,
    /// After this long, a delivery that keeps failing is given up.
    pub give_up_after: Duration,
    /// A worker's hold on a delivery it took.
    pub lease: Duration,
    /// Consecutive failures after which a host is paused…
    pub pause_after: i64,
    /// …for this long, then probed again.
    pub pause_for: Duration,
    /// Requests that outlive their patience (twice the typical answer time) stop counting against `concurrency`, up to this many at once, so
    /// that hosts that never answer do not hold up the others until they time out.
    pub slow_requests: usize,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        DeliveryConfig {
            concurrency: 64,
            per_host: 4,
            retry_base: Duration::from_secs(30),
            retry_cap: Duration::from_secs(6 * 3600),
            give_up_after: Duration::from_secs(48 * 3600),
            // Longer than one attempt can take (connect 5 s + request 10 s).
            lease: Duration::from_secs(30),
            pause_after: 10,
            pause_for: Duration::from_secs(600),
            slow_requests: 1024,
        }
    }
}

/// How one attempt ended, before it is written down.
#[derive(Debug, PartialEq, Eq)]
pub enum Attempt {
    Delivered(u16),
    /// Timeouts, connection errors, 408, 429 and 5xx.
    Retryable {
        status: Option<u16>,
        error: String,
        after: Option<Duration>,
    },
    /// Other 4xx, or a refused address.
    Permanent {
        status: Option<u16>,
        error: String,
    },
}

/// Classifies an inbox's answer.
pub fn classify(status: u16, retry_after: Option<Duration>) -> Attempt {
    match status {
        200..=299 => Attempt::Delivered(status),
        408 | 429 | 500..=599 => Attempt::Retryable {
            status: Some(status),
            error: format!("answered {status}"),
            after: retry_after,
        },
        _ => Attempt::Permanent {
            status: Some(status),
            error: format!("answered {status}"),
        },
    }
}

/// When to try again after `attempts` attempts: exponential, capped, with ±20% jitter.
pub fn backoff(config: &DeliveryConfig, attempts: i64) -> Duration {
    let exp = 2u32.saturating_pow((attempts.max(1) - 1).min(30) as u32);
    let base = config.retry_base.saturating_mul(exp).min(config.retry_cap);
    let mut nanos = [0u8; 4];
    let _ = aws_lc_rs::rand::fill(&mut nanos);
    let jitter = 0.8 + 0.4 * (u32::from_le_bytes(nanos) as f64 / u32::MAX as f64);
    base.mul_f64(jitter)
}

pub struct Worker {
    node: Arc<Node>,
    config: DeliveryConfig,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
    /// Hosts this process saw fail, whose failure count a success resets.
    failing: Mutex<std::collections::HashSet<String>>,
    /// Successful deliveries waiting to be written down together.
    done: tokio::sync::mpsc::UnboundedSender<(i64, i64)>,
    done_rx: Mutex<Option<tokio::sync::mpsc::UnboundedReceiver<(i64, i64)>>>,
    /// How long inboxes take to answer, smoothed (microseconds).
    typical_answer_us: std::sync::atomic::AtomicU64,
    /// Set when `run` is told to stop: deliveries still waiting for their
    /// host's turn go back to the queue instead of being sent.
    stopping: std::sync::atomic::AtomicBool,
}

/// How long a request counts against the concurrency: twice the typical
/// answer time, within these bounds.
const PATIENCE_MIN: Duration = Duration::from_millis(200);
const PATIENCE_MAX: Duration = Duration::from_secs(5);

impl Worker {
    pub fn new(node: Arc<Node>, config: DeliveryConfig) -> Arc<Self> {
        let (done, done_rx) = tokio::sync::mpsc::unbounded_channel();
        Arc::new(Worker {
            node,
            config,
            hosts: Mutex::new(HashMap::new()),
            failing: Mutex::new(Default::default()),
            done,
            done_rx: Mutex::new(Some(done_rx)),
            typical_answer_us: std::sync::atomic::AtomicU64::new(300_000),
            stopping: Default::default(),
        })
    }

    /// How long a request in flight counts against the concurrency.
    pub fn patience(&self) -> Duration {
        let typical = self
            .typical_answer_us
            .load(std::sync::atomic::Ordering::Relaxed);
        Duration::from_micros(typical.saturating_mul(2)).clamp(PATIENCE_MIN, PATIENCE_MAX)
    }

    /// Folds an answer's time into the typical one (an exponential average).
    fn answered_in(&self, took: Duration) {
        use std::sync::atomic::Ordering;
        let took = took.as_micros().min(u64::MAX as u128) as u64;
        let _ = self
            .typical_answer_us
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |t| {
                Some(t - t / 8 + took / 8)
            });
    }

    fn host_gate(&self, host: &str) -> Arc<Semaphore> {
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        if hosts.len() > 10_000 {
            hosts.retain(|_, s| s.available_permits() < self.config.per_host);
        }
        hosts
            .entry(host.to_string())
            .or_insert_with(|| Arc::new(Semaphore::new(self.config.per_host)))
            .clone()
    }

    /// Runs until `stop` resolves: waits for work (woken by this process, or
    /// polling for other processes' work), leases what is due, delivers it.
    pub async fn run(self: Arc<Self>, stop: impl std::future::Future<Output = ()>) {
        let slots = Arc::new(Semaphore::new(self.config.concurrency));
        let slow_slots = Arc::new(Semaphore::new(self.config.slow_requests));
        // Successes are written in batches: a delivery done but not yet written
        // when the process dies is sent again, like one in flight.
        let mut done_rx = self
            .done_rx
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .expect("run once");
        let store = self.node.store.clone();
        let stop_flushing = Arc::new(tokio::sync::Notify::new());
        let stop_flag = stop_flushing.clone();
        let flusher = tokio::spawn(async move {
            let mut batch = Vec::new();
            loop {
                let last = tokio::select! {
                    n = done_rx.recv_many(&mut batch, 500) => n == 0,
                    _ = stop_flag.notified() => {
                        while let Ok(d) = done_rx.try_recv() {
                            batch.push(d);
                        }
                        true
                    }
                };
                if let Err(e) = store.deliveries_done(&batch).await {
                    tracing::error!(error = %e, "cannot record delivered activities");
                }
                batch.clear();
                if last {
                    break;
                }
            }
        });
        // Leasing runs ahead of sending: the next batch is read from the queue
        // while the current one is still in flight, so that a write to the
        // database never leaves the senders idle. At most half the concurrency
        // waits here, leased, for a free slot.
        let batch = self.config.concurrency.div_ceil(2).max(1);
        let (ready_tx, mut ready_rx) = tokio::sync::mpsc::channel::<ClaimedDelivery>(batch);
        let me = self.clone();
        let leaser = tokio::spawn(async move {
            loop {
                let Ok(permits) = ready_tx.reserve_many(batch).await else {
                    break;
                };
                let claimed = match me
                    .node
                    .store
                    .claim_deliveries(
                        Timestamp::now(),
                        me.config.lease.as_millis() as i64,
                        batch as i64,
                    )
                    .await
                {
                    Ok(c) => c,
                    Err(e) => {
                        tracing::error!(error = %e, "cannot read the delivery queue");
                        Vec::new()
                    }
                };
                let ran_low = claimed.len() < batch;
                if !claimed.is_empty() {
                    // The policy as it stands now, read fresh for every batch (a
                    // change made by another process applies at once): a host
                    // blocked since its deliveries were queued gets none of them.
                    let claimed = me.skip_blocked(claimed).await;
                    for (permit, d) in permits.zip(claimed) {
                        permit.send(d);
                    }
                } else {
                    drop(permits);
                }
                // The queue runs low: queue the next batch of a post to many
                // followers, if one is waiting (see `store::fanouts`), once what
                // was leased is on its way (writing a batch takes a while).
                if !ran_low {
                    continue;
                }
                match me.node.store.expand_fanout().await {
                    Ok(n) if n > 0 => continue,
                    Ok(_) => {}
                    Err(e) => {
                        tracing::error!(error = %e, "cannot queue a fan-out's next deliveries")
                    }
                }
                // Nothing more is due: wait for this process to queue
                // something, or look again soon (other processes, retries).
                tokio::select! {
                        _ = ready_tx.closed() => break,
                        _ = me.node.queued() => {}
                    _ = tokio::time::sleep(Duration::from_millis(250)) => {}
                }
            }
        });
        tokio::pin!(stop);
        loop {
            let permit = tokio::select! {
                _ = &mut stop => break,
                p = slots.clone().acquire_owned() => p.expect("semaphore open"),
            };
            let d = tokio::select! {
                _ = &mut stop => break,
                d = ready_rx.recv() => match d {
                    Some(d) => d,
                    None => break,
                },
            };
            let me = self.clone();
            let slow_slots = slow_slots.clone();
            tokio::spawn(async move {
                let gate = me.host_gate(&d.host);
                let _host = gate.acquire_owned().await.expect("semaphore open");
                if me.stopping.load(std::sync::atomic::Ordering::SeqCst) {
                    crate::metrics::global().delivery("released", 1);
                    if let Err(e) = me.node.store.release_deliveries(&[d.id]).await {
                        tracing::error!(error = %e, "cannot give back a leased delivery");
                    }
                    return;
                }
                let Some(d) = me.still_ours(d).await else {
                    return;
                };
                let patience = me.patience();
                let deliver = me.deliver(d);
                tokio::pin!(deliver);
                tokio::select! {
                    _ = &mut deliver => return,
                    _ = tokio::time::sleep(patience) => {}
                }
                // Slow to answer (or never will: it times out): it stops
                // holding a slot others could use, while the slow are few enough.
                let _held = match slow_slots.try_acquire_owned() {
                    Ok(slow) => {
                        drop(permit);
                        (None, Some(slow))
                    }
                    Err(_) => (Some(permit), None),
                };
                deliver.await;
            });
        }
        // Leased but not sent: give them back at once rather than leave them
        // until their leases run out (those waiting for their host's turn
        // too); the ones being sent finish.
        self.stopping
            .store(true, std::sync::atomic::Ordering::SeqCst);
        ready_rx.close();
        let _ = leaser.await;
        let mut unsent = Vec::new();
        while let Some(d) = ready_rx.recv().await {
            unsent.push(d.id);
        }
        crate::metrics::global().delivery("released", unsent.len() as u64);
        if let Err(e) = self.node.store.release_deliveries(&unsent).await {
            tracing::error!(error = %e, "cannot give back leased deliveries");
        }
        // Let in-flight deliveries finish (their leases would otherwise make them wait).
        let _ = slots.acquire_many(self.config.concurrency as u32).await;
        let _ = slow_slots
            .acquire_many(self.config.slow_requests as u32)
            .await;
        stop_flushing.notify_one();
        let _ = flusher.await;
    }

    /// A delivery that waited long for its host's turn may have outlived half
    /// its lease: renew it before sending, or, when another worker took it
    /// after the lease ran out, leave it to that worker (sending it here too
    /// would deliver it twice).
    async fn still_ours(&self, mut d: ClaimedDelivery) -> Option<ClaimedDelivery> {
        let lease = self.config.lease.as_millis() as i64;
        let now = Timestamp::now().millis();
        if now < d.leased_until - lease / 2 {
            return Some(d);
        }
        match self
            .node
            .store
            .renew_lease(d.id, d.leased_until, now + lease)
            .await
        {
            Ok(Some(until)) => {
                d.leased_until = until;
                Some(d)
            }
            Ok(None) => {
                tracing::info!(inbox = %d.inbox, "lease lost while waiting: another worker sends it");
                crate::metrics::global().delivery("lease_lost", 1);
                None
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot renew a delivery's lease");
                None
            }
        }
    }

    /// Settles the deliveries to hosts the federation policy blocks as
    /// skipped, and returns the others.
    async fn skip_blocked(&self, claimed: Vec<ClaimedDelivery>) -> Vec<ClaimedDelivery> {
        let store = &self.node.store;
        let policy = match store.federation_policy().await {
            Ok(p) => p,
            Err(e) => {
                // Unknown policy: send nothing now; the leases run out and the
                // deliveries are taken again.
                tracing::error!(error = %e, "cannot read the federation policy");
                return Vec::new();
            }
        };
        let (allowed, blocked): (Vec<_>, Vec<_>) =
            claimed.into_iter().partition(|d| policy.allows(&d.host));
        for d in blocked {
            tracing::info!(inbox = %d.inbox, "delivery skipped: the host is blocked");
            crate::metrics::global().delivery("skipped", 1);
            let skipped = store
                .settle_delivery(
                    d.id,
                    DeliveryOutcome::Skipped {
                        reason: "skipped: blocked by the federation policy",
                    },
                )
                .await;
            if let Err(e) = skipped {
                tracing::error!(error = %e, "cannot record a delivery's outcome");
            }
        }
        allowed
    }

    async fn attempt(&self, d: &ClaimedDelivery) -> Attempt {
        let inbox = match Url::parse(&d.inbox) {
            Ok(u) => u,
            Err(_) => {
                return Attempt::Permanent {
                    status: None,
                    error: "the inbox is not a URL".into(),
                }
            }
        };
        let signer = match self.node.signer_by_id(d.actor_id).await {
            Ok(s) => s,
            Err(e) => {
                return Attempt::Retryable {
                    status: None,
                    error: e.detail(),
                    after: None,
                }
            }
        };
        let sent = std::time::Instant::now();
        match self
            .node
            .http
            .post(&inbox, d.body.as_bytes(), &signer)
            .await
        {
            Ok(r) => {
                self.answered_in(sent.elapsed());
                classify(r.status, r.retry_after)
            }
            Err(civicpub_transport::http::FetchError::Refused(u)) => Attempt::Permanent {
                status: None,
                error: format!("refused to contact {u}"),
            },
            Err(e) => Attempt::Retryable {
                status: None,
                error: e.to_string(),
                after: None,
            },
        }
    }

    async fn deliver(&self, d: ClaimedDelivery) {
        let store = &self.node.store;
        let attempt = self.attempt(&d).await;
        let result = match &attempt {
            Attempt::Delivered(status) => {
                let was_failing = self
                    .failing
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .remove(&d.host);
                if was_failing {
                    let _ = store.host_succeeded(&d.host).await;
                }
                crate::metrics::global().delivery("delivered", 1);
                let _ = self.done.send((d.id, *status as i64));
                Ok(())
            }
            Attempt::Permanent { status, error } => {
                tracing::warn!(inbox = %d.inbox, %error, "delivery failed for good");
                crate::metrics::global().delivery("failed", 1);
                store
                    .settle_delivery(
                        d.id,
                        DeliveryOutcome::Failed {
                            status: status.map(i64::from),
                            error,
                        },
                    )
                    .await
            }
            Attempt::Retryable {
                status,
                error,
                after,
            } => {
                self.failing
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(d.host.clone());
                let _ = store
                    .host_failed(
                        &d.host,
                        error,
                        self.config.pause_after,
                        self.config.pause_for.as_millis() as i64,
                    )
                    .await;
                let wait = after.unwrap_or_else(|| backoff(&self.config, d.attempts));
                let at = Timestamp(Timestamp::now().millis() + wait.as_millis() as i64);
                let deadline = d.created_at.millis() + self.config.give_up_after.as_millis() as i64;
                if at.millis() > deadline {
                    tracing::warn!(inbox = %d.inbox, %error, "delivery given up after retrying");
                    crate::metrics::global().delivery("failed", 1);
                    store
                        .settle_delivery(
                            d.id,
                            DeliveryOutcome::Failed {
                                status: status.map(i64::from),
                                error,
                            },
                        )
                        .await
                } else {
                    tracing::info!(inbox = %d.inbox, %error, retry_in = ?wait, "delivery will be retried");
                    crate::metrics::global().delivery("retry", 1);
                    store
                        .settle_delivery(
                            d.id,
                            DeliveryOutcome::Retry {
                                at,
                                status: status.map(i64::from),
                                error,
                            },
                        )
                        .await
                }
            }
        };
        if let Err(e) = result {
            tracing::error!(error = %e, "cannot record a delivery's outcome");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_classified_as_mastodon_and_the_issue_want() {
        assert_eq!(classify(202, None), Attempt::Delivered(202));
        for retry in [408, 429, 500, 502, 503] {
            assert!(
                matches!(classify(retry, None), Attempt::Retryable { .. }),
                "{retry}"
            );
        }
        for permanent in [400, 401, 403, 404, 410, 422] {
            assert!(
                matches!(classify(permanent, None), Attempt::Permanent { .. }),
                "{permanent}"
            );
        }
        let Attempt::Retryable { after, .. } = classify(429, Some(Duration::from_secs(90))) else {
            panic!()
        };
        assert_eq!(after, Some(Duration::from_secs(90)));
    }

    #[tokio::test]
    async fn patience_follows_the_typical_answer_time_within_bounds() {
        let db = civicpub_store::testing::TestDatabase::new().await.unwrap();
        let base = civicpub_domain::NodeBase::new("a.example", false).unwrap();
        let store = crate::setup::open(&crate::setup::Setup {
            database_url: &db.url,
            data_dir: &db.scratch_dir(),
            base: &base,
            insecure_dev: false,
            city: &civicpub_domain::Username::parse("city").unwrap(),
            city_name: "City",
        })
        .await
        .unwrap();
        let node = crate::Node::new(
            store,
            crate::NodeOptions {
                base: &base,
                data_dir: &db.scratch_dir(),
                insecure_dev: false,
                language: "en",
                timezone: "UTC",
                inbox_per_minute: 1000,
                totals_every: Duration::from_secs(1),
            },
        )
        .await
        .unwrap();
        let worker = Worker::new(Arc::new(node), DeliveryConfig::default());
        assert_eq!(worker.patience(), Duration::from_millis(600));
        for _ in 0..100 {
            worker.answered_in(Duration::from_millis(150));
        }
        let p = worker.patience();
        assert!(
            p >= Duration::from_millis(290) && p <= Duration::from_millis(310),
            "{p:?}"
        );
        for _ in 0..100 {
            worker.answered_in(Duration::from_millis(1));
        }
        assert_eq!(worker.patience(), PATIENCE_MIN);
        for _ in 0..100 {
            worker.answered_in(Duration::from_secs(10));
        }
        assert_eq!(worker.patience(), PATIENCE_MAX);
    }

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let c = DeliveryConfig::default();
        let first = backoff(&c, 1);
        assert!(
            first >= Duration::from_secs(24) && first <= Duration::from_secs(36),
            "{first:?}"
        );
        let fifth = backoff(&c, 5);
        assert!(
            fifth >= Duration::from_secs(384) && fifth <= Duration::from_secs(576),
            "{fifth:?}"
        );
        assert!(backoff(&c, 40) <= c.retry_cap.mul_f64(1.2));
        // 48 hours of retries fit in a bounded number of attempts.
        let mut total = Duration::ZERO;
        let mut n = 0;
        while total < c.give_up_after {
            n += 1;
            total += backoff(&c, n);
        }
        assert!(n < 30, "{n} attempts");
    }
}
