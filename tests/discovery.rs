//! WebFinger, host-meta, NodeInfo, actor documents and profile pages, through the
//! router, on the backend under test.

mod common;

use civicpub_domain::MediaKind;
use civicpub_protocol::actor::Actor;
use civicpub_service::actors::ProfileInput;
use civicpub_service::media::{MediaInput, MediaUse};
use common::{TestNode, AP, BROWSER};

const DOMAIN: &str = "testville.example";

#[tokio::test]
async fn webfinger_round_trip_as_mastodon_does_it() {
    let node = TestNode::new(DOMAIN).await;
    let r = node
        .get(
            "/.well-known/webfinger?resource=acct:city@testville.example",
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.header("content-type").starts_with("application/jrd+json"));
    assert_eq!(r.header("access-control-allow-origin"), "*");
    let jrd = r.json();
    assert_eq!(jrd["subject"], "acct:city@testville.example");
    let parsed: civicpub_protocol::webfinger::Jrd = serde_json::from_value(jrd.clone()).unwrap();
    assert_eq!(serde_json::to_value(&parsed).unwrap(), jrd, "round trip");
    assert_eq!(
        parsed.actor_id(),
        Some("https://testville.example/actors/city")
    );
    let self_link = jrd["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["rel"] == "self")
        .expect("rel=self link");
    assert_eq!(self_link["type"], AP);
    let actor_id = self_link["href"].as_str().unwrap();
    assert_eq!(actor_id, "https://testville.example/actors/city");

    // Fetch the actor at the path WebFinger gave, and come back by its username.
    let path = url::Url::parse(actor_id).unwrap().path().to_string();
    let actor = node.get(&path, Some(AP)).await.json();
    assert_eq!(
        actor["id"], actor_id,
        "the document's id is the URL it was fetched from"
    );
    let username = actor["preferredUsername"].as_str().unwrap();
    let back = node
        .get(
            &format!("/.well-known/webfinger?resource=acct:{username}@{DOMAIN}"),
            None,
        )
        .await
        .json();
    assert_eq!(back["subject"], jrd["subject"]);

    // The actor URL is also a valid resource, and names the same account.
    let by_url = node
        .get(&format!("/.well-known/webfinger?resource={actor_id}"), None)
        .await;
    assert_eq!(by_url.status, 200);
    assert_eq!(by_url.json()["subject"], "acct:city@testville.example");
    // Mastodon may send a capitalised or @-prefixed handle.
    let caps = node
        .get(
            "/.well-known/webfinger?resource=acct:City@testville.example",
            None,
        )
        .await;
    assert_eq!(caps.status, 200);
}

#[tokio::test]
async fn webfinger_refuses_malformed_and_unknown_resources() {
    let node = TestNode::new(DOMAIN).await;
    for (query, status) in [
        ("", 400),
        ("?resource=", 400),
        ("?resource=acct:", 400),
        ("?resource=acct:city", 400),
        ("?resource=acct:@testville.example", 400),
        ("?resource=acct:ci%20ty@testville.example", 400),
        ("?resource=http://%zz", 400),
        ("?resource=acct:nobody@testville.example", 404),
        ("?resource=acct:city@elsewhere.example", 404),
        ("?resource=https://elsewhere.example/actors/city", 404),
        ("?resource=https://testville.example/actors/nobody", 404),
    ] {
        let r = node
            .get(&format!("/.well-known/webfinger{query}"), None)
            .await;
        assert_eq!(r.status, status, "{query}: {}", r.text());
        let reason = r.json()["error"].as_str().unwrap_or("").to_string();
        assert!(!reason.is_empty(), "{query}: no reason given");
    }
}

#[tokio::test]
async fn actor_document_carries_what_mastodon_reads() {
    let node = TestNode::new(DOMAIN).await;
    let r = node.get("/actors/city", Some(AP)).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), AP);
    assert_eq!(r.header("vary"), "Accept");
    let doc = r.json();
    let base = "https://testville.example/actors/city";
    let ctx = doc["@context"].as_array().unwrap();
    assert_eq!(ctx[0], "https://www.w3.org/ns/activitystreams");
    assert_eq!(ctx[1], "https://w3id.org/security/v1");
    assert_eq!(doc["type"], "Organization");
    assert_eq!(doc["preferredUsername"], "city");
    assert_eq!(doc["name"], "City of Testville");
    for (field, suffix) in [
        ("inbox", "/inbox"),
        ("outbox", "/outbox"),
        ("followers", "/followers"),
        ("following", "/following"),
        ("featured", "/featured"),
    ] {
        assert_eq!(doc[field], format!("{base}{suffix}"), "{field}");
    }
    assert_eq!(
        doc["endpoints"]["sharedInbox"],
        "https://testville.example/inbox"
    );
    assert_eq!(doc["url"], base);
    assert_eq!(doc["publicKey"]["id"], format!("{base}#main-key"));
    assert_eq!(doc["publicKey"]["owner"], base);
    let pem = doc["publicKey"]["publicKeyPem"].as_str().unwrap();
    use rsa::pkcs8::DecodePublicKey;
    let key = rsa::RsaPublicKey::from_public_key_pem(pem).expect("a valid SPKI PEM key");
    assert_eq!(rsa::traits::PublicKeyParts::size(&key), 256, "RSA-2048");
    assert_eq!(doc["manuallyApprovesFollowers"], false);
    assert_eq!(doc["discoverable"], true);
    assert_eq!(doc["indexable"], true);
    assert_eq!(
        doc["attributionDomains"],
        serde_json::json!(["testville.example"])
    );
    assert!(doc["published"].as_str().unwrap().ends_with('Z'));

    // Our own wire type reads it back, the checks Mastodon makes pass, and
    // serialising it again gives the very same document.
    let parsed: Actor = serde_json::from_value(doc.clone()).unwrap();
    parsed.check().unwrap();
    assert_eq!(serde_json::to_value(&parsed).unwrap(), doc);
}

