//! Real nodes on 127.0.0.1 ports (`--insecure-dev`): following, signed delivery,
//! verified inboxes, retries, blocking, and a crash in the middle of a fan-out.

mod common;

use civicpub_store::{Follower, Store};
use common::civicpub;
use common::net::{wait_for, wait_until, Node};
use serde_json::Value;
use std::time::Duration;

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n";

fn kinds_for(received: &[Value], object: &str) -> Vec<String> {
    received
        .iter()
        .filter(|a| {
            let o = &a["object"];
            o.as_str() == Some(object) || o["id"].as_str() == Some(object)
        })
        .map(|a| a["type"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn b_follows_a_and_receives_everything_a_publishes() {
    let a = Node::start().await;
    let b = Node::start().await;
    let city_a = format!("http://{}/actors/city", a.domain());
    let city_b = format!("http://{}/actors/city", b.domain());

    // B follows A by handle; A accepts; B learns it was accepted.
    let out = b.cli(&[
        "follow",
        &format!("@city@{}", a.domain()),
        "--actor",
        "city",
    ]);
    assert!(out.contains(&city_a), "{out}");
    let a_city = a.store.actor_by_username("city").await.unwrap().unwrap();
    let b_city = b.store.actor_by_username("city").await.unwrap().unwrap();
    wait_until("A lists B as a follower", || async {
        a.store
            .followers(a_city.id, true)
            .await
            .unwrap()
            .iter()
            .any(|f| f.follower_uri == city_b)
    })
    .await;
    wait_until("B sees its follow accepted", || async {
        let f = b.store.following(b_city.id).await.unwrap();
        f.len() == 1
            && f[0].target_uri == city_a
            && f[0].state == civicpub_store::FollowState::Accepted
    })
    .await;
    let followers: Value = reqwest::Client::new()
        .get(format!("{city_a}/followers"))
        .header("accept", common::AP)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(followers["totalItems"], 1);

    // A publishes a news item, an event and a document; B receives each, verified.
    let dir = a.served.data_dir.clone();
    let body = dir.join("news.md");
    std::fs::write(&body, "Hello **network**.").unwrap();
    let pdf = dir.join("charter.pdf");
    std::fs::write(&pdf, PDF).unwrap();
    let news = a.cli(&[
        "news",
        "publish",
        "--actor",
        "city",
        "--title",
        "Hello",
        "--body-file",
        body.to_str().unwrap(),
    ]);
    let event = a.cli(&[
        "event",
        "publish",
        "--actor",
        "city",
        "--title",
        "Assembly",
        "--starts",
        "2026-12-01T16:00",
        "--ends",
        "2026-12-01T17:00",
        "--timezone",
        "Europe/Amsterdam",
    ]);
    let doc = a.cli(&[
        "document",
        "publish",
        "--actor",
        "city",
        "--title",
        "Charter",
        "--file",
        pdf.to_str().unwrap(),
        "--version",
        "1.0",
        "--license",
        "CC-BY-4.0",
    ]);
    let (news, event, doc) = (
        news.trim().to_string(),
        event.trim().to_string(),
        doc.trim().to_string(),
    );
    wait_until("B has all three Creates", || async {
        let r = b.received().await;
        [&news, &event, &doc]
            .iter()
            .all(|o| kinds_for(&r, o).contains(&"Create".to_string()))
    })
    .await;
    let r = b.received().await;
    let create = r
        .iter()
        .find(|a| a["object"]["id"] == event.as_str())
        .unwrap();
    assert_eq!(create["actor"], city_a);
    assert_eq!(create["object"]["type"], "Event");
    assert_eq!(create["object"]["startTime"], "2026-12-01T16:00:00+01:00");
    let id = news.rsplit('/').next().unwrap();

    // Updates and deletes follow.
    a.cli(&["news", "update", id, "--title", "Hello again"]);
    a.cli(&["document", "delete", doc.rsplit('/').next().unwrap()]);
    wait_until("B has the Update and the Delete", || async {
        let r = b.received().await;
        kinds_for(&r, &news).contains(&"Update".to_string())
            && kinds_for(&r, &doc).contains(&"Delete".to_string())
    })
    .await;
    let r = b.received().await;
    let update = r.iter().find(|x| x["type"] == "Update").unwrap();
    assert_eq!(update["object"]["name"], "Hello again");

    // A blocks B's domain: nothing more is delivered to B.
    a.cli(&["federation", "mode", "blocklist"]);
    a.cli(&["federation", "block", &b.domain()]);
    let before = b.received().await.len();
    let blocked = a
        .cli(&["news", "publish", "--actor", "city", "--title", "Not for B"])
        .trim()
        .to_string();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(
        kinds_for(&b.received().await, &blocked).is_empty(),
        "a blocked domain gets nothing"
    );
    assert_eq!(b.received().await.len(), before);
    let stats = a.store.queue_stats().await.unwrap();
    assert_eq!(stats.pending, 0, "nothing queued for the blocked domain");
    a.cli(&["federation", "unlist", &b.domain()]);

    // Undo(Follow) stops deliveries.
    b.cli(&["unfollow", &city_a, "--actor", "city"]);
    wait_until("A no longer lists B", || async {
        a.store.followers(a_city.id, true).await.unwrap().is_empty()
    })
    .await;
    let after = a
        .cli(&[
            "news",
            "publish",
            "--actor",
            "city",
            "--title",
            "After the unfollow",
        ])
        .trim()
        .to_string();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(kinds_for(&b.received().await, &after).is_empty());
    let text = a.cli(&["deliveries"]);
    assert!(text.contains("pending 0"), "{text}");
}

/// A receiver that counts what arrives, answering with a scripted status per request.
struct Receiver {
    addr: std::net::SocketAddr,
    hits: std::sync::Arc<std::sync::Mutex<Vec<(String, Value)>>>,
}

impl Receiver {
    async fn start(script: Vec<u16>, delay: Duration) -> Receiver {
        use axum::{extract::State, http::StatusCode, routing::post, Router};
        type Hits = std::sync::Arc<std::sync::Mutex<Vec<(String, Value)>>>;
        let hits: Hits = Default::default();
        let script = std::sync::Arc::new(script);
        let state = (hits.clone(), script);
        let app = Router::new()
            .route(
                "/{*path}",
                post(
                    move |State((hits, script)): State<(Hits, std::sync::Arc<Vec<u16>>)>,
                          uri: axum::http::Uri,
                          body: String| async move {
                        tokio::time::sleep(delay).await;
                        let mut h = hits.lock().unwrap();
                        let n = h.len();
                        h.push((
                            uri.path().to_string(),
                            serde_json::from_str(&body).unwrap_or(Value::Null),
                        ));
                        let status = script.get(n).or(script.last()).copied().unwrap_or(202);
                        StatusCode::from_u16(status).unwrap()
                    },
                ),
            )
            .with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        Receiver { addr, hits }
    }

    fn count(&self) -> usize {
        self.hits.lock().unwrap().len()
    }
}

async fn add_follower(store: &Store, uri: String, inbox: String) {
    let city = store.actor_by_username("city").await.unwrap().unwrap();
    store
        .change_follows(&civicpub_store::FollowChange::AddFollower(Follower {
            actor_id: city.id,
            follower_uri: uri,
            inbox,
            follow_id: "https://x.example/follow".into(),
            accepted: true,
            created_at: civicpub_domain::Timestamp::now(),
        }))
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn failed_deliveries_are_retried_and_gone_inboxes_are_not() {
    let a = Node::start().await;
    let flaky = Receiver::start(vec![500, 200], Duration::ZERO).await;
    let gone = Receiver::start(vec![410], Duration::ZERO).await;
    add_follower(
        &a.store,
        "http://flaky.test/u".into(),
        format!("http://{}/inbox", flaky.addr),
    )
    .await;
    add_follower(
        &a.store,
        "http://gone.test/u".into(),
        format!("http://{}/inbox", gone.addr),
    )
    .await;
    let url = a
        .cli(&["news", "publish", "--actor", "city", "--title", "Retry me"])
        .trim()
        .to_string();
    wait_until("the flaky receiver got it on the second try", || async {
        flaky.count() >= 2
    })
    .await;
    let hits = flaky.hits.lock().unwrap().clone();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[1].1["object"]["id"], url.as_str());
    wait_until("the queue settles", || async {
        let s = a.store.queue_stats().await.unwrap();
        s.pending == 0 && s.done == 1 && s.failed == 1
    })
    .await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(gone.count(), 1, "410 is permanent: never retried");
    assert_eq!(flaky.count(), 2);
    let text = a.cli(&["deliveries"]);
    assert!(text.contains("failed 1"), "{text}");
    assert!(text.contains(&gone.addr.to_string()), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_crash_mid_fan_out_loses_nothing() {
    let mut a = Node::start().await;
    // 200 followers on 20 hosts (receivers), 10 per host; the slow receivers
    // keep the fan-out going long enough to kill the node in the middle of it.
    let mut receivers = Vec::new();
    for _ in 0..20 {
        receivers.push(Receiver::start(vec![202], Duration::from_millis(150)).await);
    }
    for (h, r) in receivers.iter().enumerate() {
        for f in 0..10 {
            // Each follower has its own inbox here, so none fold together.
            add_follower(
                &a.store,
                format!("http://h{h}.test/u{f}"),
                format!("http://{}/users/{f}/inbox", r.addr),
            )
            .await;
        }
    }
    let total = 200;
    a.cli(&["news", "publish", "--actor", "city", "--title", "Fan-out"]);
    let count = |rs: &[Receiver]| rs.iter().map(Receiver::count).sum::<usize>();
    wait_until("the fan-out is under way", || async {
        count(&receivers) >= 20
    })
    .await;
    a.served.child.kill().unwrap();
    a.served.child.wait().unwrap();
    let at_crash = count(&receivers);
    assert!(
        at_crash < total,
        "the crash came too late to test anything ({at_crash})"
    );

    // Start the node again on the same database: every delivery completes.
    let data_dir = a.served.data_dir.clone();
    let port = a.served.port;
    let addr = format!("127.0.0.1:{port}");
    let dir = data_dir.display().to_string();
    let child = civicpub(&[
        "--listen",
        &addr,
        "--domain",
        &addr,
        "--database-url",
        &a.db.url,
        "--data-dir",
        &dir,
        "--insecure-dev",
        "--retry-seconds",
        "1",
        "serve",
    ])
    .spawn()
    .unwrap();
    a.served.child = child;
    // Deliveries the dead process had leased are taken again when their lease
    // (30 s) runs out.
    wait_for(
        "every inbox has its delivery",
        Duration::from_secs(90),
        || async {
            let mut seen = std::collections::HashSet::new();
            for r in &receivers {
                for (path, _) in r.hits.lock().unwrap().iter() {
                    seen.insert(format!("{}{path}", r.addr));
                }
            }
            seen.len() == total
        },
    )
    .await;
    let delivered = count(&receivers);
    let repeats = delivered - total;
    eprintln!(
        "crash test: {at_crash} delivered before the kill, {repeats} repeated after the restart"
    );
    // Only deliveries in flight at the kill can repeat: at most the worker's concurrency.
    assert!(repeats <= 64, "{repeats} repeats");
    // The worker records each answer just after the receiver counts it.
    wait_until("the queue records every delivery done", || async {
        let stats = a.store.queue_stats().await.unwrap();
        (stats.pending, stats.done, stats.failed) == (0, total as i64, 0)
    })
    .await;
}

/// The queue's bookkeeping: a lease hides a delivery from other workers; a
/// worker that stops gives back what it leased but did not send, due again at
/// once and without the attempt counted; successes are written in one batch.
#[tokio::test]
async fn leases_are_exclusive_given_back_and_settled_in_batches() {
    use civicpub_domain::Timestamp;
    let node = common::TestNode::new("city.example").await;
    let city = node.store.actor_by_username("city").await.unwrap().unwrap();
    for n in 0..3 {
        node.store
            .change_follows(&civicpub_store::FollowChange::AddFollower(Follower {
                actor_id: city.id,
                follower_uri: format!("https://f{n}.example/users/u"),
                inbox: format!("https://f{n}.example/inbox"),
                follow_id: format!("https://f{n}.example/follow"),
                accepted: true,
                created_at: Timestamp::now(),
            }))
            .await
            .unwrap();
    }
    node.state
        .node
        .publish(
            &city,
            civicpub_domain::ItemKind::News,
            common::news("Queued"),
        )
        .await
        .unwrap();

    let store = &node.store;
    let now = Timestamp::now();
    let mut first = store.claim_deliveries(now, 30_000, 10).await.unwrap();
    first.sort_by_key(|d| d.id);
    assert_eq!(first.len(), 3, "one delivery per follower's inbox");
    assert!(first.iter().all(|d| d.attempts == 1));
    assert!(
        store
            .claim_deliveries(now, 30_000, 10)
            .await
            .unwrap()
            .is_empty(),
        "leased deliveries are not handed out twice"
    );

    let ids: Vec<i64> = first.iter().map(|d| d.id).collect();
    store.release_deliveries(&ids).await.unwrap();
    let mut again = store.claim_deliveries(now, 30_000, 10).await.unwrap();
    again.sort_by_key(|d| d.id);
    assert_eq!(again.iter().map(|d| d.id).collect::<Vec<_>>(), ids);
    assert!(
        again.iter().all(|d| d.attempts == 1),
        "a delivery given back unsent does not count as an attempt"
    );

    store
        .deliveries_done(&[(ids[0], 202), (ids[1], 200)])
        .await
        .unwrap();
    // A delivery already settled is not given back to the queue.
    store.release_deliveries(&ids[..2]).await.unwrap();
    let stats = store.queue_stats().await.unwrap();
    assert_eq!((stats.done, stats.pending), (2, 1));
    assert!(store
        .claim_deliveries(Timestamp::now(), 30_000, 10)
        .await
        .unwrap()
        .is_empty());
}

/// A domain blocked after deliveries to it were queued, or while one to it
/// waits to be retried, gets none of them: each ends as skipped, which the
/// queue's statistics show. Another host is not affected.
#[tokio::test(flavor = "multi_thread")]
async fn a_domain_blocked_after_queueing_gets_none_of_its_deliveries() {
    use civicpub_domain::ItemKind;
    use civicpub_service::delivery::{DeliveryConfig, Worker};
    let node = common::TestNode::with("a.example", true).await;
    let city = node.store.actor_by_username("city").await.unwrap().unwrap();
    let retrying = Receiver::start(vec![503], Duration::ZERO).await;
    let queued = Receiver::start(vec![202], Duration::ZERO).await;
    let other = Receiver::start(vec![202], Duration::ZERO).await;
    for r in [&retrying, &other] {
        add_follower(
            &node.store,
            format!("http://{}/users/f", r.addr),
            format!("http://{}/inbox", r.addr),
        )
        .await;
    }
    let config = DeliveryConfig {
        retry_base: Duration::from_secs(1),
        ..Default::default()
    };
    let run_worker = |stop: tokio::sync::oneshot::Receiver<()>| {
        let worker = Worker::new(node.state.node.clone(), config.clone());
        tokio::spawn(worker.run(async move {
            let _ = stop.await;
        }))
    };

    // A first item: one host fails and waits to be retried.
    let (stop, stopped) = tokio::sync::oneshot::channel();
    let worker = run_worker(stopped);
    node.state
        .node
        .publish(&city, ItemKind::News, common::news("First"))
        .await
        .unwrap();
    wait_until("the first attempts are made", || async {
        retrying.count() == 1 && other.count() == 1
    })
    .await;
    let _ = stop.send(());
    worker.await.unwrap();

    // A second item, queued while no worker runs, for a new follower too.
    add_follower(
        &node.store,
        format!("http://{}/users/f", queued.addr),
        format!("http://{}/inbox", queued.addr),
    )
    .await;
    node.state
        .node
        .publish(&city, ItemKind::News, common::news("Second"))
        .await
        .unwrap();
    node.state
        .node
        .set_federation_mode("blocklist")
        .await
        .unwrap();
    for r in [&retrying, &queued] {
        node.state
            .node
            .set_domain_rule(&r.addr.to_string(), "block")
            .await
            .unwrap();
    }

    // Deliveries resume, past the retry's due time.
    let (stop, stopped) = tokio::sync::oneshot::channel();
    let worker = run_worker(stopped);
    wait_until("the other host gets the second item", || async {
        other.count() == 2
    })
    .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let _ = stop.send(());
    worker.await.unwrap();
    assert_eq!(retrying.count(), 1, "no retry reaches the blocked host");
    assert_eq!(queued.count(), 0, "nothing queued reaches the blocked host");
    let stats = node.store.queue_stats().await.unwrap();
    assert_eq!(
        (stats.skipped, stats.pending, stats.done),
        (3, 0, 2),
        "{stats:?}"
    );
}

/// A remote account that refuses a follow (`Reject`) ends it: the following
/// is no longer pending, and says so.
#[tokio::test(flavor = "multi_thread")]
async fn a_rejected_follow_is_no_longer_pending() {
    let (a, b) = (Node::start().await, Node::start().await);
    b.cli(&[
        "actor",
        "update",
        "city",
        "--manually-approves-followers",
        "true",
    ]);
    a.cli(&["follow", &format!("@city@{}", b.domain())]);
    let b_city = b.store.actor_by_username("city").await.unwrap().unwrap();
    wait_until("B holds A's request", || async {
        !b.store
            .followers(b_city.id, false)
            .await
            .unwrap()
            .is_empty()
    })
    .await;
    assert!(a.cli(&["following", "list"]).contains("\tpending"));
    let a_city = format!("http://{}/actors/city", a.domain());
    b.cli(&["followers", "reject", &a_city]);
    let a_actor = a.store.actor_by_username("city").await.unwrap().unwrap();
    wait_until("A learns of the refusal", || async {
        a.store.following(a_actor.id).await.unwrap()[0].state
            == civicpub_store::FollowState::Rejected
    })
    .await;
    let listed = a.cli(&["following", "list"]);
    assert!(
        listed.contains(&format!("http://{}/actors/city\trejected", b.domain())),
        "{listed}"
    );
    // The API says so too.
    let token = a
        .cli(&["token", "create", "--scopes", "read"])
        .trim()
        .to_string();
    let following: Value = reqwest::Client::new()
        .get(format!("{}/api/v1/following", a.served.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        following["following"][0]["state"], "rejected",
        "{following}"
    );
    assert_eq!(following["following"][0]["accepted"], false);
}

/// A sender that crashed before writing down a delivery sends it again: the
/// receiver already took it in, acknowledges it, and stores nothing twice; the
/// sender counts it delivered, not failed.
#[tokio::test(flavor = "multi_thread")]
async fn a_delivery_sent_again_after_a_crash_counts_as_delivered() {
    let (a, b) = (Node::start().await, Node::start().await);
    b.cli(&["follow", &format!("@city@{}", a.domain())]);
    let a_city = a.store.actor_by_username("city").await.unwrap().unwrap();
    wait_until("A accepts B", || async {
        !a.store.followers(a_city.id, true).await.unwrap().is_empty()
    })
    .await;
    let url = a
        .cli(&["news", "publish", "--title", "Twice sent"])
        .trim()
        .to_string();
    let creates = || async {
        b.received()
            .await
            .iter()
            .filter(|x| x["type"] == "Create" && x["object"]["id"] == url)
            .count()
    };
    wait_until("B has the Create", || async { creates().await == 1 }).await;
    wait_until("A wrote the delivery down", || async {
        a.store.queue_stats().await.unwrap().done >= 2
    })
    .await;
    // As if A had died after sending, before writing the success down.
    sqlx::query(
        "UPDATE deliveries SET state = 'pending', next_attempt_at = 0, locked_until = 0 \
         WHERE activity_id = (SELECT id FROM activities WHERE kind = 'Create')",
    )
    .execute(a.store.pool())
    .await
    .unwrap();
    wait_until("A sends it again and writes it down", || async {
        let s = a.store.queue_stats().await.unwrap();
        s.pending == 0 && s.in_flight == 0
    })
    .await;
    let stats = a.store.queue_stats().await.unwrap();
    assert_eq!(stats.failed, 0, "{stats:?}");
    assert_eq!(creates().await, 1, "B stored it once");
}
