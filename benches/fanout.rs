//! Fan-out of one post to 10,000 followers on 1,000 hosts (local receivers):
//! deliveries per second against the signer's own RSA-2048 rate on all cores,
//! measured in the same run; signatures made; time from commit to the first
//! delivery; peak memory. Then the same 1,000 POSTs again, unsigned and
//! unstored, to measure what the transport alone costs this machine (both ends
//! of every TCP connection run on its cores) and so the highest ratio any sender
//! could reach here. Run with:
//!
//!     cargo bench --bench fanout
//!
//! FANOUT_CONCURRENCY sets the worker's concurrency (default 64; 16 and 256
//! measured within a few percent of it). FANOUT_PERF prints the fan-out's start
//! and end on the monotonic clock, to cut a profile to it:
//!
//!     FANOUT_PERF=1 perf record -k CLOCK_MONOTONIC target/release/deps/fanout-*
//!     perf report --time START,END --sort comm,dso

#[path = "load.rs"]
mod load;

use civicpub::config::Options;
use civicpub_domain::{ItemKind, Timestamp};
use civicpub_service::delivery::{DeliveryConfig, Worker};
use civicpub_service::items::{ItemInput, TextInput};
use civicpub_store::{testing::TestDatabase, Follower};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

const FOLLOWERS: usize = 10_000;
const HOSTS: usize = 1_000;

static HITS: AtomicUsize = AtomicUsize::new(0);
static FIRST: OnceLock<Instant> = OnceLock::new();
static LAST: OnceLock<Instant> = OnceLock::new();

/// RSA-2048 signatures per second with the delivery signer, on every core.
fn signing_rate() -> f64 {
    let pair = civicpub_transport::generate_key_pair().unwrap();
    let key = Arc::new(civicpub_transport::keys::parse_private_key(&pair.private_key_pem).unwrap());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let run_for = Duration::from_secs(2);
    let start = Instant::now();
    let threads: Vec<_> = (0..cores)
        .map(|_| {
            let key = key.clone();
            std::thread::spawn(move || {
                let mut n = 0u64;
                let body = vec![b'x'; 1500];
                while start.elapsed() < run_for {
                    civicpub_transport::signatures::sign_cavage(
                        &key,
                        "https://a.example/actors/city#main-key",
                        "POST",
                        "/inbox",
                        "b.example",
                        Some(&body),
                        "Mon, 23 Nov 2026 10:00:00 GMT",
                    )
                    .unwrap();
                    n += 1;
                }
                n
            })
        })
        .collect();
    let total: u64 = threads.into_iter().map(|t| t.join().unwrap()).sum();
    total as f64 / start.elapsed().as_secs_f64()
}

/// One core, one second each: aws-lc-rs against the `rsa` crate that
/// activitypub_federation signs with, on the same key and message.
fn signer_speedup() -> (f64, f64) {
    use rsa::pkcs8::DecodePrivateKey;
    use sha2::Digest;
    let pair = civicpub_transport::generate_key_pair().unwrap();
    let fast = civicpub_transport::keys::parse_private_key(&pair.private_key_pem).unwrap();
    let slow = rsa::RsaPrivateKey::from_pkcs8_pem(&pair.private_key_pem).unwrap();
    let message =
        b"(request-target): post /inbox\nhost: b.example\ndate: Mon, 23 Nov 2026 10:00:00 GMT";
    let rate = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        let mut n = 0u64;
        while start.elapsed() < Duration::from_secs(1) {
            f();
            n += 1;
        }
        n as f64 / start.elapsed().as_secs_f64()
    };
    let mut sig = vec![0; fast.public_modulus_len()];
    let rng = aws_lc_rs::rand::SystemRandom::new();
    let aws = rate(&mut || {
        fast.sign(
            &aws_lc_rs::signature::RSA_PKCS1_SHA256,
            &rng,
            message,
            &mut sig,
        )
        .unwrap();
    });
    let hashed = sha2::Sha256::digest(message);
    let rsa_crate = rate(&mut || {
        slow.sign(rsa::Pkcs1v15Sign::new::<sha2::Sha256>(), &hashed)
            .unwrap();
    });
    (aws, rsa_crate)
}

