//! Fan-out of one post to 1,000 inboxes on 1,000 hosts, with the receivers in
//! a process of their own pinned to one core and the sender pinned to the
//! other (`taskset`), so that what is measured is what the sender controls:
//! deliveries per second against the rate at which one core signs (RSA-2048,
//! the delivery signer), measured in the sender's process in the same run,
//! before and after the fan-out (the faster is the limit). One signature per
//! inbox: signatures = distinct inboxes. Target: at least 70%.
//!
//!     cargo bench --bench fanout_pinned
//!     CIVICPUB_TEST_DATABASE_URL=postgres://... cargo bench --bench fanout_pinned
//!
//! On PostgreSQL the database server is not pinned: it runs on either core.
//! FANOUT_CORES=S,R picks the sender's and the receivers' cores (default 0,1).
//!
//! At scale: 100,000 followers on 10,000 hosts (one shared inbox each), with
//! the time from the publish call to the first delivery's arrival (target:
//! 50 ms or less) and the sender's peak resident memory from just before the
//! publish call to the end (VmHWM, reset through /proc/self/clear_refs;
//! target: under 64 MB); the deliveries are queued in batches of at most
//! `civicpub_store::FANOUT_BATCH`:
//!
//!     FANOUT_FOLLOWERS=100000 FANOUT_HOSTS=10000 cargo bench --bench fanout_pinned

use civicpub::config::Options;
use civicpub_domain::{ItemKind, Timestamp};
use civicpub_service::delivery::{DeliveryConfig, Worker};
use civicpub_service::items::{ItemInput, TextInput};
use civicpub_store::testing::TestDatabase;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn hosts() -> usize {
    env_number("FANOUT_HOSTS", 1_000)
}

fn followers() -> usize {
    env_number("FANOUT_FOLLOWERS", hosts())
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Nanoseconds since the Unix epoch: one clock for both processes.
fn wall_nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

fn main() {
    match std::env::var("FANOUT_ROLE").as_deref() {
        Ok("receiver") => receiver(),
        Ok("sender") => sender(),
        Ok("setup") => setup(),
        _ => launch(),
    }
}

/// Starts the receivers on one core, then the sender on the other, with the
/// receivers' inboxes; relays the sender's report.
fn launch() {
    let cores = std::env::var("FANOUT_CORES").unwrap_or_else(|_| "0,1".into());
    let (send_core, receive_core) = cores.split_once(',').expect("FANOUT_CORES=S,R");
    let exe = std::env::current_exe().unwrap();
    let scratch = std::env::temp_dir().join(format!("fanout-pinned-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let inboxes = scratch.join("inboxes");
    let first = scratch.join("first");
    let last = scratch.join("last");
    let mut receivers = Command::new("taskset")
        .args(["-c", receive_core])
        .arg(&exe)
        .env("FANOUT_ROLE", "receiver")
        .env("FANOUT_INBOXES", &inboxes)
        .env("FANOUT_FIRST", &first)
        .env("FANOUT_LAST", &last)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("taskset runs");
    // The receivers say "ready" once their inboxes are written.
    let mut lines = BufReader::new(receivers.stdout.take().unwrap()).lines();
    assert_eq!(lines.next().unwrap().unwrap(), "ready");
    // The database, made here so that it outlives both the process that
    // writes the followers and the sender, which starts afresh as `serve`
    // would, its memory its own.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let db = rt.block_on(TestDatabase::new()).unwrap();
    let data_dir = db.scratch_dir();
    let setup = Command::new("taskset")
        .args(["-c", send_core])
        .arg(&exe)
        .env("FANOUT_ROLE", "setup")
        .env("FANOUT_INBOXES", &inboxes)
        .env("FANOUT_DB", &db.url)
        .env("FANOUT_DATA", &data_dir)
        .status()
        .unwrap();
    assert!(setup.success(), "the setup failed");
    let status = Command::new("taskset")
        .args(["-c", send_core])
        .arg(&exe)
        .env("FANOUT_ROLE", "sender")
        .env("FANOUT_DB", &db.url)
        .env("FANOUT_DATA", &data_dir)
        .env("FANOUT_BACKEND", db.backend.name())
        .env("FANOUT_INBOXES", &inboxes)
        .env("FANOUT_FIRST", &first)
        .env("FANOUT_LAST", &last)
        .env("FANOUT_RECEIVER_PID", receivers.id().to_string())
        .status()
        .unwrap();
    let _ = receivers.kill();
    let _ = receivers.wait();
    let _ = std::fs::remove_dir_all(&scratch);
    drop(db);
    assert!(status.success(), "the sender failed");
}

/// The receiving hosts: 1,000 ports, each answering a signed POST to /inbox
/// with 202. Prints the inboxes on one line.
fn receiver() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        static HITS: AtomicUsize = AtomicUsize::new(0);
        static FIRST: std::sync::Once = std::sync::Once::new();
        let first_file = std::env::var("FANOUT_FIRST").unwrap();
        let last_file = std::env::var("FANOUT_LAST").unwrap();
        let mut inboxes = Vec::new();
        for _ in 0..hosts() {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            inboxes.push(format!("http://{}/inbox", listener.local_addr().unwrap()));
            let (first_file, last_file) = (first_file.clone(), last_file.clone());
            tokio::spawn(async move {
                while let Ok((stream, _)) = listener.accept().await {
                    let (first_file, last_file) = (first_file.clone(), last_file.clone());
                    tokio::spawn(async move {
                        if receive(stream).await {
                            let now = wall_nanos();
                            FIRST.call_once(|| {
                                let _ = std::fs::write(&first_file, now.to_string());
                            });
                            // The last inbox to get its activity says when
                            // (written aside, then renamed: never read half-written).
                            if HITS.fetch_add(1, Ordering::SeqCst) + 1 == hosts() {
                                let aside = format!("{last_file}.part");
                                let _ = std::fs::write(&aside, now.to_string());
                                let _ = std::fs::rename(&aside, &last_file);
                            }
                        }
                    });
                }
            });
        }
        std::fs::write(std::env::var("FANOUT_INBOXES").unwrap(), inboxes.join("\n")).unwrap();
        println!("ready");
        let _ = std::io::stdout().flush();
        std::future::pending::<()>().await
    })
}