#[tokio::test]
async fn profile_fields_and_icon_appear_in_the_document_and_are_served() {
    let node = TestNode::new(DOMAIN).await;
    let media = node
        .state
        .node
        .upload(common::PNG, Some(MediaKind::Png), MediaUse::Icon)
        .await
        .unwrap();
    // The profile changes through the service, which drops the cached document.
    node.state
        .node
        .update_profile(
            "city",
            ProfileInput {
                summary: Some("The city's <official> news.\n\nSecond paragraph.".into()),
                website: Some("https://www.testville.example/".into()),
                contact: Some("press@testville.example".into()),
                icon: Some((
                    MediaInput::Stored(media.sha256.clone()),
                    "The city's coat of arms".into(),
                )),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let doc = node.get("/actors/city", Some(AP)).await.json();
    assert_eq!(
        doc["summary"],
        "<p>The city&#39;s &lt;official&gt; news.</p><p>Second paragraph.</p>"
    );
    let fields: Vec<(&str, &str)> = doc["attachment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert_eq!(f["type"], "PropertyValue");
            (f["name"].as_str().unwrap(), f["value"].as_str().unwrap())
        })
        .collect();
    assert_eq!(fields[0].0, "Website");
    assert!(fields[0]
        .1
        .contains("href=\"https://www.testville.example/\""));
    assert!(fields[0]
        .1
        .contains("rel=\"nofollow noopener noreferrer me\""));
    assert_eq!(
        fields[1],
        (
            "Contact",
            "<a href=\"mailto:press@testville.example\">press@testville.example</a>"
        )
    );
    assert_eq!(
        doc["attributionDomains"],
        serde_json::json!(["testville.example", "www.testville.example"])
    );
    assert_eq!(doc["icon"]["type"], "Image");
    assert_eq!(doc["icon"]["mediaType"], "image/png");
    assert_eq!(doc["icon"]["name"], "The city's coat of arms");
    let icon_url = doc["icon"]["url"].as_str().unwrap();
    assert_eq!(
        icon_url,
        format!("https://testville.example/media/{}.png", media.sha256)
    );

    let path = url::Url::parse(icon_url).unwrap().path().to_string();
    let r = node.get(&path, None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), "image/png");
    assert_eq!(
        r.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(r.body, common::PNG);
    let etag = r.header("etag").to_string();
    let req = axum::http::Request::get(&path)
        .header("if-none-match", etag)
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(node.send(req).await.status, 304);
    assert_eq!(
        node.get(&path.replace(".png", ".gif"), None).await.status,
        404
    );
    assert_eq!(node.get("/media/nothing.png", None).await.status, 404);
}

#[tokio::test]
async fn content_negotiation_on_the_actor_url() {
    let node = TestNode::new(DOMAIN).await;
    let ld = "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";
    let r = node.get("/actors/city", Some(ld)).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), AP);
    assert_eq!(r.json()["type"], "Organization");

    let page = node.get("/actors/city", Some(BROWSER)).await;
    assert_eq!(page.status, 200);
    assert!(page.header("content-type").starts_with("text/html"));
    let html = page.text();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains(
        "<link rel=\"alternate\" type=\"application/activity+json\" href=\"https://testville.example/actors/city\">"
    ));
    assert!(html.contains("<meta name=\"fediverse:creator\" content=\"@city@testville.example\">"));
    assert!(html.contains("<meta property=\"og:title\" content=\"City of Testville\">"));
    assert!(html.contains("<main id=\"main\""));
    assert!(html.contains("@city@testville.example"));
    assert!(!html.contains("<script"), "pages work without JavaScript");
    assert!(page
        .header("content-security-policy")
        .contains("default-src 'none'"));

    for accept in ["image/png", "application/activity+json;q=0", "text/plain"] {
        let r = node.get("/actors/city", Some(accept)).await;
        assert_eq!(r.status, 406, "{accept}");
        assert!(r.json()["error"]
            .as_str()
            .unwrap()
            .contains("application/activity+json"));
    }

    // Servers get the reason as JSON, browsers a page.
    let r = node.get("/actors/nobody", Some(AP)).await;
    assert_eq!(r.status, 404);
    assert!(r.json()["error"].as_str().unwrap().contains("nobody"));
    let r = node.get("/actors/nobody", Some(BROWSER)).await;
    assert_eq!(r.status, 404);
    assert!(r.header("content-type").starts_with("text/html"));
    // The instance actor is not a publishing actor and has no profile of its own.
    assert_eq!(
        node.get("/actors/instance.actor", Some(AP)).await.status,
        404
    );
}