/// Reads one request, counts it if it is a signed POST to /inbox, answers 202.
async fn receive(mut stream: tokio::net::TcpStream) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut buf = Vec::with_capacity(8192);
    let (head, body_len) = loop {
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
            break (head, end + 4 + len);
        }
    };
    while buf.len() < body_len {
        if stream.read_buf(&mut buf).await.unwrap_or(0) == 0 {
            return;
        }
    }
    let signed = head.starts_with("post /inbox ") && head.contains("\nsignature: keyid=");
    let answer: &[u8] = if signed {
        let now = Instant::now();
        FIRST.get_or_init(|| now);
        if HITS.fetch_add(1, Ordering::SeqCst) + 1 == HOSTS {
            let _ = LAST.set(now);
        }
        b"HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
    } else {
        b"HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
    };
    let _ = stream.write_all(answer).await;
    let _ = stream.shutdown().await;
}

/// With FANOUT_PERF set, prints the monotonic clock (seconds, from
/// /proc/uptime) so that a profile can be cut to the fan-out alone.
fn perf_mark(what: &str) {
    if std::env::var_os("FANOUT_PERF").is_some() {
        let uptime = std::fs::read_to_string("/proc/uptime").unwrap_or_default();
        eprintln!(
            "fan-out {what} at {}",
            uptime.split(' ').next().unwrap_or("")
        );
    }
}