/// Reads one request; answers 202 to a signed POST to /inbox (true), 401 else.
async fn receive(mut stream: tokio::net::TcpStream) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut buf = Vec::with_capacity(8192);
    let (head, body_len) = loop {
        if stream.read_buf(&mut buf).await.unwrap_or(0) == 0 {
            return false;
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
            return false;
        }
    }
    let signed = head.starts_with("post /inbox ") && head.contains("\nsignature: keyid=");
    let answer: &[u8] = if signed {
        b"HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
    } else {
        b"HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
    };
    let _ = stream.write_all(answer).await;
    let _ = stream.shutdown().await;
    signed
}

/// RSA-2048 signatures per second on this process's one core, for two seconds.
fn one_core_signing_rate() -> f64 {
    let pair = civicpub_transport::generate_key_pair().unwrap();
    let key = civicpub_transport::keys::parse_private_key(&pair.private_key_pem).unwrap();
    let body = vec![b'x'; 1500];
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(2) {
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
    n as f64 / start.elapsed().as_secs_f64()
}

/// A /proc/self/status figure in MiB.
fn vm(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The node's configuration, on the database the launcher made.
fn config() -> civicpub::config::Config {
    Options {
        domain: Some("a.example".into()),
        database_url: Some(std::env::var("FANOUT_DB").unwrap()),
        data_dir: Some(std::env::var("FANOUT_DATA").unwrap().into()),
        insecure_dev: Some(true),
        ..Default::default()
    }
    .resolve()
    .unwrap()
}

/// Sets the node up and writes its followers straight into the table, 500 a
/// statement: the benchmark is the fan-out, not following.
fn setup() {
    let inboxes: Vec<String> = std::fs::read_to_string(std::env::var("FANOUT_INBOXES").unwrap())
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let (hosts, followers) = (hosts(), followers());
    assert_eq!(inboxes.len(), hosts);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let store = civicpub::node::open(&config()).await.unwrap();
        let city = store.actor_by_username("city").await.unwrap().unwrap();
        for chunk in (0..followers).collect::<Vec<_>>().chunks(500) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let b = i * 4;
                    format!("({}, ${}, ${}, ${}, ${}, 'accepted', {})", city.id, b + 1, b + 2, b + 3, b + 4, Timestamp::now().millis())
                })
                .collect();
            let sql = format!(
                "INSERT INTO followers (actor_id, follower_uri, inbox, inbox_host, follow_id, state, created_at) VALUES {}",
                values.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for f in chunk {
                let inbox = &inboxes[f % hosts];
                let host = url::Url::parse(inbox).map(|u| civicpub_domain::authority(&u)).unwrap();
                q = q
                    .bind(format!("https://follower.example/{f}"))
                    .bind(inbox.clone())
                    .bind(host)
                    .bind(format!("https://follower.example/{f}#follow"));
            }
            q.execute(store.pool()).await.unwrap();
        }
        store.close().await;
    });
}

