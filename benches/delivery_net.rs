//! Fan-out over a realistic network: one post to 1,000 followers on 1,000
//! receiving hosts (ports on 127.0.0.1) that answer after 50–300 ms; 10% of
//! them accept connections and never answer (black holes), 5% answer the
//! first request `429 Too Many Requests` with `Retry-After: 2`, then 202.
//!
//! It reports, against limits measured or derived in the same run:
//! - when the last live host got the activity, against the time the latency
//!   alone forces at the worker's concurrency (sum of the live hosts' latencies
//!   divided by the concurrency, or the longest latency if that is more);
//!   target: within 1.5× of it, black holes or not;
//! - for each 429 host, the wait between its 429 and the retry, against its
//!   `Retry-After` (never before it).
//!
//!     cargo bench --bench delivery_net
//!
//! (`--profile dev` runs it unoptimised but for the dependencies, which is
//! enough here: the run waits on the network, not on the CPU.)
//! DELIVERY_NET_CONCURRENCY sets the worker's concurrency (default 64).

use civicpub::config::Options;
use civicpub_domain::{ItemKind, Timestamp};
use civicpub_service::delivery::{DeliveryConfig, Worker};
use civicpub_service::items::{ItemInput, TextInput};
use civicpub_store::{testing::TestDatabase, Follower};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const HOSTS: usize = 1_000;
const RETRY_AFTER: u64 = 2;

/// How a receiving host behaves.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Behaviour {
    /// Answers 202 after this long.
    Live(Duration),
    /// Accepts the connection, reads, never answers.
    BlackHole,
    /// Answers 429 with Retry-After the first time, then 202 after this long.
    Busy(Duration),
}

/// The same spread every run: host `i`'s latency and behaviour.
fn behaviour(i: usize) -> Behaviour {
    // A fixed pseudo-random latency in 50..=300 ms.
    let latency = Duration::from_millis(50 + (i as u64 * 7919 % 251));
    match i % 20 {
        0 | 10 => Behaviour::BlackHole,
        5 => Behaviour::Busy(latency),
        _ => Behaviour::Live(latency),
    }
}

#[derive(Default)]
struct Seen {
    /// Per host: when each signed POST arrived, from the publish call.
    arrivals: Vec<Vec<Instant>>,
}

async fn receive(i: usize, mut stream: tokio::net::TcpStream, seen: Arc<Mutex<Seen>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut buf = Vec::with_capacity(8192);
    let body_len = loop {
        if stream.read_buf(&mut buf).await.unwrap_or(0) == 0 {
            return;
        }
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            break end + 4 + len;
        }
    };
    while buf.len() < body_len {
        if stream.read_buf(&mut buf).await.unwrap_or(0) == 0 {
            return;
        }
    }
    let earlier = {
        let mut seen = seen.lock().unwrap();
        seen.arrivals[i].push(Instant::now());
        seen.arrivals[i].len() - 1
    };
    let answer: &[u8] = match behaviour(i) {
        Behaviour::BlackHole => {
            // Hold the connection open, say nothing.
            let _ = stream.read_buf(&mut buf).await;
            std::future::pending::<()>().await;
            return;
        }
        Behaviour::Busy(_) if earlier == 0 => {
            b"HTTP/1.1 429 Too Many Requests\r\nretry-after: 2\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
        }
        Behaviour::Busy(latency) | Behaviour::Live(latency) => {
            tokio::time::sleep(latency).await;
            b"HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
        }
    };
    let _ = stream.write_all(answer).await;
    let _ = stream.shutdown().await;
}