/// Starts the receiving hosts on a one-thread runtime of their own; returns
/// their inbox URLs.
fn start_receivers() -> Vec<String> {
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
                for _ in 0..HOSTS {
                    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                    inboxes.push(format!("http://{}/inbox", listener.local_addr().unwrap()));
                    tokio::spawn(async move {
                        while let Ok((stream, _)) = listener.accept().await {
                            tokio::spawn(receive(stream));
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

/// CPU time (whole process) to POST one body to every inbox, unsigned, with a
/// plain HTTP client, `concurrency` at a time.
async fn transport_only(inboxes: &[String], concurrency: usize) -> Duration {
    let client = reqwest::Client::builder()
        .pool_idle_timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let gate = Arc::new(tokio::sync::Semaphore::new(concurrency));
    let body = vec![b'x'; 1500];
    let cpu_before = load::cpu_time();
    let mut tasks = tokio::task::JoinSet::new();
    for inbox in inboxes {
        let permit = gate.clone().acquire_owned().await.unwrap();
        let (client, inbox, body) = (client.clone(), inbox.clone(), body.clone());
        tasks.spawn(async move {
            let r = client
                .post(inbox)
                .header("content-type", "application/activity+json")
                .body(body)
                .send()
                .await;
            assert_eq!(
                r.unwrap().status().as_u16(),
                401,
                "unsigned POSTs are refused"
            );
            drop(permit);
        });
    }
    while tasks.join_next().await.is_some() {}
    load::cpu_time() - cpu_before
}

fn main() {
    let (aws, rsa_crate) = signer_speedup();
    let rate_before = signing_rate();
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

        // 1,000 receiving hosts (ports on 127.0.0.1), each counting what arrives.
        // A bare HTTP/1.1 responder rather than a web framework, on threads of
        // its own (named "receiver") so that the sender's share of the CPU can be
        // told apart: the receivers share the sender's cores here, and on a real
        // network they would not.
        let inboxes = start_receivers();
        // 10,000 followers, ten per host, sharing each host's shared inbox.
        let city = store.actor_by_username("city").await.unwrap().unwrap();
        for f in 0..FOLLOWERS {
            store
                .change_follows(&civicpub_store::FollowChange::AddFollower(Follower {
                    actor_id: city.id,
                    follower_uri: format!("https://follower.example/{f}"),
                    inbox: inboxes[f % HOSTS].clone(),
                    follow_id: format!("https://follower.example/{f}#follow"),
                    accepted: true,
                    created_at: Timestamp::now(),
                }))
                .await
                .unwrap();
        }
        let (_, rss_before) = load::memory_mib();
        let mut delivery = DeliveryConfig::default();
        if let Some(n) = std::env::var("FANOUT_CONCURRENCY").ok().and_then(|v| v.parse().ok()) {
            delivery.concurrency = n;
        }
        println!("worker concurrency: {}", delivery.concurrency);
        let concurrency = delivery.concurrency;
        let worker = Worker::new(node.clone(), delivery);
        let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
        let worker_task = tokio::spawn(worker.run(async move {
            let _ = stop_rx.wait_for(|s| *s).await;
        }));

        let input = ItemInput {
            texts: vec![TextInput { lang: "en".into(), title: "To the whole network".into(), summary: "One post, ten thousand followers.".into(), body: "Hello.".into() }],
            tags: vec!["bench".into()],
            ..Default::default()
        };
        let cpu_before = load::cpu_time();
        let receivers_before = load::threads_cpu_time(|name| name == "receiver");
        let signatures_before = civicpub_transport::signatures::signatures_made();
        // Timed from the call: the worker can take the rows as soon as the
        // transaction commits, before publish() returns.
        perf_mark("start");
        let committed = Instant::now();
        // Publishing wakes this process's worker itself.
        node.publish(&city, ItemKind::News, input).await.unwrap();
        let deadline = committed + Duration::from_secs(120);
        while LAST.get().is_none() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let first = FIRST.get().expect("no delivery arrived").duration_since(committed);
        let all = LAST.get().expect("not every host got its delivery").duration_since(committed);
        perf_mark("end");
        let cpu = load::cpu_time() - cpu_before;
        let receivers_cpu = load::threads_cpu_time(|name| name == "receiver") - receivers_before;
        let signatures = civicpub_transport::signatures::signatures_made() - signatures_before;
        // Let the worker record the last answers, then check the queue.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let stats = store.queue_stats().await.unwrap();
        let _ = stop_tx.send(true);
        let _ = worker_task.await;
        let (peak, _) = load::memory_mib();
        // The ceiling this machine allows: the same 1,000 POSTs to the same
        // receivers, unsigned and with nothing stored, at the same concurrency.
        // What they cost (both ends of each TCP connection, the receiver, the
        // HTTP client) shares the cores with the signing in the fan-out above.
        let transport = transport_only(&inboxes, concurrency).await;
        // The machine's speed can drift during a run: the limit is the faster of
        // two measurements, one before the fan-out and one after it.
        let rate_after = signing_rate();
        let rate = rate_before.max(rate_after);
        let per_second = HOSTS as f64 / all.as_secs_f64();
        println!("followers: {FOLLOWERS} on {HOSTS} hosts; backend: {}", db.backend.name());
        println!("RSA-2048 signing on one core: aws-lc-rs {aws:.0}/s, rsa crate {rsa_crate:.0}/s ({:.1}x faster)", aws / rsa_crate);
        println!("signer's RSA-2048 rate on all cores (limit): {rate:.0} signatures/s (before the fan-out {rate_before:.0}/s, after it {rate_after:.0}/s)");
        println!("deliveries: {} signed requests arrived; {signatures} signatures made (must be {HOSTS}); queue: {} done, {} pending, {} failed", HITS.load(Ordering::SeqCst), stats.done, stats.pending, stats.failed);
        println!("fan-out: {per_second:.0} deliveries/s = {:.1}% of the signing rate (target: at least 70%)", 100.0 * per_second / rate);
        println!("commit to first delivery: {:.1} ms, timed from the publish call (target: 50 ms or less)", first.as_secs_f64() * 1000.0);
        println!("commit to last delivery: {:.0} ms", all.as_secs_f64() * 1000.0);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let sender_cpu = cpu.saturating_sub(receivers_cpu);
        let signing = Duration::from_secs_f64(cores as f64 / rate * HOSTS as f64);
        println!(
            "CPU during the fan-out: {:.0} ms = {:.0}% of {cores} cores; per delivery {:.0} µs, of which the receivers {:.0} µs and the sender {:.0} µs (signing at the limit's speed is {:.0} µs of it, {:.0}%)",
            cpu.as_secs_f64() * 1e3,
            100.0 * cpu.as_secs_f64() / (all.as_secs_f64() * cores as f64),
            cpu.as_secs_f64() * 1e6 / HOSTS as f64,
            receivers_cpu.as_secs_f64() * 1e6 / HOSTS as f64,
            sender_cpu.as_secs_f64() * 1e6 / HOSTS as f64,
            signing.as_secs_f64() * 1e6 / HOSTS as f64,
            100.0 * signing.as_secs_f64() / sender_cpu.as_secs_f64(),
        );
        let transport_per = transport.as_secs_f64() / HOSTS as f64;
        let sign_per = cores as f64 / rate;
        println!(
            "transport alone (the same POSTs unsigned, nothing stored): {:.0} µs of CPU per delivery; so on this machine, with the receivers on its cores, even a sender doing nothing but sign and send would reach at most {:.0}% of the signing rate",
            transport_per * 1e6,
            100.0 * sign_per / (sign_per + transport_per),
        );
        println!("memory: {rss_before:.1} MiB resident before the post, {peak:.1} MiB peak for the whole process, receivers included (target: 64 MB or less)");
    });
}