#[tokio::test]
async fn instance_actor_is_served_and_discoverable_by_webfinger() {
    let node = TestNode::new(DOMAIN).await;
    let r = node.get("/actor", Some(AP)).await;
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert_eq!(doc["id"], "https://testville.example/actor");
    assert_eq!(doc["type"], "Application");
    assert_eq!(doc["publicKey"]["owner"], "https://testville.example/actor");
    assert_eq!(doc["discoverable"], false);
    assert_eq!(doc["manuallyApprovesFollowers"], true);
    let parsed: Actor = serde_json::from_value(doc).unwrap();
    parsed.check().unwrap();
    for resource in [
        "acct:instance.actor@testville.example",
        "https://testville.example/actor",
        "https://testville.example/",
    ] {
        let r = node
            .get(&format!("/.well-known/webfinger?resource={resource}"), None)
            .await;
        assert_eq!(r.status, 200, "{resource}");
        assert_eq!(
            r.json()["links"][0]["href"],
            "https://testville.example/actor"
        );
    }
    // The instance actor has no publishing-actor URL, even with its document cached.
    assert_eq!(
        node.get("/actors/instance.actor", Some(AP)).await.status,
        404
    );
    // A browser is sent to the home page.
    let r = node.get("/actor", Some(BROWSER)).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), "/");
}

#[tokio::test]
async fn collections_exist_with_their_counts() {
    let node = TestNode::new(DOMAIN).await;
    for name in ["outbox", "followers", "following", "featured"] {
        let r = node.get(&format!("/actors/city/{name}"), Some(AP)).await;
        assert_eq!(r.status, 200, "{name}");
        assert_eq!(r.header("content-type"), AP);
        let c = r.json();
        assert_eq!(
            c["id"],
            format!("https://testville.example/actors/city/{name}")
        );
        assert_eq!(c["type"], "OrderedCollection");
        assert_eq!(c["totalItems"], 0);
        let parsed: civicpub_protocol::collection::Collection<serde_json::Value> =
            serde_json::from_value(c).unwrap();
        if name == "outbox" {
            // The outbox is paged; its first page is empty on a new node.
            let first = parsed.first.unwrap();
            assert_eq!(
                first.id().as_str(),
                "https://testville.example/actors/city/outbox?page=true"
            );
            let page = node
                .get("/actors/city/outbox?page=true", Some(AP))
                .await
                .json();
            assert_eq!(page["type"], "OrderedCollectionPage");
            assert_eq!(page["orderedItems"], serde_json::json!([]));
        } else if name == "followers" {
            // Counted, but who follows is not listed unless the node allows it.
            assert!(parsed.ordered_items.is_none());
        } else {
            assert_eq!(parsed.ordered_items.unwrap().len(), 0);
        }
    }
    assert_eq!(node.get("/actors/city/likes", Some(AP)).await.status, 404);
    assert_eq!(
        node.get("/actors/nobody/outbox", Some(AP)).await.status,
        404
    );
    let r = node.get("/actors/city/outbox", Some(BROWSER)).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), "/actors/city");
}

