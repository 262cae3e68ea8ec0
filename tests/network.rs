//! City to city: three real nodes on 127.0.0.1. A and B publish, C follows both
//! and gathers everything into its network views, feeds, search and directory;
//! updates, deletes and republished items travel too. And a new follow catches
//! up on the account's newest items without waiting for a new post.

mod common;

use common::net::{wait_until, Node};
use serde_json::{json, Value};

fn body_file(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

async fn get(url: &str) -> (u16, String, String) {
    let r = reqwest::get(url).await.unwrap();
    let status = r.status().as_u16();
    let kind = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, kind, r.text().await.unwrap())
}

async fn get_json(url: &str) -> Value {
    let (status, _, body) = get(url).await;
    assert_eq!(status, 200, "{url}: {body}");
    serde_json::from_str(&body).unwrap()
}

fn titles(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["texts"][0]["title"].as_str().unwrap().to_string())
        .collect()
}

async fn network_titles(node: &Node, query: &str) -> Vec<String> {
    let base = &node.served.base;
    titles(&get_json(&format!("{base}/api/v1/network/items?{query}")).await)
}

#[tokio::test(flavor = "multi_thread")]
async fn c_gathers_what_a_and_b_publish_into_its_network_views() {
    let (a, b, c) = (
        Node::start().await,
        Node::start().await,
        Node::start().await,
    );
    let dir = c.served.data_dir.clone();
    for other in [&a, &b] {
        c.cli(&["follow", &format!("@city@{}", other.domain())]);
    }
    let c_city = c.store.actor_by_username("city").await.unwrap().unwrap();
    wait_until("A and B accept C's follows", || async {
        let f = c.store.following(c_city.id).await.unwrap();
        f.len() == 2
            && f.iter()
                .all(|f| f.state == civicpub_store::FollowState::Accepted)
    })
    .await;

    // A: news in English, then its Italian translation; a word only the Italian has.
    let news = a.cli(&[
        "news",
        "publish",
        "--actor",
        "city",
        "--title",
        "New cycle paths",
        "--body-file",
        &body_file(&dir, "en.md", "The ring road gets protected lanes."),
        "--tag",
        "mobility",
        "--hero",
        &{
            let png = dir.join("lane.png");
            std::fs::write(&png, common::PNG).unwrap();
            png.display().to_string()
        },
        "--hero-alt",
        "A protected cycle lane",
    ]);
    let news = news.trim().to_string();
    let news_id = news.rsplit('/').next().unwrap().to_string();
    a.cli(&[
        "news",
        "update",
        &news_id,
        "--lang",
        "it",
        "--title",
        "Nuove piste ciclabili",
        "--body-file",
        &body_file(
            &dir,
            "it.md",
            "La circonvallazione avrà corsie ciclopedonali protette.",
        ),
    ]);
    // B: an event next month and a policy document.
    let month = (chrono::Utc::now() + chrono::Duration::days(40))
        .format("%Y-%m")
        .to_string();
    let event = b.cli(&[
        "event",
        "publish",
        "--actor",
        "city",
        "--title",
        "Assembly on housing",
        "--starts",
        &format!("{month}-10T18:00"),
        "--ends",
        &format!("{month}-10T20:00"),
        "--timezone",
        "Europe/Madrid",
        "--place",
        "Ajuntament",
    ]);
    let pdf = dir.join("charter.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n").unwrap();
    let doc = b.cli(&[
        "document",
        "publish",
        "--actor",
        "city",
        "--title",
        "Digital rights charter",
        "--file",
        pdf.to_str().unwrap(),
        "--version",
        "1.0",
        "--license",
        "CC-BY-4.0",
    ]);
    let (event, doc) = (event.trim().to_string(), doc.trim().to_string());

    wait_until(
        "C has gathered A's news with its translation, B's event and document",
        || async {
            let it = c.store.network_item_by_uri(&news).await.unwrap();
            it.is_some_and(|i| i.texts.len() == 2)
                && c.store.network_item_by_uri(&event).await.unwrap().is_some()
                && c.store.network_item_by_uri(&doc).await.unwrap().is_some()
        },
    )
    .await;
    let base = c.served.base.clone();

    // Network news: both cities, newest first; and filters by city and kind.
    let list = get_json(&format!("{base}/api/v1/network/items")).await;
    let mut all = titles(&list);
    let published: Vec<chrono::DateTime<chrono::FixedOffset>> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| chrono::DateTime::parse_from_rfc3339(i["published"].as_str().unwrap()).unwrap())
        .collect();
    assert!(
        published.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {published:?}"
    );
    all.sort();
    assert_eq!(
        all,
        [
            "Assembly on housing",
            "Digital rights charter",
            "New cycle paths"
        ]
    );
    assert_eq!(
        network_titles(&c, &format!("city={}", a.domain())).await,
        ["New cycle paths"]
    );
    assert_eq!(
        network_titles(&c, "kind=event").await,
        ["Assembly on housing"]
    );
    assert_eq!(
        network_titles(&c, "tag=mobility").await,
        ["New cycle paths"]
    );
    assert_eq!(
        network_titles(&c, "lang=it").await,
        ["New cycle paths"],
        "an item is found by the language of its translation too"
    );
    assert_eq!(
        network_titles(&c, "q=ciclopedonali&lang=it").await,
        ["New cycle paths"]
    );
    assert_eq!(
        network_titles(&c, "lang=en&kind=document").await,
        ["Digital rights charter"]
    );
    let (status, _, page) = get(&format!("{base}/network")).await;
    assert_eq!(status, 200);
    for t in [
        "New cycle paths",
        "Assembly on housing",
        "Digital rights charter",
    ] {
        assert!(page.contains(t), "network page lacks {t}");
    }

    // Search: a word that only the Italian text has finds the item.
    assert_eq!(
        network_titles(&c, "q=ciclopedonali").await,
        ["New cycle paths"]
    );
    assert_eq!(
        network_titles(&c, "q=circonvallazione+protette").await,
        ["New cycle paths"]
    );
    assert!(network_titles(&c, "q=tramway").await.is_empty());
    let filtered = format!(
        "q=ciclopedonali&city={}&kind=news&tag=mobility&lang=en",
        a.domain()
    );
    assert_eq!(network_titles(&c, &filtered).await, ["New cycle paths"]);
    assert!(network_titles(&c, "q=ciclopedonali&kind=event")
        .await
        .is_empty());
    assert!(network_titles(&c, "q=ciclopedonali&city=nowhere.example")
        .await
        .is_empty());
    let (_, _, page) = get(&format!("{base}/network/search?q=ciclopedonali")).await;
    assert!(page.contains("New cycle paths"), "{page}");
    let (status, _, body) = get(&format!("{base}/api/v1/network/items?kind=poem")).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("unknown kind"), "{body}");

    // A's hero image reaches citizens through C's proxy, from C's own origin.
    let gathered = c.store.network_item_by_uri(&news).await.unwrap().unwrap();
    let (_, _, page) = get(&format!("{base}/network/items/{}", gathered.id)).await;
    let src = civicpub_service::convert::ingest::proxied(&gathered.image.unwrap().url);
    assert!(page.contains(&src.replace('&', "&amp;")), "{page}");
    assert!(
        !page.contains(&format!("src=\"http://{}", a.domain())),
        "{page}"
    );
    let image = reqwest::get(format!("{base}{src}")).await.unwrap();
    assert_eq!(image.status().as_u16(), 200);
    assert_eq!(image.headers()["content-type"], "image/png");
    assert_eq!(image.bytes().await.unwrap().as_ref(), common::PNG);

    // Calendar and its iCalendar feed; the library; the Atom feed.
    let (_, _, cal) = get(&format!("{base}/network/calendar?month={month}")).await;
    assert!(cal.contains("Assembly on housing"), "{cal}");
    // The grid gives times; the event's page gives them with their zone.
    let assembly = c.store.network_item_by_uri(&event).await.unwrap().unwrap();
    let (_, _, page) = get(&format!("{base}/network/items/{}", assembly.id)).await;
    assert!(page.contains("Europe/Madrid"), "{page}");
    let (_, kind, ics) = get(&format!("{base}/network/calendar.ics")).await;
    assert!(kind.starts_with("text/calendar"));
    assert!(ics.contains("SUMMARY:Assembly on housing"), "{ics}");
    assert!(ics.contains("LOCATION:Ajuntament"), "{ics}");
    let (_, _, library) = get(&format!("{base}/network/library")).await;
    assert!(library.contains("Digital rights charter") && !library.contains("New cycle paths"));
    let (_, kind, atom) = get(&format!("{base}/network/feed.atom")).await;
    assert!(kind.starts_with("application/atom+xml"));
    assert!(atom.contains("New cycle paths") && atom.contains("Assembly on housing"));

    // The directory lists both cities with what came from them.
    let cities = get_json(&format!("{base}/api/v1/network/cities")).await;
    let hosts: Vec<&str> = cities["cities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["host"].as_str().unwrap())
        .collect();
    assert!(hosts.contains(&a.domain().as_str()) && hosts.contains(&b.domain().as_str()));
    for city in cities["cities"].as_array().unwrap() {
        assert_eq!(city["following"], true, "{city}");
        assert_eq!(city["delivery"]["healthy"], true, "{city}");
        assert!(city["items"].as_i64().unwrap() >= 1, "{city}");
        assert!(city["last_published"].is_string(), "{city}");
    }
    let (_, _, dir_page) = get(&format!("{base}/network/cities")).await;
    assert!(
        dir_page.contains(&format!("@city@{}", b.domain())),
        "{dir_page}"
    );

    // An update replaces the gathered copy; a delete removes it.
    a.cli(&[
        "news",
        "update",
        &news_id,
        "--title",
        "Protected cycle paths",
    ]);
    b.cli(&["document", "delete", doc.rsplit('/').next().unwrap()]);
    wait_until("the update and the delete reach C", || async {
        let n = c.store.network_item_by_uri(&news).await.unwrap();
        n.is_some_and(|n| n.title() == "Protected cycle paths")
            && c.store.network_item_by_uri(&doc).await.unwrap().is_none()
    })
    .await;
    let mut all = network_titles(&c, "").await;
    all.sort();
    assert_eq!(all, ["Assembly on housing", "Protected cycle paths"]);
    assert_eq!(
        network_titles(&c, "q=ciclopedonali").await,
        ["Protected cycle paths"]
    );
    let (_, _, library) = get(&format!("{base}/network/library")).await;
    assert!(!library.contains("Digital rights charter"));

    // Republish: A follows C; C republishes B's event; A gathers it as shared by C.
    a.cli(&["follow", &format!("@city@{}", c.domain())]);
    let a_city = a.store.actor_by_username("city").await.unwrap().unwrap();
    wait_until("C accepts A", || async {
        a.store
            .following(a_city.id)
            .await
            .unwrap()
            .iter()
            .all(|f| f.state == civicpub_store::FollowState::Accepted)
    })
    .await;
    let event_item = c.store.network_item_by_uri(&event).await.unwrap().unwrap();
    c.cli(&["republish", &event_item.id.to_string()]);
    wait_until("A gathers B's event through C's Announce", || async {
        a.store.network_item_by_uri(&event).await.unwrap().is_some()
    })
    .await;
    let shared = a.store.network_item_by_uri(&event).await.unwrap().unwrap();
    assert_eq!(
        shared.announced_by.as_deref(),
        Some(format!("http://{}/actors/city", c.domain()).as_str())
    );
    assert_eq!(shared.host, b.domain(), "the item keeps its provenance");
    c.cli(&["republish", &event_item.id.to_string(), "--undo"]);
    wait_until(
        "A receives the Undo and drops the boosted event",
        || async {
            a.received().await.iter().any(|r| {
                r["type"] == "Undo"
                    && r["object"]["type"] == "Announce"
                    && r["object"]["object"] == json!(event)
            }) && a.store.network_item_by_uri(&event).await.unwrap().is_none()
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_follow_catches_up_on_the_newest_fifty_items() {
    let (a, c) = (Node::start().await, Node::start().await);
    let token = a.cli(&["token", "create", "--actor", "city"]);
    let token = token.trim();
    let client = reqwest::Client::new();
    for n in 1..=60 {
        let r = client
            .post(format!("{}/api/v1/news", a.served.base))
            .bearer_auth(token)
            .json(&json!({ "texts": [{ "lang": "en", "title": format!("Item {n}"), "body": "Text." }] }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 201, "{}", r.text().await.unwrap());
    }
    let out = c.cli(&["follow", &format!("@city@{}", a.domain())]);
    assert!(out.contains("gathered 50 recent items"), "{out}");

    // Without any new post from A: the newest 50, newest first, and no more.
    let all = network_titles(&c, "limit=100").await;
    let expected: Vec<String> = (11..=60).rev().map(|n| format!("Item {n}")).collect();
    assert_eq!(all, expected);
    let (_, _, page) = get(&format!("{}/network", c.served.base)).await;
    assert!(page.contains("Item 60") && !page.contains("Item 10<"));
}

/// The city's own items are in its network views from the moment they are
/// published, leave them when deleted, and a node upgraded from before the
/// views existed (or stopped between the two writes) fills them on start.
#[tokio::test]
async fn the_citys_own_items_are_in_its_network_views() {
    use civicpub_domain::ItemKind;
    let node = common::TestNode::new("city.example").await;
    let city = node.store.actor_by_username("city").await.unwrap().unwrap();
    let publisher = &node.state.node;
    let kept = publisher
        .publish(&city, ItemKind::News, common::news("Kept"))
        .await
        .unwrap();
    let gone = publisher
        .publish(&city, ItemKind::News, common::news("Gone"))
        .await
        .unwrap();
    let mirrored = |id: i64| {
        let store = node.store.clone();
        async move {
            store
                .network_items(&civicpub_store::NetworkQuery {
                    limit: 50,
                    ..Default::default()
                })
                .await
                .unwrap()
                .into_iter()
                .filter(|i| i.local_item_id == Some(id))
                .count()
        }
    };
    assert_eq!((mirrored(kept.id).await, mirrored(gone.id).await), (1, 1));
    publisher
        .delete_item(&city, ItemKind::News, gone.id)
        .await
        .unwrap();
    assert_eq!(
        mirrored(gone.id).await,
        0,
        "a deleted item leaves the views"
    );

    // As after an upgrade: the views lack the item; starting the node fills them.
    sqlx::query("DELETE FROM network_items")
        .execute(node.store.pool())
        .await
        .unwrap();
    assert_eq!(mirrored(kept.id).await, 0);
    node.state.node.mirror_missing().await.unwrap();
    assert_eq!(mirrored(kept.id).await, 1);
    assert_eq!(mirrored(gone.id).await, 0, "deleted items stay out");
    let page = node.get("/network", None).await;
    assert!(page.text().contains("Kept") && !page.text().contains("Gone"));
}

/// An outbox may list its activities by id only, as ActivityStreams allows and
/// real servers do, and a `Create` may name its object by id: catch-up fetches
/// each (signed by the node's instance actor), and keeps an object only when
/// its author lives on the object's own server.
#[tokio::test(flavor = "multi_thread")]
async fn catch_up_fetches_activities_and_objects_named_by_id() {
    let remote = common::remote::Remote::start().await;
    let key = civicpub_transport::generate_key_pair().unwrap();
    let anna = remote.person("anna", &key.public_key_pem);
    let public = json!(["https://www.w3.org/ns/activitystreams#Public"]);
    let note = |n: u32, author: &str| {
        json!({
            "id": remote.url(&format!("/notes/{n}")), "type": "Note",
            "attributedTo": author, "to": public,
            "content": format!("<p>Note number {n}</p>"),
            "published": format!("2026-11-0{n}T10:00:00Z"),
        })
    };
    let create = |n: u32, object: Value| {
        json!({
            "id": remote.url(&format!("/activities/{n}")), "type": "Create",
            "actor": anna, "to": public, "object": object,
        })
    };
    remote.serve(
        "/users/anna/outbox",
        json!({
            "id": format!("{anna}/outbox"), "type": "OrderedCollection", "totalItems": 4,
            "first": format!("{anna}/outbox?page=1"),
        }),
    );
    remote.serve(
        "/users/anna/outbox?page=1",
        json!({
            "id": format!("{anna}/outbox?page=1"), "type": "OrderedCollectionPage",
            "partOf": format!("{anna}/outbox"),
            "orderedItems": [
                // An activity by id, its object inlined.
                remote.url("/activities/1"),
                // An activity by id, its object by id too.
                remote.url("/activities/2"),
                // An activity inlined, its object by id.
                create(3, json!(remote.url("/notes/3"))),
                // An object whose author lives on another server.
                remote.url("/activities/4"),
            ],
        }),
    );
    remote.serve("/activities/1", create(1, note(1, &anna)));
    remote.serve("/activities/2", create(2, json!(remote.url("/notes/2"))));
    remote.serve("/notes/2", note(2, &anna));
    remote.serve("/notes/3", note(3, &anna));
    remote.serve("/activities/4", create(4, json!(remote.url("/notes/4"))));
    remote.serve(
        "/notes/4",
        note(4, "https://elsewhere.example/users/mallory"),
    );

    let node = common::TestNode::with("a.example", true).await;
    let city = node.store.actor_by_username("city").await.unwrap().unwrap();
    let followed = node.state.node.follow(&city, &anna).await.unwrap();
    let caught = node
        .state
        .node
        .catch_up(&followed, civicpub_service::network::CATCH_UP_ITEMS)
        .await;
    assert_eq!((caught.gathered, caught.skipped), (3, 1), "{caught:?}");
    for n in 1..=3 {
        let item = node
            .store
            .network_item_by_uri(&remote.url(&format!("/notes/{n}")))
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("note {n} gathered"));
        assert_eq!(item.actor_uri, anna);
        assert!(item.texts[0]
            .content_html
            .contains(&format!("Note number {n}")));
    }
    assert!(node
        .store
        .network_item_by_uri(&remote.url("/notes/4"))
        .await
        .unwrap()
        .is_none());
    // Every document was fetched, each fetch signed by the instance actor.
    let gets: Vec<_> = remote
        .seen()
        .into_iter()
        .filter(|s| s.method == axum::http::Method::GET)
        .collect();
    for path in [
        "/activities/1",
        "/activities/2",
        "/notes/2",
        "/notes/3",
        "/notes/4",
    ] {
        assert!(gets.iter().any(|s| s.target == path), "{path} not fetched");
    }
    let instance_key = "keyId=\"http://a.example/actor#main-key\"";
    for s in &gets {
        let sig = s
            .signature
            .as_deref()
            .unwrap_or_else(|| panic!("{} unsigned", s.target));
        assert!(sig.contains(instance_key), "{}: {sig}", s.target);
    }
}
