//! The inbox refuses what is not verified: unsigned, forged, altered, stale,
//! oversized or malformed requests, and objects on another host; an activity
//! received twice is acknowledged and taken in once.
//! Node A runs in-process; node B is a real process whose key A fetches.

mod common;

use axum::{body::Body, http::Request};
use civicpub_store::testing::TestDatabase;
use civicpub_transport::keys::parse_private_key;
use civicpub_transport::signatures::{http_date, sign_cavage};
use common::{ServedNode, TestNode};
use serde_json::{json, Value};

struct Sender {
    key: aws_lc_rs::rsa::KeyPair,
    actor: String,
    /// `127.0.0.1:port` of the sending node.
    host: String,
    /// The real node serving the sender's actor and key; stopped when dropped.
    _node: (TestDatabase, ServedNode),
}

impl Sender {
    /// Starts node B, whose city actor signs the requests the tests send.
    async fn start() -> Sender {
        let db = TestDatabase::new().await.unwrap();
        let node = ServedNode::start(&db, db.scratch_dir(), &["--insecure-dev"]);
        let city = db
            .store()
            .await
            .unwrap()
            .actor_by_username("city")
            .await
            .unwrap()
            .unwrap();
        let host = format!("127.0.0.1:{}", node.port);
        Sender {
            key: parse_private_key(&city.private_key_pem).unwrap(),
            actor: format!("http://{host}/actors/city"),
            host,
            _node: (db, node),
        }
    }
}

impl Sender {
    fn sign(&self, body: &[u8], at: i64) -> Vec<(&'static str, String)> {
        self.sign_with(&self.key, body, at)
    }

    /// Signs under this sender's key id, with `key` (another key: a forgery).
    fn sign_with(
        &self,
        key: &aws_lc_rs::rsa::KeyPair,
        body: &[u8],
        at: i64,
    ) -> Vec<(&'static str, String)> {
        sign_cavage(
            key,
            &format!("{}#main-key", self.actor),
            "POST",
            "/inbox",
            "a.example",
            Some(body),
            &http_date(at),
        )
        .unwrap()
    }
}

fn post(headers: Vec<(&str, String)>, body: Vec<u8>) -> Request<Body> {
    let mut req = Request::post("/inbox")
        .header("host", "a.example")
        .header("content-type", "application/activity+json");
    for (k, v) in headers {
        req = req.header(k, v);
    }
    req.body(Body::from(body)).unwrap()
}