fn sender() {
    let (hosts, followers) = (hosts(), followers());
    let first_file = std::env::var("FANOUT_FIRST").unwrap();
    let receiver_pid = std::env::var("FANOUT_RECEIVER_PID").unwrap();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let rate_before = one_core_signing_rate();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let config = config();
        let store = civicpub::node::open(&config).await.unwrap();
        let node = civicpub::node::node(&config, &store).await.unwrap();
        let city = store.actor_by_username("city").await.unwrap().unwrap();
        let delivery = DeliveryConfig::default();
        let concurrency = delivery.concurrency;
        let worker = Worker::new(node.clone(), delivery);
        let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
        let worker_task = tokio::spawn(worker.run(async move {
            let _ = stop_rx.wait_for(|s| *s).await;
        }));
        // The fan-out ends when the last inbox has the activity: the
        // receivers write down when. Asking the database instead (every few
        // milliseconds, a count over the whole queue) would measure the
        // asking too: on SQLite it runs on the sender's own core.
        let signatures_before = civicpub_transport::signatures::signatures_made();
        let input = ItemInput {
            texts: vec![TextInput {
                lang: "en".into(),
                title: "To every inbox".into(),
                summary: String::new(),
                body: "Hello.".into(),
            }],
            ..Default::default()
        };
        // The peak from here on: /proc/self/clear_refs "5" resets VmHWM.
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let rss_before = vm("VmRSS:");
        let (anon_before, file_before) = (vm("RssAnon:"), vm("RssFile:"));
        let start = Instant::now();
        let published_at = wall_nanos();
        node.publish(&city, ItemKind::News, input).await.unwrap();
        let returned = start.elapsed();
        let queued_at_return: i64 = {
            use sqlx::Row;
            sqlx::query("SELECT COUNT(*) FROM deliveries")
                .fetch_one(store.pool())
                .await
                .unwrap()
                .get(0)
        };
        let last_file = std::env::var("FANOUT_LAST").unwrap();
        let deadline = start + Duration::from_secs(300);
        let last: u128 = loop {
            if let Ok(t) = std::fs::read_to_string(&last_file) {
                break t.trim().parse().unwrap();
            }
            assert!(Instant::now() < deadline, "not delivered: {:?}", store.queue_stats().await.unwrap());
            tokio::time::sleep(Duration::from_millis(2)).await;
        };
        let all = Duration::from_nanos(last.saturating_sub(published_at) as u64);
        // Then every delivery is written done (successes are written in
        // batches, a little after the last answer), each once.
        let written = loop {
            let stats = store.queue_stats().await.unwrap();
            if stats.done as usize >= hosts {
                assert_eq!(stats.done as usize, hosts, "{stats:?}");
                break start.elapsed();
            }
            assert!(Instant::now() < deadline, "not written done: {stats:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        let signatures = civicpub_transport::signatures::signatures_made() - signatures_before;
        let peak = vm("VmHWM:");
        let (anon_after, file_after) = (vm("RssAnon:"), vm("RssFile:"));
        let first: u128 = std::fs::read_to_string(&first_file).unwrap().trim().parse().unwrap();
        let first_ms = first.saturating_sub(published_at) as f64 / 1e6;
        let _ = stop_tx.send(true);
        let _ = worker_task.await;
        let rate_after = one_core_signing_rate();
        let rate = rate_before.max(rate_after);
        let per_second = hosts as f64 / all.as_secs_f64();
        println!("sender on {cores} core (pinned), receivers (pid {receiver_pid}) on another; backend: {}; worker concurrency {concurrency}", std::env::var("FANOUT_BACKEND").unwrap());
        println!("RSA-2048 signing on the sender's one core (limit): {rate:.0}/s (before {rate_before:.0}/s, after {rate_after:.0}/s)");
        println!("followers: {followers} on {hosts} hosts; deliveries: {hosts} to {hosts} distinct inboxes, {signatures} signatures made; the last arrived {:.0} ms after the publish call, all were written done after {:.0} ms", all.as_secs_f64() * 1e3, written.as_secs_f64() * 1e3);
        println!("publish call to first delivery: {first_ms:.1} ms (target: 50 ms or less); the call returned after {:.1} ms with {queued_at_return} deliveries queued (the first batch at most {}, the next ones at most {})", returned.as_secs_f64() * 1e3, civicpub_store::FIRST_BATCH, civicpub_store::FANOUT_BATCH);
        println!("sender's memory: {rss_before:.1} MiB resident before the post, peak {peak:.1} MiB from the post to the end (target: under 64 MB = 61.0 MiB); of it anonymous {anon_before:.1} MiB before, {anon_after:.1} MiB after, file-backed (the program's own pages) {file_before:.1} MiB before, {file_after:.1} MiB after");
        println!("fan-out: {per_second:.0} deliveries/s = {:.1}% of one core's signing rate (target: at least 70%)", 100.0 * per_second / rate);
    });
}
