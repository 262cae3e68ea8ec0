//! What a review with hostile input and faults found, each fixed and kept fixed:
//! files that only look like images, licences that are not, API errors that
//! were not JSON, leased deliveries counted as failures, listings that panicked
//! on a closed pipe, a database readable by anyone, calendar parameters broken
//! by a port.

mod common;

use common::{api, TestNode, PNG};
use serde_json::json;

async fn upload(node: &TestNode, token: &str, content_type: &str, bytes: Vec<u8>) -> common::Reply {
    let req = axum::http::Request::post("/api/v1/media")
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", content_type)
        .body(axum::body::Body::from(bytes))
        .unwrap();
    node.send(req).await
}

#[tokio::test]
async fn a_file_must_be_what_it_starts_as_all_through() {
    let node = TestNode::new("city.example").await;
    let token = node
        .state
        .node
        .create_token("city", "read,write")
        .await
        .unwrap();
    assert_eq!(
        upload(&node, &token, "image/png", PNG.to_vec())
            .await
            .status,
        201
    );
    // A PNG header in front of megabytes of noise is not an image.
    let mut fake = PNG[..33].to_vec();
    let mut x: u64 = 1;
    fake.extend((0..3_000_000).map(|_| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x as u8
    }));
    let r = upload(&node, &token, "image/png", fake).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.json()["fields"]["file"]
        .as_str()
        .unwrap()
        .contains("not a picture"));
    let r = upload(
        &node,
        &token,
        "application/pdf",
        b"%PDF-1.7 truncated".to_vec(),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.text());
}