#[tokio::test]
async fn nodeinfo_describes_the_node() {
    let node = TestNode::new(DOMAIN).await;
    let links = node.get("/.well-known/nodeinfo", None).await;
    assert_eq!(links.status, 200);
    let links = links.json();
    assert_eq!(
        links["links"][0]["rel"],
        "http://nodeinfo.diaspora.software/ns/schema/2.1"
    );
    assert_eq!(
        links["links"][0]["href"],
        "https://testville.example/nodeinfo/2.1"
    );

    let r = node.get("/nodeinfo/2.1", None).await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        "application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/2.1#\""
    );
    let info = r.json();
    assert_eq!(info["version"], "2.1");
    assert_eq!(info["software"]["name"], "civicpub");
    assert_eq!(info["software"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["protocols"], serde_json::json!(["activitypub"]));
    assert_eq!(info["openRegistrations"], false);
    assert_eq!(
        info["usage"]["users"]["total"], 1,
        "the city actor, not the instance actor"
    );
    assert_eq!(info["usage"]["localPosts"], 0);
    assert_eq!(info["metadata"]["nodeName"], "City of Testville");
    let parsed: civicpub_protocol::nodeinfo::NodeInfo =
        serde_json::from_value(info.clone()).unwrap();
    assert_eq!(serde_json::to_value(&parsed).unwrap(), info, "round trip");

    node.state
        .node
        .create_actor(
            "news",
            ProfileInput {
                name: Some("News".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let info = node.get("/nodeinfo/2.1", None).await.json();
    assert_eq!(info["usage"]["users"]["total"], 2);
}

#[tokio::test]
async fn host_meta_points_at_webfinger() {
    let node = TestNode::new(DOMAIN).await;
    let r = node.get("/.well-known/host-meta", None).await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with("application/xrd+xml"));
    assert!(r.text().contains(
        "<Link rel=\"lrdd\" template=\"https://testville.example/.well-known/webfinger?resource={uri}\"/>"
    ));
    let j = node.get("/.well-known/host-meta.json", None).await.json();
    assert_eq!(
        j["links"][0]["template"],
        "https://testville.example/.well-known/webfinger?resource={uri}"
    );
}

#[tokio::test]
async fn home_page_lists_the_actors_and_unknown_pages_are_404() {
    let node = TestNode::new(DOMAIN).await;
    let r = node.get("/", Some(BROWSER)).await;
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(html.contains("<a href=\"/actors/city\">City of Testville</a>"));
    assert!(html.contains("@city@testville.example"));
    assert!(html.contains("href=\"#main\""), "skip link");
    assert!(html.contains("<meta name=\"fediverse:creator\" content=\"@city@testville.example\">"));
    assert!(html.contains("<meta property=\"og:title\" content=\"City of Testville\">"));
    let css = node.get("/static/civicpub.css", None).await;
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").starts_with("text/css"));
    let missing = node.get("/no/such/page", Some(BROWSER)).await;
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("Page not found"));
}

#[tokio::test]
async fn setup_is_idempotent_and_keeps_keys() {
    let node = TestNode::new(DOMAIN).await;
    let before = node.store.actor_by_username("city").await.unwrap().unwrap();
    // A second start on the same database changes nothing.
    let again = civicpub::node::open(&node.config).await.unwrap();
    let after = again.actor_by_username("city").await.unwrap().unwrap();
    assert_eq!(before, after);
    assert_eq!(again.count_publishing_actors().await.unwrap(), 1);
    let instance = again.instance_actor().await.unwrap().unwrap();
    assert_ne!(instance.public_key_pem, after.public_key_pem);
}
