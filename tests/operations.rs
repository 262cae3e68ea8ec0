//! Running a node as operators do: the CLI refuses to act where there is no
//! node, `init`, `/metrics` read by an independent parser, web and delivery
//! processes side by side on one PostgreSQL database with a worker killed
//! midway, leases taken over, and a stop in the middle of a fan-out.

mod common;

use civicpub_domain::Timestamp;
use civicpub_store::testing::{test_backend, TestDatabase};
use civicpub_store::{Backend, FollowChange, Follower};
use common::{civicpub, output, ServedNode};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "civicpub-ops-{name}-{}-{}",
        std::process::id(),
        Timestamp::now().millis()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn a_command_that_finds_no_node_refuses_and_creates_nothing() {
    let dir = scratch("nonode");
    let d = dir.display().to_string();
    for args in [
        vec!["--data-dir", &d, "followers", "list"],
        vec!["--data-dir", &d, "news", "publish", "--title", "Lost"],
        vec!["--data-dir", &d, "worker"],
    ] {
        let out = output(civicpub(&args));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let msg = stderr(&out);
        for named in ["--data-dir", "--config", "--database-url", "civicpub init"] {
            assert!(msg.contains(named), "{args:?} names {named}: {msg}");
        }
        assert!(!dir.exists(), "{args:?} created {}", dir.display());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn init_sets_a_node_up_and_commands_act_for_its_city() {
    let db = TestDatabase::new().await.unwrap();
    let data = db.scratch_dir().display().to_string();
    let on = |args: &[&str]| {
        let mut all = vec![
            "--database-url",
            &db.url,
            "--data-dir",
            &data,
            "--domain",
            "comune.example",
        ];
        all.extend(args);
        output(civicpub(&all))
    };
    // Before init, nothing: the database is there but holds no node.
    let out = on(&["following", "list"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = on(&["--city", "comune", "init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(said.contains("@comune@comune.example"), "{said}");
    let again = on(&["init"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(String::from_utf8_lossy(&again.stdout).contains("already"));
    // No --actor and no --city: the commands act for the city set up, not a
    // literal `city`.
    for args in [
        vec!["following", "list"],
        vec!["followers", "list"],
        vec!["followers", "list", "--pending"],
        vec!["token", "create", "--scopes", "read"],
    ] {
        let out = on(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let store = db.store().await.unwrap();
    assert!(store.actor_by_username("comune").await.unwrap().is_some());
    assert!(store.actor_by_username("city").await.unwrap().is_none());
}

/// An HTTP server that takes any POST and counts them by path.
struct Receiver {
    port: u16,
    counts: Arc<Mutex<HashMap<String, u32>>>,
}

impl Receiver {
    async fn start(delay: Duration) -> Receiver {
        let counts: Arc<Mutex<HashMap<String, u32>>> = Default::default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let c = counts.clone();
        let app = axum::Router::new().fallback(move |uri: axum::http::Uri| {
            let c = c.clone();
            async move {
                tokio::time::sleep(delay).await;
                *c.lock().unwrap().entry(uri.path().to_string()).or_default() += 1;
                axum::http::StatusCode::ACCEPTED
            }
        });
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Receiver { port, counts }
    }

    fn total(&self) -> u32 {
        self.counts.lock().unwrap().values().sum()
    }

    fn distinct(&self) -> usize {
        self.counts.lock().unwrap().len()
    }

    fn repeats(&self) -> u32 {
        self.counts.lock().unwrap().values().map(|n| n - 1).sum()
    }
}

/// `n` accepted followers of the city, each with its own inbox on `receiver`.
async fn add_followers(store: &civicpub_store::Store, receiver: &Receiver, n: usize) {
    let city = store.actor_by_username("city").await.unwrap().unwrap();
    for i in 0..n {
        let uri = format!("http://127.0.0.1:{}/users/u{i}", receiver.port);
        store
            .change_follows(&FollowChange::AddFollower(Follower {
                actor_id: city.id,
                follower_uri: uri.clone(),
                inbox: format!("{uri}/inbox"),
                follow_id: format!("{uri}#follow"),
                accepted: true,
                created_at: Timestamp::now(),
            }))
            .await
            .unwrap();
    }
}

async fn wait_until(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// `/metrics` read through `scripts/parse-metrics` (Python's prometheus_client):
/// sample → value.
fn parsed_metrics(text: &str) -> HashMap<String, f64> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/parse-metrics");
    let mut child = std::process::Command::new(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("scripts/parse-metrics runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "prometheus_client refused:\n{text}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let (name, value) = l.rsplit_once(' ').unwrap();
            (name.to_string(), value.parse().unwrap())
        })
        .collect()
}

async fn scrape(base: &str) -> HashMap<String, f64> {
    let res = reqwest::get(format!("{base}/metrics")).await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    parsed_metrics(&res.text().await.unwrap())
}

fn value(m: &HashMap<String, f64>, sample: &str) -> f64 {
    m.get(sample).copied().unwrap_or(0.0)
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_parse_and_show_a_post_being_delivered() {
    let receiver = Receiver::start(Duration::ZERO).await;
    let node = common::net::Node::start().await;
    add_followers(&node.store, &receiver, 3).await;
    let base = node.served.base.clone();
    let _ = reqwest::get(format!("{base}/news/12345")).await.unwrap();
    // Something a stranger sends that is not an activity.
    let refused = reqwest::Client::new()
        .post(format!("{base}/inbox"))
        .header("content-type", "application/activity+json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 400);
    let before = scrape(&base).await;

    node.cli(&["news", "publish", "--title", "Counted on the way out"]);
    wait_until("three deliveries", Duration::from_secs(30), || {
        receiver.total() >= 3
    })
    .await;
    // Successes are written down in batches: wait for the queue to say so.
    let mut after = scrape(&base).await;
    let start = Instant::now();
    while value(&after, "civicpub_deliveries{state=\"done\"}")
        < value(&before, "civicpub_deliveries{state=\"done\"}") + 3.0
    {
        assert!(start.elapsed() < Duration::from_secs(10), "{after:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
        after = scrape(&base).await;
    }
    let moved = |s: &str| value(&after, s) - value(&before, s);
    assert_eq!(
        moved("civicpub_delivery_attempts_total{outcome=\"delivered\"}"),
        3.0
    );
    assert_eq!(moved("civicpub_deliveries{state=\"done\"}"), 3.0);
    assert_eq!(value(&after, "civicpub_delivery_queue_depth{}"), 0.0);
    assert_eq!(value(&after, "civicpub_hosts_paused{}"), 0.0);
    assert!(value(&after, "civicpub_delivery_oldest_due_age_seconds{}") >= 0.0);
    assert_eq!(
        value(
            &after,
            "civicpub_inbox_activities_total{reason=\"malformed\",result=\"refused\"}"
        ),
        1.0
    );
    // Latency by route: the pattern that matched, never the raw path.
    assert!(
        value(
            &after,
            "civicpub_http_request_duration_seconds_count{method=\"GET\",route=\"/news/{id}\"}"
        ) >= 1.0,
        "{after:?}"
    );
    assert!(!after.keys().any(|k| k.contains("/news/12345")));
    assert!(value(&after, "civicpub_db_pool_max_connections{}") >= 1.0);
}

fn kill_and_wait(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn web_and_two_workers_share_postgresql_and_a_killed_worker_loses_nothing() {
    if test_backend() != Backend::Postgres {
        eprintln!(
            "skipped: several processes on one database need PostgreSQL \
             (CIVICPUB_TEST_DATABASE_URL=postgres://…)"
        );
        return;
    }
    const INBOXES: usize = 2000;
    let receiver = Receiver::start(Duration::from_millis(3)).await;
    let db = TestDatabase::new().await.unwrap();
    let data = db.scratch_dir();
    let settings = [
        "--insecure-dev",
        "--retry-seconds",
        "1",
        "--delivery-lease-seconds",
        "3",
    ];
    let web = ServedNode::start_as(&db, data.clone(), &settings, &["serve", "--no-worker"]);
    let store = db.store().await.unwrap();
    add_followers(&store, &receiver, INBOXES).await;
    let domain = format!("127.0.0.1:{}", web.port);
    let dir = data.display().to_string();
    let metrics_port = common::free_port();
    let metrics_addr = format!("127.0.0.1:{metrics_port}");
    let worker = |metrics: Option<&str>| {
        let mut args = vec![
            "--domain",
            &domain,
            "--database-url",
            &db.url,
            "--data-dir",
            &dir,
        ];
        args.extend(settings);
        args.push("worker");
        if let Some(addr) = metrics {
            args.extend(["--metrics-listen", addr]);
        }
        civicpub(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap()
    };
    let mut first = worker(None);
    // The survivor serves its own counters.
    let mut second = worker(Some(&metrics_addr));
    let started = Instant::now();
    let out = output(civicpub(&[
        "--domain",
        &domain,
        "--database-url",
        &db.url,
        "--data-dir",
        &dir,
        "--insecure-dev",
        "news",
        "publish",
        "--title",
        "To two thousand inboxes",
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    // The web process does not deliver: only the workers do.
    wait_until("a quarter delivered", Duration::from_secs(120), || {
        receiver.total() as usize >= INBOXES / 4
    })
    .await;
    let at_kill = receiver.total();
    kill_and_wait(&mut first);
    wait_until("every inbox", Duration::from_secs(180), || {
        receiver.distinct() >= INBOXES
    })
    .await;
    let delivered_in = started.elapsed();
    // Settle: nothing left pending, nothing failed.
    let start = Instant::now();
    loop {
        let stats = store.queue_stats().await.unwrap();
        if stats.pending == 0 {
            assert_eq!(stats.failed, 0, "{stats:?}");
            assert_eq!(stats.done as usize, INBOXES, "{stats:?}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "{stats:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let survivor = scrape(&format!("http://{metrics_addr}")).await;
    let sent_by_survivor = value(
        &survivor,
        "civicpub_delivery_attempts_total{outcome=\"delivered\"}",
    );
    assert!(sent_by_survivor > 0.0, "{survivor:?}");
    assert_eq!(value(&survivor, "civicpub_delivery_queue_depth{}"), 0.0);
    kill_and_wait(&mut second);
    let repeats = receiver.repeats();
    println!("the surviving worker's /metrics: {sent_by_survivor} delivered by it");
    println!(
        "{INBOXES} inboxes: all delivered in {delivered_in:.1?}; worker killed after {at_kill}; \
         {repeats} sent twice (in flight in the killed worker, sent again after its lease ran out)"
    );
    assert_eq!(receiver.distinct(), INBOXES);
    // Only what the killed worker held could go twice: its leases, at most
    // its concurrency and the batch leased ahead.
    assert!(repeats <= 64 + 32, "{repeats} repeats");
    drop(web);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_delivery_another_worker_took_after_the_lease_ran_out_is_not_sent_again() {
    let node = common::TestNode::new("lease.example").await;
    let receiver = Receiver::start(Duration::ZERO).await;
    add_followers(&node.store, &receiver, 3).await;
    let city = node.state.node.actor_or_city(None).await.unwrap();
    node.state
        .node
        .publish(
            &city,
            civicpub_domain::ItemKind::News,
            common::news("Leased"),
        )
        .await
        .unwrap();
    // A worker leases for 1 ms and stalls; another takes the deliveries over.
    let first = node
        .store
        .claim_deliveries(Timestamp::now(), 1, 10)
        .await
        .unwrap();
    assert_eq!(first.len(), 3);
    tokio::time::sleep(Duration::from_millis(5)).await;
    let second = node
        .store
        .claim_deliveries(Timestamp::now(), 30_000, 10)
        .await
        .unwrap();
    assert_eq!(second.len(), 3, "expired leases are taken again");
    for (old, new) in first.iter().zip(&second) {
        let renewed = node
            .store
            .renew_lease(old.id, old.leased_until, Timestamp::now().millis() + 30_000)
            .await
            .unwrap();
        assert_eq!(renewed, None, "the stalled worker lost delivery {}", old.id);
        let renewed = node
            .store
            .renew_lease(new.id, new.leased_until, Timestamp::now().millis() + 30_000)
            .await
            .unwrap();
        assert!(
            renewed.is_some(),
            "the new holder keeps delivery {}",
            new.id
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stopped_node_finishes_or_gives_back_its_deliveries_and_none_is_lost() {
    const INBOXES: usize = 100;
    let receiver = Receiver::start(Duration::from_millis(200)).await;
    let db = TestDatabase::new().await.unwrap();
    let data = db.scratch_dir();
    let settings = ["--insecure-dev", "--retry-seconds", "1"];
    let mut served = ServedNode::start(&db, data.clone(), &settings);
    let store = db.store().await.unwrap();
    add_followers(&store, &receiver, INBOXES).await;
    let domain = format!("127.0.0.1:{}", served.port);
    let dir = data.display().to_string();
    let out = output(civicpub(&[
        "--domain",
        &domain,
        "--database-url",
        &db.url,
        "--data-dir",
        &dir,
        "--insecure-dev",
        "news",
        "publish",
        "--title",
        "Interrupted",
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    wait_until("the first deliveries", Duration::from_secs(30), || {
        receiver.total() >= 4
    })
    .await;
    // SIGTERM, as systemd and Docker stop a service.
    let pid = served.child.id().to_string();
    let term = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(term.success());
    let asked = Instant::now();
    let status = loop {
        if let Some(status) = served.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            asked.elapsed() < Duration::from_secs(40),
            "still running after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let stopped_in = asked.elapsed();
    assert!(status.success(), "exit status {status}");
    // Nothing is left leased: what was in flight finished, the rest went back.
    let stats = store.queue_stats().await.unwrap();
    assert_eq!(stats.in_flight, 0, "{stats:?}");
    assert_eq!(stats.failed, 0, "{stats:?}");
    let at_stop = receiver.total();
    assert_eq!(stats.done as u32, at_stop, "{stats:?}");
    println!(
        "stopped in {stopped_in:.1?}: {at_stop} delivered, {} given back to the queue",
        stats.pending
    );
    assert!(stats.pending > 0, "the stop came before the end");
    // A new start (same address: the domain is fixed) sends the rest, each once.
    let mut again = civicpub(&[
        "--listen",
        &domain,
        "--domain",
        &domain,
        "--database-url",
        &db.url,
        "--data-dir",
        &dir,
        "--insecure-dev",
        "--retry-seconds",
        "1",
        "serve",
    ])
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::inherit())
    .spawn()
    .unwrap();
    wait_until("every inbox", Duration::from_secs(60), || {
        receiver.distinct() >= INBOXES
    })
    .await;
    kill_and_wait(&mut again);
    assert_eq!(receiver.repeats(), 0);
}