fn create(actor: &str, n: u32, object_host: &str) -> Value {
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": format!("{actor}/activities/{n}"),
        "type": "Create",
        "actor": actor,
        "object": {
            "id": format!("http://{object_host}/notes/{n}"),
            "type": "Note",
            "attributedTo": actor,
            "content": "<p>Hello</p>",
            "to": ["https://www.w3.org/ns/activitystreams#Public"]
        }
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn only_verified_activities_get_in() {
    let sender = Sender::start().await;
    let b_host = sender.host.clone();
    let a = TestNode::with("a.example", true).await;
    let now = chrono::Utc::now().timestamp();
    let stored = || async { a.store.inbox_activities(100).await.unwrap().len() };

    // Unsigned.
    let body = create(&sender.actor, 1, &b_host).to_string().into_bytes();
    let r = a.send(post(vec![], body.clone())).await;
    assert_eq!(r.status, 401, "{}", r.text());
    assert!(r.json()["error"].as_str().unwrap().contains("not signed"));

    // Signed by another key under B's key id.
    let forged_key = civicpub_transport::generate_key_pair()
        .unwrap()
        .private_key_pem;
    let forged = sender.sign_with(&parse_private_key(&forged_key).unwrap(), &body, now);
    let r = a.send(post(forged, body.clone())).await;
    assert_eq!(r.status, 401, "{}", r.text());

    // The body changed after signing.
    let headers = sender.sign(&body, now);
    let altered = create(&sender.actor, 666, &b_host).to_string().into_bytes();
    let r = a.send(post(headers, altered)).await;
    assert_eq!(r.status, 401);
    assert!(r.json()["error"].as_str().unwrap().contains("digest"));

    // Signed two hours ago.
    let r = a
        .send(post(sender.sign(&body, now - 7200), body.clone()))
        .await;
    assert_eq!(r.status, 401);
    assert!(r.json()["error"].as_str().unwrap().contains("expired"));

    // An object that claims to live on another host.
    let foreign = create(&sender.actor, 2, "elsewhere.example")
        .to_string()
        .into_bytes();
    let r = a.send(post(sender.sign(&foreign, now), foreign)).await;
    assert_eq!(r.status, 401);
    assert!(r.json()["error"].as_str().unwrap().contains("another host"));

    // Broken JSON, and a body over 1 MB.
    let broken = b"{\"type\": \"Create\",".to_vec();
    assert_eq!(
        a.send(post(sender.sign(&broken, now), broken)).await.status,
        400
    );
    let mut big = create(&sender.actor, 3, &b_host);
    big["object"]["content"] = json!("x".repeat(1_100_000));
    let big = big.to_string().into_bytes();
    assert_eq!(a.send(post(sender.sign(&big, now), big)).await.status, 413);
    assert_eq!(stored().await, 0, "nothing refused was stored");

    // The genuine article gets in, once. The same activity again (a sender's
    // retry after a crash, or a replay) is acknowledged, so that an honest
    // sender stops retrying, and nothing is stored or done twice.
    let r = a.send(post(sender.sign(&body, now), body.clone())).await;
    assert_eq!(r.status, 202, "{}", r.text());
    assert_eq!(stored().await, 1);
    let r = a
        .send(post(sender.sign(&body, now + 1), body.clone()))
        .await;
    assert_eq!(r.status, 202, "{}", r.text());
    assert!(r.json()["ignored"]
        .as_str()
        .unwrap()
        .contains("received before"));
    assert_eq!(stored().await, 1);

    // Types the node does not handle are acknowledged and ignored.
    let odd = json!({ "id": format!("{}/x/1", sender.actor), "type": "EmojiReact", "actor": sender.actor, "object": "http://a.example/news/1" });
    let odd = odd.to_string().into_bytes();
    let r = a.send(post(sender.sign(&odd, now), odd)).await;
    assert_eq!(r.status, 202);
    assert!(r.json()["ignored"].is_string());

    // A blocked domain is refused outright.
    a.state.node.set_federation_mode("blocklist").await.unwrap();
    a.state
        .node
        .set_domain_rule(&b_host, "block")
        .await
        .unwrap();
    let next = create(&sender.actor, 4, &b_host).to_string().into_bytes();
    let r = a.send(post(sender.sign(&next, now), next)).await;
    assert_eq!(r.status, 403);
    assert_eq!(stored().await, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn follows_are_accepted_or_held_for_approval() {
    let sender = Sender::start().await;
    let b_host = sender.host.clone();
    let a = TestNode::with("a.example", true).await;
    let now = chrono::Utc::now().timestamp();
    let city = a.store.actor_by_username("city").await.unwrap().unwrap();
    a.store
        .update_profile(
            "city",
            &civicpub_domain::ProfileUpdate {
                manually_approves_followers: Some(true),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let follow = json!({ "id": format!("{}#follow/1", sender.actor), "type": "Follow", "actor": sender.actor, "object": a.config.base.actor_url("city") });
    let body = follow.to_string().into_bytes();
    assert_eq!(
        a.send(post(sender.sign(&body, now), body)).await.status,
        202
    );
    let pending = a.store.followers(city.id, false).await.unwrap();
    assert_eq!(pending.len(), 1);
    assert!(a.store.followers(city.id, true).await.unwrap().is_empty());
    assert_eq!(
        pending[0].inbox,
        format!("http://{b_host}/inbox"),
        "the shared inbox"
    );

    a.state
        .node
        .decide_follow_request(&city, &sender.actor, true)
        .await
        .unwrap();
    assert_eq!(a.store.followers(city.id, true).await.unwrap().len(), 1);
    assert_eq!(
        a.store.queue_stats().await.unwrap().pending,
        1,
        "an Accept is queued"
    );
    let log = a.store.activities(city.id, 1).await.unwrap();
    let accept: Value = serde_json::from_str(&log[0].1).unwrap();
    assert_eq!(accept["type"], "Accept");
    assert_eq!(accept["object"]["id"], follow["id"]);

    let undo = json!({ "id": format!("{}#undo/1", sender.actor), "type": "Undo", "actor": sender.actor, "object": follow });
    let body = undo.to_string().into_bytes();
    assert_eq!(
        a.send(post(sender.sign(&body, now), body)).await.status,
        202
    );
    assert!(a.store.followers(city.id, true).await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn secure_mode_demands_signed_fetches() {
    let sender = Sender::start().await;
    let b_host = sender.host.clone();
    let a = TestNode::from_options(civicpub::config::Options {
        domain: Some("a.example".into()),
        insecure_dev: Some(true),
        secure_mode: Some(true),
        ..Default::default()
    })
    .await;
    let city = a.store.actor_by_username("city").await.unwrap().unwrap();
    let item = a
        .state
        .node
        .publish(
            &city,
            civicpub_domain::ItemKind::News,
            common::news("Members only?"),
        )
        .await
        .unwrap();
    let path = item.path();

    // Unsigned ActivityPub GETs of objects and collections are refused…
    assert_eq!(a.get(&path, Some(common::AP)).await.status, 401);
    assert_eq!(
        a.get("/actors/city/outbox", Some(common::AP)).await.status,
        401
    );
    // …but the actor, its key, the instance actor and the web pages stay public.
    assert_eq!(a.get("/actors/city", Some(common::AP)).await.status, 200);
    assert_eq!(a.get("/actor", Some(common::AP)).await.status, 200);
    assert_eq!(a.get(&path, Some(common::BROWSER)).await.status, 200);

    let signed = |target: &str| {
        let headers = sign_cavage(
            &sender.key,
            &format!("{}#main-key", sender.actor),
            "GET",
            target,
            "a.example",
            None,
            &http_date(chrono::Utc::now().timestamp()),
        )
        .unwrap();
        let mut req = Request::get(target)
            .header("host", "a.example")
            .header("accept", common::AP);
        for (k, v) in headers {
            req = req.header(k, v);
        }
        req.body(Body::empty()).unwrap()
    };
    let r = a.send(signed(&path)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["type"], "Article");
    assert_eq!(a.send(signed("/actors/city/outbox")).await.status, 200);

    a.state.node.set_federation_mode("blocklist").await.unwrap();
    a.state
        .node
        .set_domain_rule(&b_host, "block")
        .await
        .unwrap();
    assert_eq!(a.send(signed(&path)).await.status, 403);
}

/// A Mastodon-style Note from a followed account, carrying hostile HTML and a
/// remote image: it is gathered cleaned, its image goes through the proxy, and
/// the proxy serves nothing that no gathered item shows. From an account no one
/// follows, the same Note is acknowledged and not gathered.
#[tokio::test(flavor = "multi_thread")]
async fn a_followed_accounts_note_is_gathered_cleaned() {
    let sender = Sender::start().await;
    let a = TestNode::with("a.example", true).await;
    let now = chrono::Utc::now().timestamp();
    let image = format!("http://{}/media/street.png", sender.host);
    let hostile = format!(
        "<p onclick=\"steal()\" style=\"color:red\">Nou carril bici <script>alert(1)</script>\
         <img src=\"{image}\" alt=\"Street\"> <a href=\"javascript:alert(1)\">x</a> \
         <a href=\"https://barcelona.example/mobilitat\" class=\"u-url\">mobilitat</a></p>"
    );
    let note = |n: u32| {
        let mut c = create(&sender.actor, n, &sender.host);
        c["object"]["content"] = json!(hostile);
        c["object"]["contentMap"] = json!({ "ca": hostile });
        c["object"]["tag"] = json!([{ "type": "Hashtag", "name": "#Mobilitat" }]);
        c["object"]["published"] = json!("2026-11-20T10:00:00Z");
        c
    };

    // Nobody follows the sender yet: acknowledged, not gathered.
    let body = note(1).to_string().into_bytes();
    let r = a.send(post(sender.sign(&body, now), body)).await;
    assert_eq!(r.status, 202, "{}", r.text());
    assert!(r.json()["ignored"].as_str().unwrap().contains("follows"));
    let uri = format!("http://{}/notes/1", sender.host);
    assert!(a.store.network_item_by_uri(&uri).await.unwrap().is_none());

    let city = a.store.actor_by_username("city").await.unwrap().unwrap();
    let follow_id = "http://a.example/actors/city#follows/1";
    a.store
        .change_follows(&civicpub_store::FollowChange::StartFollowing {
            actor_id: city.id,
            target_uri: sender.actor.clone(),
            follow_id: follow_id.into(),
        })
        .await
        .unwrap();
    a.store
        .answer_following(
            follow_id,
            &sender.actor,
            civicpub_store::FollowState::Accepted,
        )
        .await
        .unwrap();
    let body = note(2).to_string().into_bytes();
    let r = a.send(post(sender.sign(&body, now), body)).await;
    assert_eq!(r.status, 202, "{}", r.text());
    let uri = format!("http://{}/notes/2", sender.host);
    let item = a
        .store
        .network_item_by_uri(&uri)
        .await
        .unwrap()
        .expect("gathered");
    assert_eq!(item.kind, civicpub_domain::NetworkKind::Note);
    assert_eq!(item.language(), Some("ca"));
    assert_eq!(item.tags, ["mobilitat"]);
    let html = &item.text().unwrap().content_html;
    for bad in [
        "<script",
        "onclick",
        "style=",
        "javascript:",
        "class=",
        &image,
    ] {
        assert!(!html.contains(bad), "{bad} left in {html}");
    }
    assert!(
        html.contains("href=\"https://barcelona.example/mobilitat\""),
        "{html}"
    );

    // The page shows the image from this node's origin only.
    let page = a.get(&format!("/network/items/{}", item.id), None).await;
    assert_eq!(page.status, 200);
    let proxied = civicpub_service::convert::ingest::proxied(&image);
    assert!(
        page.text().contains(&proxied.replace('&', "&amp;")),
        "{}",
        page.text()
    );
    assert!(!page.text().contains(&format!("src=\"{image}")));
    // The proxy tries that image (the sender has none: 502), and refuses others.
    let r = a.get(&proxied, None).await;
    assert_eq!(r.status, 502, "{}", r.text());
    let other =
        civicpub_service::convert::ingest::proxied("http://169.254.169.254/latest/meta-data");
    let r = a.get(&other, None).await;
    assert_eq!(r.status, 404, "{}", r.text());

    // Only an object's own server can delete it: the sender cannot delete an
    // item of another server, and can delete its own.
    let mut foreign = item.clone();
    foreign.uri = "https://other.example/notes/9".into();
    foreign.host = "other.example".into();
    foreign.actor_uri = "https://other.example/users/b".into();
    a.store.upsert_network_item(&foreign, &[]).await.unwrap();
    let delete = |n: u32, object: &str| {
        json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": format!("{}/activities/delete/{n}", sender.actor),
            "type": "Delete",
            "actor": sender.actor,
            "object": object,
        })
    };
    let body = delete(1, &foreign.uri).to_string().into_bytes();
    let r = a.send(post(sender.sign(&body, now), body)).await;
    assert_eq!(r.status, 202, "{}", r.text());
    assert!(a
        .store
        .network_item_by_uri(&foreign.uri)
        .await
        .unwrap()
        .is_some());
    let body = delete(2, &uri).to_string().into_bytes();
    let r = a.send(post(sender.sign(&body, now), body)).await;
    assert_eq!(r.status, 202, "{}", r.text());
    assert!(a.store.network_item_by_uri(&uri).await.unwrap().is_none());
}

/// 200 signed `Follow`s from 200 distinct accounts, 16 at a time, to a real
/// node: every one is taken in (no 5xx), every follower is recorded, and each
/// gets its own `Accept`, under an id of its own.
#[tokio::test(flavor = "multi_thread")]
async fn a_burst_of_follows_is_answered_once_each() {
    use std::sync::Arc;
    const FOLLOWERS: usize = 200;
    let remote = common::remote::Remote::start().await;
    let pair = civicpub_transport::generate_key_pair().unwrap();
    let key = Arc::new(parse_private_key(&pair.private_key_pem).unwrap());
    let accounts: Vec<String> = (0..FOLLOWERS)
        .map(|n| remote.person(&format!("u{n}"), &pair.public_key_pem))
        .collect();
    let a = common::net::Node::start().await;
    let inbox = format!("{}/actors/city/inbox", a.served.base);
    let city = format!("{}/actors/city", a.served.base);
    let client = reqwest::Client::new();
    let gate = Arc::new(tokio::sync::Semaphore::new(16));
    let mut sends = tokio::task::JoinSet::new();
    for (n, account) in accounts.iter().enumerate() {
        let (client, key, gate) = (client.clone(), key.clone(), gate.clone());
        let (inbox, host) = (inbox.clone(), a.domain());
        let body = json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": format!("{account}#follows/{n}"), "type": "Follow",
            "actor": account, "object": city,
        })
        .to_string();
        let key_id = format!("{account}#main-key");
        sends.spawn(async move {
            let _turn = gate.acquire().await.unwrap();
            let headers = sign_cavage(
                &key,
                &key_id,
                "POST",
                "/actors/city/inbox",
                &host,
                Some(body.as_bytes()),
                &http_date(chrono::Utc::now().timestamp()),
            )
            .unwrap();
            let mut req = client
                .post(&inbox)
                .header("content-type", "application/activity+json")
                .body(body);
            for (k, v) in headers {
                req = req.header(k, v);
            }
            let r = req.send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        });
    }
    let mut statuses = std::collections::BTreeMap::new();
    while let Some(done) = sends.join_next().await {
        let (status, body) = done.unwrap();
        assert!(status < 500, "{status}: {body}");
        *statuses.entry(status).or_insert(0) += 1;
    }
    assert_eq!(statuses, [(202, FOLLOWERS)].into_iter().collect());
    let city_actor = a.store.actor_by_username("city").await.unwrap().unwrap();
    assert_eq!(
        a.store.followers(city_actor.id, true).await.unwrap().len(),
        FOLLOWERS
    );
    common::net::wait_until("every follower has its Accept", || async {
        remote.posted_to("/inbox").len() >= FOLLOWERS
    })
    .await;
    let accepts = remote.posted_to("/inbox");
    assert_eq!(accepts.len(), FOLLOWERS, "one Accept each, no more");
    let ids: std::collections::HashSet<&str> =
        accepts.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), FOLLOWERS, "every Accept has an id of its own");
    let answered: std::collections::HashSet<&str> = accepts
        .iter()
        .map(|a| {
            assert_eq!(a["type"], "Accept");
            a["object"]["actor"].as_str().unwrap()
        })
        .collect();
    assert_eq!(answered.len(), FOLLOWERS, "each follower is answered");
}

/// When a signature's key cannot be fetched, the inbox says only that: what
/// the key's URL answered (a status, a network error, a document's contents)
/// is for the log, not for whoever sent the request. The fetch says who asks.
#[tokio::test(flavor = "multi_thread")]
async fn a_refusal_tells_nothing_of_what_a_fetch_answered() {
    let remote = common::remote::Remote::start().await;
    remote.serve(
        "/broken",
        json!({ "id": "not a url", "secret": "do not echo me" }),
    );
    let a = TestNode::with("a.example", true).await;
    let key_pair = civicpub_transport::generate_key_pair().unwrap();
    let key = parse_private_key(&key_pair.private_key_pem).unwrap();
    for (n, key_path) in ["/missing", "/broken"].iter().enumerate() {
        let actor = remote.url(key_path);
        let body = create(&actor, n as u32, &remote.host)
            .to_string()
            .into_bytes();
        let headers = sign_cavage(
            &key,
            &format!("{actor}#main-key"),
            "POST",
            "/inbox",
            "a.example",
            Some(&body),
            &http_date(chrono::Utc::now().timestamp()),
        )
        .unwrap();
        let r = a.send(post(headers, body)).await;
        assert_eq!(r.status, 401, "{}", r.text());
        let reason = r.json()["error"].as_str().unwrap().to_string();
        assert_eq!(
            reason, "the signature's key could not be obtained or used",
            "{key_path}"
        );
    }
    let fetch = remote.seen().into_iter().next().unwrap();
    assert!(
        fetch
            .user_agent
            .as_deref()
            .unwrap()
            .contains("http://a.example/"),
        "{:?}",
        fetch.user_agent
    );
}

/// An activity nobody asked for (a 1 MB Create from an account nobody here
/// follows) is acknowledged and not kept: only what the replay guard needs
/// stays, and that goes too after a while.
#[tokio::test(flavor = "multi_thread")]
async fn unsolicited_activities_are_not_kept() {
    let sender = Sender::start().await;
    let a = TestNode::with("a.example", true).await;
    let now = chrono::Utc::now().timestamp();
    let mut big = create(&sender.actor, 7, &sender.host);
    big["object"]["content"] = json!("x".repeat(900_000));
    let body = big.to_string().into_bytes();
    let r = a.send(post(sender.sign(&body, now), body.clone())).await;
    assert_eq!(r.status, 202, "{}", r.text());
    assert!(r.json()["ignored"].is_string());
    let kept = a.store.inbox_activities(10).await.unwrap();
    assert_eq!(kept.len(), 1, "the replay guard keeps its id");
    assert_eq!(kept[0].2, "", "and not the document");
    // Sent again, it is still acknowledged, once.
    let r = a.send(post(sender.sign(&body, now + 1), body)).await;
    assert_eq!(r.status, 202, "{}", r.text());
    // Later, it is forgotten altogether.
    sqlx::query("UPDATE inbox_activities SET received_at = 0")
        .execute(a.store.pool())
        .await
        .unwrap();
    assert_eq!(a.state.node.prune_received().await.unwrap(), 1);
    assert!(a.store.inbox_activities(10).await.unwrap().is_empty());
}

/// One server sending more than its share per minute is told to come back
/// later (429 with Retry-After), before any key is fetched; others are not.
#[tokio::test(flavor = "multi_thread")]
async fn one_server_cannot_flood_the_inbox() {
    let sender = Sender::start().await;
    let a = TestNode::from_options(civicpub::config::Options {
        domain: Some("a.example".into()),
        insecure_dev: Some(true),
        inbox_rate_limit: Some(5),
        ..Default::default()
    })
    .await;
    let now = chrono::Utc::now().timestamp();
    let mut statuses = Vec::new();
    let mut retry_after = String::new();
    for n in 0..6 {
        let body = create(&sender.actor, 100 + n, &sender.host)
            .to_string()
            .into_bytes();
        let r = a.send(post(sender.sign(&body, now), body)).await;
        statuses.push(r.status);
        if r.status == 429 {
            retry_after = r.header("retry-after").to_string();
        }
    }
    assert_eq!(statuses, [202, 202, 202, 202, 202, 429]);
    let after: u64 = retry_after.parse().unwrap();
    assert!((1..=60).contains(&after), "{after}");
    assert_eq!(a.store.inbox_activities(10).await.unwrap().len(), 5);
}