/// The receiving hosts, on threads of their own; their inbox URLs.
fn start_receivers(seen: Arc<Mutex<Seen>>) -> Vec<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("receiver".into())
        .spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let mut inboxes = Vec::new();
                for i in 0..HOSTS {
                    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                    inboxes.push(format!("http://{}/inbox", listener.local_addr().unwrap()));
                    let seen = seen.clone();
                    tokio::spawn(async move {
                        while let Ok((stream, _)) = listener.accept().await {
                            tokio::spawn(receive(i, stream, seen.clone()));
                        }
                    });
                }
                tx.send(inboxes).unwrap();
                std::future::pending::<()>().await
            })
        })
        .unwrap();
    rx.recv().unwrap()
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let db = TestDatabase::new().await.unwrap();
        let config = Options {
            domain: Some("a.example".into()),
            database_url: Some(db.url.clone()),
            data_dir: Some(db.scratch_dir()),
            insecure_dev: Some(true),
            ..Default::default()
        }
        .resolve()
        .unwrap();
        let store = civicpub::node::open(&config).await.unwrap();
        let node = civicpub::node::node(&config, &store).await.unwrap();
        let seen = Arc::new(Mutex::new(Seen {
            arrivals: vec![Vec::new(); HOSTS],
        }));
        let inboxes = start_receivers(seen.clone());
        let city = store.actor_by_username("city").await.unwrap().unwrap();
        for (f, inbox) in inboxes.iter().enumerate() {
            store
                .change_follows(&civicpub_store::FollowChange::AddFollower(Follower {
                    actor_id: city.id,
                    follower_uri: format!("https://follower.example/{f}"),
                    inbox: inbox.clone(),
                    follow_id: format!("https://follower.example/{f}#follow"),
                    accepted: true,
                    created_at: Timestamp::now(),
                }))
                .await
                .unwrap();
        }
        let mut delivery = DeliveryConfig::default();
        if let Some(n) = std::env::var("DELIVERY_NET_CONCURRENCY")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            delivery.concurrency = n;
        }
        let concurrency = delivery.concurrency;
        let worker = Worker::new(node.clone(), delivery.clone());
        let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
        let worker_task = tokio::spawn(worker.run(async move {
            let _ = stop_rx.wait_for(|s| *s).await;
        }));

        let live: Vec<(usize, Duration)> = (0..HOSTS)
            .filter_map(|i| match behaviour(i) {
                Behaviour::Live(l) => Some((i, l)),
                _ => None,
            })
            .collect();
        let busy: Vec<usize> = (0..HOSTS)
            .filter(|i| matches!(behaviour(*i), Behaviour::Busy(_)))
            .collect();
        let latency_sum: Duration = live.iter().map(|(_, l)| *l).sum();
        let longest = live.iter().map(|(_, l)| *l).max().unwrap();
        let forced = (latency_sum / concurrency as u32).max(longest);

        let input = ItemInput {
            texts: vec![TextInput {
                lang: "en".into(),
                title: "Through a real network".into(),
                summary: String::new(),
                body: "Hello.".into(),
            }],
            ..Default::default()
        };
        let start = Instant::now();
        node.publish(&city, ItemKind::News, input).await.unwrap();
        // Every live host once, every busy host twice (its 429, then the retry).
        let deadline = start + Duration::from_secs(60);
        loop {
            let done = {
                let seen = seen.lock().unwrap();
                live.iter().all(|(i, _)| !seen.arrivals[*i].is_empty())
                    && busy.iter().all(|i| seen.arrivals[*i].len() >= 2)
            };
            if done || Instant::now() > deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let seen = Seen {
            arrivals: seen.lock().unwrap().arrivals.clone(),
        };
        // A live host has the activity once its answer is due: arrival + latency.
        let last_live = live
            .iter()
            .filter_map(|(i, l)| seen.arrivals[*i].first().map(|a| a.duration_since(start) + *l))
            .max()
            .unwrap();
        let reached = live.iter().filter(|(i, _)| !seen.arrivals[*i].is_empty()).count();
        let waits: Vec<Duration> = busy
            .iter()
            .filter_map(|i| match seen.arrivals[*i].as_slice() {
                [first, second, ..] => Some(second.duration_since(*first)),
                _ => None,
            })
            .collect();
        let early = waits.iter().filter(|w| w.as_secs_f64() < RETRY_AFTER as f64).count();
        let black_hole_hits = (0..HOSTS)
            .filter(|i| behaviour(*i) == Behaviour::BlackHole && !seen.arrivals[*i].is_empty())
            .count();
        println!("hosts: {HOSTS} ({} live with 50–300 ms latency, {} black holes, {} answering 429 with Retry-After: {RETRY_AFTER}); backend: {}; worker concurrency {concurrency}, per host {}", live.len(), HOSTS - live.len() - busy.len(), busy.len(), db.backend.name(), delivery.per_host);
        println!("latency alone forces {:.0} ms (sum of live latencies {:.1} s / {concurrency}, at least the longest {} ms)", forced.as_secs_f64() * 1e3, latency_sum.as_secs_f64(), longest.as_millis());
        println!("live hosts reached: {reached} of {}; the last one had it at {:.0} ms = {:.2}x the latency limit (target: 1.5x or less)", live.len(), last_live.as_secs_f64() * 1e3, last_live.as_secs_f64() / forced.as_secs_f64());
        println!("black holes sent to: {black_hole_hits} (their requests time out; they must not delay the others)");
        println!(
            "429 hosts retried: {} of {}; wait before the retry: shortest {:.2} s, longest {:.2} s; retried before Retry-After: {early} (target: 0)",
            waits.len(),
            busy.len(),
            waits.iter().min().map_or(0.0, |d| d.as_secs_f64()),
            waits.iter().max().map_or(0.0, |d| d.as_secs_f64()),
        );
        let _ = stop_tx.send(true);
        let _ = tokio::time::timeout(Duration::from_secs(15), worker_task).await;
    });
}
