//! `civicpub export` and `civicpub import`: a node on SQLite, with content in
//! three languages, a document with two versions, uploads, a follower, a
//! follow, a token and a site page, moves through an archive into PostgreSQL
//! (`CIVICPUB_TEST_DATABASE_URL`; into another SQLite database, said so, when
//! there is none) and serves the same public JSON and pages on the same
//! domain.

mod common;

use civicpub_store::testing::TestDatabase;
use common::citizens::Citizens;
use common::net::{wait_until, Node};
use common::{civicpub, output, AP, BROWSER, PNG};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

const PDF1: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n";
const PDF2: &[u8] = b"%PDF-1.4\n1 0 obj << /V 2 >> endobj\n%%EOF\n";

fn id_of(url: &str) -> String {
    url.trim().rsplit('/').next().unwrap().to_string()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

/// Runs the CLI on a database and data directory with the node's domain.
fn cli_on(domain: &str, db: &TestDatabase, data: &Path, args: &[&str]) -> std::process::Output {
    let data = data.display().to_string();
    let mut all = vec![
        "--insecure-dev",
        "--domain",
        domain,
        "--database-url",
        &db.url,
        "--data-dir",
        &data,
    ];
    all.extend(args);
    output(civicpub(&all))
}

/// What a visitor and a server see of a node: every path with its body.
async fn public_view(node: &Node, items: &[String]) -> BTreeMap<String, String> {
    let mut seen = BTreeMap::new();
    let mut json_paths = vec![
        "/actors/city".to_string(),
        "/actors/city/outbox".into(),
        "/actors/city/outbox?page=true".into(),
        "/actors/city/followers".into(),
        "/actors/city/following".into(),
        "/actors/city/featured".into(),
        "/.well-known/webfinger?resource=acct:city@".to_string() + &node.domain(),
    ];
    let mut pages = vec![
        "/".to_string(),
        "/actors/city".into(),
        "/news".into(),
        "/events".into(),
        "/documents".into(),
        "/about".into(),
    ];
    for item in items {
        json_paths.push(item.clone());
        pages.push(item.clone());
        pages.push(format!("{item}?lang=fr"));
        pages.push(format!("{item}?lang=it"));
    }
    for p in json_paths {
        let (status, body) = node.get(&p, AP).await;
        assert_eq!(status, 200, "{p}: {body}");
        seen.insert(format!("json {p}"), body);
    }
    for p in pages {
        let (status, body) = node.get(&p, BROWSER).await;
        assert_eq!(status, 200, "{p}: {body}");
        seen.insert(format!("page {p}"), body);
    }
    seen
}

async fn count(store: &civicpub_store::Store, table: &str) -> i64 {
    use sqlx::Row;
    sqlx::query(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(store.pool())
        .await
        .unwrap()
        .get(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_node_moves_from_sqlite_to_postgresql_and_serves_the_same() {
    let source = Node::start_on(TestDatabase::sqlite().await.unwrap(), None, &[]).await;
    let domain = source.domain();
    let port = source.served.port;
    let citizens = Citizens::start().await;
    let dir = source.served.data_dir.clone();
    let city = source.url("/actors/city");

    // News in three languages, with a picture.
    let png = write(&dir, "bridge.png", PNG);
    let en = write(&dir, "en.md", b"The bridge opens on **Monday**.");
    let fr = write(&dir, "fr.md", "Le pont rouvre **lundi**.".as_bytes());
    let it = write(&dir, "it.md", "Il ponte riapre **lunedì**.".as_bytes());
    let news = source.cli(&[
        "news",
        "publish",
        "--lang",
        "en",
        "--title",
        "The bridge reopens",
        "--body-file",
        &en,
        "--hero",
        &png,
        "--hero-alt",
        "The bridge at dawn",
    ]);
    let news_id = id_of(&news);
    source.cli(&[
        "news",
        "update",
        &news_id,
        "--lang",
        "fr",
        "--title",
        "Le pont rouvre",
        "--body-file",
        &fr,
    ]);
    source.cli(&[
        "news",
        "update",
        &news_id,
        "--lang",
        "it",
        "--title",
        "Il ponte riapre",
        "--body-file",
        &it,
    ]);
    // A document in two versions, each with its file.
    let pdf1 = write(&dir, "charter-1.pdf", PDF1);
    let pdf2 = write(&dir, "charter-2.pdf", PDF2);
    let doc = source.cli(&[
        "document",
        "publish",
        "--title",
        "Charter",
        "--file",
        &pdf1,
        "--version",
        "1.0",
        "--license",
        "CC-BY-4.0",
        "--adopted",
        "2026-03-15",
    ]);
    let doc_id = id_of(&doc);
    source.cli(&[
        "document",
        "update",
        &doc_id,
        "--file",
        &pdf2,
        "--version",
        "2.0",
        "--adopted",
        "2026-09-01",
    ]);
    let event = source.cli(&[
        "event",
        "publish",
        "--title",
        "Council meeting",
        "--starts",
        "2027-01-10T18:00",
        "--ends",
        "2027-01-10T20:00",
        "--timezone",
        "Europe/Rome",
    ]);
    source.cli(&["pin", &doc_id]);
    // A follower, a follow, a token, a site page.
    let alice = citizens.account("alice", "Alice");
    let bob = citizens.account("bob", "Bob");
    let follow = citizens.activity(&alice, "Follow", json!(city));
    let (status, body) = citizens.post(&alice, &source.url("/inbox"), &follow).await;
    assert_eq!(status, 202, "{body}");
    let city_actor = source
        .store
        .actor_by_username("city")
        .await
        .unwrap()
        .unwrap();
    wait_until("Alice follows the city", || async {
        source
            .store
            .followers(city_actor.id, true)
            .await
            .unwrap()
            .len()
            == 1
    })
    .await;
    source.cli(&["follow", &bob]);
    let token = source.cli(&["token", "create", "--scopes", "read,write"]);
    let token = token.trim();
    let about = write(&dir, "about.md", b"# About\n\nThe city of Testville.");
    source.cli(&[
        "site", "set-page", "about", "--lang", "en", "--file", &about,
    ]);

    let items: Vec<String> = [&news, &doc, &event]
        .iter()
        .map(|u| url::Url::parse(u.trim()).unwrap().path().to_string())
        .collect();
    let hero = {
        let (_, body) = source.get(&items[0], AP).await;
        let v: Value = serde_json::from_str(&body).unwrap();
        let url = v["image"]["url"]
            .as_str()
            .or(v["attachment"][0]["url"].as_str())
            .unwrap()
            .to_string();
        url::Url::parse(&url).unwrap().path().to_string()
    };
    let before = public_view(&source, &items).await;
    assert_eq!(before.len(), 25);
    assert!(before[&format!("page {}?lang=fr", items[0])].contains("Le pont rouvre"));
    assert!(before[&format!("page {}?lang=it", items[0])].contains("Il ponte riapre"));
    assert!(before[&format!("json {}", items[1])].contains("2.0"));
    let hero_before = reqwest::get(source.url(&hero))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&hero_before[..], PNG);

    // Export, and stop the source.
    let archive =
        std::env::temp_dir().join(format!("civicpub-export-{}-{port}.tar", std::process::id()));
    let _ = std::fs::remove_file(&archive);
    let out = source.cli(&["export", archive.to_str().unwrap()]);
    assert!(out.contains("exported"), "{out}");
    let again = source.cli_fails(&["export", archive.to_str().unwrap()]);
    assert!(again.contains("exists"), "{again}");
    let Node {
        db: source_db,
        served,
        store: source_store,
    } = source;
    drop(served);

    // Import into PostgreSQL (or, without one, into another SQLite database).
    let target_db = TestDatabase::new().await.unwrap();
    if target_db.backend == civicpub_store::Backend::Sqlite {
        eprintln!(
            "NOTE: CIVICPUB_TEST_DATABASE_URL is not set: the archive is imported into \
             SQLite; set it to a PostgreSQL URL to test SQLite → PostgreSQL"
        );
    }
    let target_dir = target_db.scratch_dir();
    let o = cli_on(
        &domain,
        &target_db,
        &target_dir,
        &["import", archive.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // A second import into the now full node is refused and changes nothing.
    let target_store = target_db.store().await.unwrap();
    let items_before = count(&target_store, "items").await;
    let o = cli_on(
        &domain,
        &target_db,
        &target_dir,
        &["import", archive.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not empty"));
    assert_eq!(count(&target_store, "items").await, items_before);
    // An archive of another domain is refused too.
    let other = TestDatabase::new().await.unwrap();
    let o = cli_on(
        "127.0.0.1:1",
        &other,
        &other.scratch_dir(),
        &["import", archive.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("same --domain"));

    // The target serves on the same domain what the source served.
    let target = Node::start_on(target_db, Some(port), &[]).await;
    let after = public_view(&target, &items).await;
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (path, body) in &before {
        assert_eq!(body, &after[path], "{path} differs after the import");
    }
    let hero_after = reqwest::get(target.url(&hero))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(hero_after, hero_before);
    // The document's two versions, the follower and the follow, the token.
    let doc_id: i64 = doc_id.parse().unwrap();
    assert_eq!(target.store.revisions(doc_id).await.unwrap().len(), 2);
    let city_after = target
        .store
        .actor_by_username("city")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(city_after.private_key_pem, city_actor.private_key_pem);
    assert_eq!(
        target.store.followers(city_after.id, true).await.unwrap()[0].follower_uri,
        alice
    );
    assert_eq!(
        target.store.following(city_after.id).await.unwrap()[0].target_uri,
        bob
    );
    let res = reqwest::Client::new()
        .get(target.url("/api/v1/following"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // What differs, and must: the database behind it, and the node's own
    // bookkeeping, which the archive leaves out (the change counter, the
    // deliveries already made, the remote-media cache). None of it shows in
    // the public JSON or pages compared above.
    assert_eq!(source_db.backend, civicpub_store::Backend::Sqlite);
    // A new item gets an id after the imported ones.
    let next = target.cli(&["news", "publish", "--title", "After the move"]);
    assert!(id_of(&next).parse::<i64>().unwrap() > doc_id);
    drop(source_store);
    let _ = std::fs::remove_file(&archive);
}