#[tokio::test]
async fn a_licence_must_be_an_spdx_id() {
    let node = TestNode::new("city.example").await;
    let token = node
        .state
        .node
        .create_token("city", "read,write")
        .await
        .unwrap();
    let pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec();
    let media = upload(&node, &token, "application/pdf", pdf).await.json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let doc = |license: &str| {
        json!({
            "texts": [{ "lang": "en", "title": "Charter" }],
            "version": "1", "license": license, "files": [{ "media": media }],
        })
    };
    let r = api(
        &node,
        "POST",
        "/api/v1/documents",
        &token,
        Some(doc("NOT-A-LICENSE")),
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(r.json()["fields"]["license"]
        .as_str()
        .unwrap()
        .contains("SPDX"));
    let r = api(
        &node,
        "POST",
        "/api/v1/documents",
        &token,
        Some(doc("cc-by-4.0")),
    )
    .await;
    assert!(
        r.json()["fields"]["license"]
            .as_str()
            .unwrap()
            .contains("did you mean CC-BY-4.0"),
        "{}",
        r.text()
    );
    let r = api(
        &node,
        "POST",
        "/api/v1/documents",
        &token,
        Some(doc("CC-BY-4.0")),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
}

#[tokio::test]
async fn the_api_answers_every_error_in_json() {
    let node = TestNode::new("city.example").await;
    let token = node
        .state
        .node
        .create_token("city", "read,write")
        .await
        .unwrap();
    let is_json_error = |r: &common::Reply| {
        r.header("content-type").starts_with("application/json") && r.json()["error"].is_string()
    };
    // A malformed query, an unknown endpoint, a method the endpoint lacks.
    for (method, path, status) in [
        ("GET", "/api/v1/news?limit=many", 400),
        ("GET", "/api/v1/network/items?limit=x", 400),
        ("GET", "/api/v1/no/such/endpoint", 404),
        ("PATCH", "/api/v1/news", 405),
    ] {
        let r = api(&node, method, path, &token, None).await;
        assert_eq!(r.status, status, "{method} {path}: {}", r.text());
        assert!(is_json_error(&r), "{method} {path}: {}", r.text());
    }
    // A body over the limit is 413, in JSON.
    let big = json!({ "texts": [{ "lang": "en", "title": "x", "body": "y".repeat(3_000_000) }] });
    let r = api(&node, "POST", "/api/v1/news", &token, Some(big)).await;
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(is_json_error(&r), "{}", r.text());
}

#[tokio::test]
async fn deliveries_in_flight_are_not_failures() {
    let node = TestNode::new("city.example").await;
    let city = node.store.actor_by_username("city").await.unwrap().unwrap();
    node.store
        .change_follows(&civicpub_store::FollowChange::AddFollower(
            civicpub_store::Follower {
                actor_id: city.id,
                follower_uri: "https://f.example/users/u".into(),
                inbox: "https://f.example/inbox".into(),
                follow_id: "https://f.example/follow".into(),
                accepted: true,
                created_at: civicpub_domain::Timestamp::now(),
            },
        ))
        .await
        .unwrap();
    node.state
        .node
        .publish(&city, civicpub_domain::ItemKind::News, common::news("Out"))
        .await
        .unwrap();
    let leased = node
        .store
        .claim_deliveries(civicpub_domain::Timestamp::now(), 30_000, 10)
        .await
        .unwrap();
    assert_eq!(leased.len(), 1);
    let stats = node.store.queue_stats().await.unwrap();
    assert_eq!((stats.pending, stats.in_flight), (1, 1));
    assert!(stats.failures.is_empty(), "{stats:?}");
    let o = node.cli(&["deliveries"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("in flight 1") && !text.contains("failures"),
        "{text}"
    );
}

#[tokio::test]
async fn a_listing_piped_into_a_closed_reader_ends_quietly() {
    use std::process::Stdio;
    let node = TestNode::new("city.example").await;
    let city = node.store.actor_by_username("city").await.unwrap().unwrap();
    for n in 0..2000 {
        node.store
            .change_follows(&civicpub_store::FollowChange::AddFollower(
                civicpub_store::Follower {
                    actor_id: city.id,
                    follower_uri: format!("https://f{n}.example/users/someone-with-a-long-name"),
                    inbox: format!("https://f{n}.example/inbox"),
                    follow_id: format!("https://f{n}.example/follow"),
                    accepted: true,
                    created_at: civicpub_domain::Timestamp::now(),
                },
            ))
            .await
            .unwrap();
    }
    let data = node.config.data_dir.display().to_string();
    // As `civicpub followers list | head -1`: the reader goes away early.
    let mut child = common::civicpub(&[
        "--domain",
        "city.example",
        "--database-url",
        &node.db.url,
        "--data-dir",
        &data,
        "followers",
        "list",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[cfg(unix)]
#[tokio::test]
async fn the_sqlite_database_is_private() {
    use std::os::unix::fs::PermissionsExt;
    if std::env::var("CIVICPUB_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        return; // nothing on disk to keep private
    }
    let dir = tempdir();
    let data = dir.join("data");
    let o = common::output(common::civicpub(&[
        "--data-dir",
        data.to_str().unwrap(),
        "migrate",
    ]));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("civicpub.db")), 0o600);
    // One made readable to others is made private again.
    std::fs::set_permissions(
        data.join("civicpub.db"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let o = common::output(common::civicpub(&[
        "--data-dir",
        data.to_str().unwrap(),
        "migrate",
    ]));
    assert!(o.status.success());
    assert_eq!(mode(&data.join("civicpub.db")), 0o600);
    std::fs::remove_dir_all(&dir).unwrap();
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "civicpub-hardening-{}-{}",
        std::process::id(),
        civicpub_domain::Timestamp::now().millis()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn calendar_organisers_are_quoted_and_named() {
    let node = TestNode::new("127.0.0.1:27001").await;
    let city = node.store.actor_by_username("city").await.unwrap().unwrap();
    let mut input = common::news("Assembly");
    input.starts = Some("2027-01-10T18:00".into());
    input.ends = Some("2027-01-10T19:00".into());
    input.timezone = Some("Europe/Rome".into());
    node.state
        .node
        .publish(&city, civicpub_domain::ItemKind::Event, input)
        .await
        .unwrap();
    let ics = node.get("/network/calendar.ics", None).await.text();
    let unfolded = ics.replace("\r\n ", "");
    let organizer = unfolded
        .lines()
        .find(|l| l.starts_with("ORGANIZER"))
        .unwrap_or_else(|| panic!("{unfolded}"));
    assert_eq!(
        organizer,
        "ORGANIZER;CN=City of Testville:http://127.0.0.1:27001/actors/city"
    );
}

/// An item too large to deliver is refused when published, naming the text to
/// shorten; and whatever the items, no outbox page grows past what receivers
/// accept.
#[tokio::test]
async fn what_cannot_be_delivered_is_refused_and_pages_stay_deliverable() {
    let node = TestNode::new("city.example").await;
    let token = node
        .state
        .node
        .create_token("city", "read,write")
        .await
        .unwrap();
    // Twelve languages of 95 KB each: 1.1 MB of text.
    let langs = [
        "en", "nl", "fr", "it", "es", "ca", "de", "pt", "sq", "da", "sv", "fi",
    ];
    let texts: Vec<_> = langs
        .iter()
        .enumerate()
        .map(|(n, l)| {
            json!({ "lang": l, "title": format!("Title {l}"),
                    "body": format!("{}{}", "word ".repeat(19_000), "x".repeat(n)) })
        })
        .collect();
    let r = api(
        &node,
        "POST",
        "/api/v1/news",
        &token,
        Some(json!({ "texts": texts })),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.text());
    let fields = r.json()["fields"].clone();
    assert!(
        fields["texts.fi.body"]
            .as_str()
            .unwrap()
            .contains("KB as ActivityPub"),
        "{fields}"
    );
    assert_eq!(node.store.count_items(None).await.unwrap(), 0);

    // Items that each fit, but not together on one page.
    for n in 0..8 {
        let body = json!({ "texts": [{ "lang": "en", "title": format!("Long read {n}"),
                                       "body": "paragraph ".repeat(9_500) }] });
        let r = api(&node, "POST", "/api/v1/news", &token, Some(body)).await;
        assert_eq!(r.status, 201, "{}", r.text());
    }
    let mut page = "/actors/city/outbox?page=true".to_string();
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        pages += 1;
        let r = node.get(&page, Some(common::AP)).await;
        assert_eq!(r.status, 200);
        assert!(
            r.body.len() < 1024 * 1024,
            "a page of {} bytes",
            r.body.len()
        );
        let doc = r.json();
        for a in doc["orderedItems"].as_array().unwrap() {
            seen.push(a["object"]["name"].as_str().unwrap().to_string());
        }
        match doc["next"].as_str() {
            Some(next) => page = next.trim_start_matches("https://city.example").to_string(),
            None => break,
        }
    }
    assert!(pages > 1, "8 items of ~200 KB do not fit one page");
    seen.sort();
    let all: Vec<String> = (0..8).map(|n| format!("Long read {n}")).collect();
    assert_eq!(seen, all);
}

/// An image of another site in an item's text is copied to the node when the
/// item is published, and the pages, feeds and objects show the copy; one that
/// cannot be copied is refused with the reason. No page ever shows another
/// site's image.
#[tokio::test(flavor = "multi_thread")]
async fn images_of_other_sites_are_copied_or_refused() {
    let remote = common::remote::Remote::start().await;
    let png = PNG.to_vec();
    let node = TestNode::with("city.example", true).await;
    let token = node
        .state
        .node
        .create_token("city", "read,write")
        .await
        .unwrap();
    // The remote answers images as bytes: serve them through a tiny route.
    let images = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let images_at = format!("http://{}", images.local_addr().unwrap());
    let app = axum::Router::new().route(
        "/tracker.png",
        axum::routing::get(move || {
            let png = png.clone();
            async move { ([("content-type", "image/png")], png) }
        }),
    );
    tokio::spawn(async move { axum::serve(images, app).await });
    let body = format!(
        "Look: ![the square]({images_at}/tracker.png)\n\n<img src=\"{images_at}/tracker.png\" alt=\"again\">"
    );
    let r = api(
        &node,
        "POST",
        "/api/v1/news",
        &token,
        Some(json!({ "texts": [{ "lang": "en", "title": "Pictures", "body": body }] })),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let stored = r.json()["texts"][0]["body"].as_str().unwrap().to_string();
    assert!(!stored.contains(&images_at), "{stored}");
    assert!(stored.contains("http://city.example/media/"), "{stored}");
    for (path, accept) in [
        ("/news/1", common::BROWSER),
        ("/news/1", common::AP),
        ("/feeds/news.atom", "application/atom+xml"),
        ("/feeds/news.rss", "application/rss+xml"),
        ("/network", common::BROWSER),
        ("/network/items/1", common::BROWSER),
    ] {
        let page = node.get(path, Some(accept)).await.text();
        assert!(
            !page.contains(&images_at),
            "{path} shows another site's image"
        );
        assert!(!page.contains("127.0.0.1"), "{path}");
    }

    // An image that cannot be fetched is refused, naming it.
    let missing = remote.url("/missing.png");
    let r = api(
        &node,
        "POST",
        "/api/v1/news",
        &token,
        Some(json!({ "texts": [{ "lang": "en", "title": "Broken", "body": format!("![x]({missing})") }] })),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.text());
    let why = r.json()["fields"]["texts.en.body"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        why.contains(&missing) && why.contains("could not be copied"),
        "{why}"
    );
    assert_eq!(node.store.count_items(None).await.unwrap(), 1);
}
