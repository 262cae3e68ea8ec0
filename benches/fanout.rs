//! Fan-out of one post to 10,000 followers on 1,000 hosts (local receivers):
//! deliveries per second against the signer's own RSA-2048 rate on all cores,
//! measured in the same run; signatures made; time from commit to the first
//! delivery; peak memory. Run with:
//!
//!     cargo bench --bench fanout
//!
//! FANOUT_CONCURRENCY sets the worker's concurrency (default 64; 16 and 256
//! measured within a few percent of it).

#[path = "load.rs"]
mod load;

use axum::{routing::post, Router};
use civicpub::config::Options;
use civicpub_domain::{Draft, ItemDetails, Text, Timestamp};
use civicpub_service::delivery::{DeliveryConfig, Worker};
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
    let pair = civicpub_federation::generate_key_pair().unwrap();
    let key =
        Arc::new(civicpub_federation::keys::parse_private_key(&pair.private_key_pem).unwrap());
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
                    civicpub_federation::signatures::sign_cavage(
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
    let pair = civicpub_federation::generate_key_pair().unwrap();
    let fast = civicpub_federation::keys::parse_private_key(&pair.private_key_pem).unwrap();
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

fn main() {
    let (aws, rsa_crate) = signer_speedup();
    let rate = signing_rate();
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
        let fed = civicpub::node::federation(&config, &store).await.unwrap();

        // 1,000 receiving hosts (ports on 127.0.0.1), each counting what arrives.
        let app = Router::new().route(
            "/inbox",
            post(|| async {
                let now = Instant::now();
                FIRST.get_or_init(|| now);
                if HITS.fetch_add(1, Ordering::SeqCst) + 1 == HOSTS {
                    let _ = LAST.set(now);
                }
                axum::http::StatusCode::ACCEPTED
            }),
        );
        let mut inboxes = Vec::new();
        for _ in 0..HOSTS {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            inboxes.push(format!("http://{}/inbox", listener.local_addr().unwrap()));
            let app = app.clone();
            tokio::spawn(async move { axum::serve(listener, app).await });
        }
        // 10,000 followers, ten per host, sharing each host's shared inbox.
        let city = store.actor_by_username("city").await.unwrap().unwrap();
        for f in 0..FOLLOWERS {
            store
                .upsert_follower(&Follower {
                    actor_id: city.id,
                    follower_uri: format!("https://follower.example/{f}"),
                    inbox: inboxes[f % HOSTS].clone(),
                    follow_id: format!("https://follower.example/{f}#follow"),
                    accepted: true,
                    created_at: Timestamp::now(),
                })
                .await
                .unwrap();
        }
        let (_, rss_before) = load::memory_mib();
        let mut delivery = DeliveryConfig::default();
        if let Some(n) = std::env::var("FANOUT_CONCURRENCY").ok().and_then(|v| v.parse().ok()) {
            delivery.concurrency = n;
        }
        println!("worker concurrency: {}", delivery.concurrency);
        let worker = Worker::new(fed.clone(), delivery);
        let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
        let worker_task = tokio::spawn(worker.run(async move {
            let _ = stop_rx.wait_for(|s| *s).await;
        }));

        let draft = Draft {
            texts: vec![Text { lang: "en".into(), title: "To the whole network".into(), summary: "One post, ten thousand followers.".into(), body: "Hello.".into() }],
            tags: vec!["bench".into()],
            details: ItemDetails::News { hero: None },
        };
        let publisher = civicpub_service::Publisher { store: &store, base: &config.base };
        let cpu_before = load::cpu_time();
        publisher.publish(&city, draft).await.unwrap();
        let committed = Instant::now();
        fed.queued.notify_one();
        let deadline = committed + Duration::from_secs(120);
        while LAST.get().is_none() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let first = FIRST.get().expect("no delivery arrived").duration_since(committed);
        let all = LAST.get().expect("not every host got its delivery").duration_since(committed);
        let cpu = load::cpu_time() - cpu_before;
        // Let the worker record the last answers, then check the queue.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let stats = store.queue_stats().await.unwrap();
        let _ = stop_tx.send(true);
        let _ = worker_task.await;
        let (peak, _) = load::memory_mib();
        let per_second = HOSTS as f64 / all.as_secs_f64();
        println!("followers: {FOLLOWERS} on {HOSTS} hosts; backend: {}", db.backend.name());
        println!("RSA-2048 signing on one core: aws-lc-rs {aws:.0}/s, rsa crate {rsa_crate:.0}/s ({:.1}x faster)", aws / rsa_crate);
        println!("signer's RSA-2048 rate on all cores (limit): {rate:.0} signatures/s");
        println!("deliveries: {} requests = {} signatures (queue: {} done, {} pending, {} failed)", HITS.load(Ordering::SeqCst), HITS.load(Ordering::SeqCst), stats.done, stats.pending, stats.failed);
        println!("fan-out: {per_second:.0} deliveries/s = {:.1}% of the signing rate (target: at least 70%)", 100.0 * per_second / rate);
        println!("commit to first delivery: {:.1} ms (target: 50 ms or less)", first.as_secs_f64() * 1000.0);
        println!("commit to last delivery: {:.0} ms", all.as_secs_f64() * 1000.0);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        println!(
            "CPU during the fan-out (sender, receivers and database together): {:.0} ms = {:.0}% of {cores} cores; {:.0} µs per delivery, of which signing is {:.0} µs",
            cpu.as_secs_f64() * 1e3,
            100.0 * cpu.as_secs_f64() / (all.as_secs_f64() * cores as f64),
            cpu.as_secs_f64() * 1e6 / HOSTS as f64,
            1e6 * cores as f64 / rate
        );
        println!("memory: {rss_before:.1} MiB resident before the post, {peak:.1} MiB peak for the whole process, receivers included (target: 64 MB or less)");
    });
}
