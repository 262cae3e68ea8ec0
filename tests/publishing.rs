//! Publishing news, events and policy documents through the API and the CLI,
//! checked as ActivityPub JSON, pages, feeds and calendars, on the backend
//! under test.

mod common;

use axum::{body::Body, http::Request};
use common::{api, TestNode, AP, BROWSER, PNG};
use serde_json::{json, Value};

const DOMAIN: &str = "amsterdam.example";
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

async fn token(node: &TestNode, scopes: &[&str]) -> String {
    node.state
        .node
        .create_token("city", &scopes.join(","))
        .await
        .unwrap()
}

async fn upload(node: &TestNode, token: &str, content_type: &str, bytes: Vec<u8>) -> common::Reply {
    let req = Request::post("/api/v1/media")
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", content_type)
        .body(Body::from(bytes))
        .unwrap();
    node.send(req).await
}

fn path_of(url: &str) -> String {
    url::Url::parse(url).unwrap().path().to_string()
}

fn news_input(hero: &str) -> Value {
    json!({
        "texts": [
            { "lang": "en", "title": "Digital rights week", "summary": "A week about your rights online.", "body": "# Programme\n\nTalks **every day**." },
            { "lang": "nl", "title": "Week van de digitale rechten", "summary": "Een week over je rechten online.", "body": "Elke dag lezingen." },
            { "lang": "it", "title": "Settimana dei diritti digitali", "summary": "Una settimana sui diritti.", "body": "Conferenze ogni giorno." }
        ],
        "tags": ["digitalrights", "privacy"],
        "hero": { "media": hero, "alt": "People at a round table" }
    })
}

#[tokio::test]
async fn news_in_three_languages_through_the_api() {
    let node = TestNode::new(DOMAIN).await;
    let t = token(&node, &["read", "write"]).await;
    let hero = upload(&node, &t, "image/png", PNG.to_vec()).await;
    assert_eq!(hero.status, 201, "{}", hero.text());
    let hero_id = hero.json()["id"].as_str().unwrap().to_string();

    let r = api(
        &node,
        "POST",
        "/api/v1/news",
        &t,
        Some(news_input(&hero_id)),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let created = r.json();
    let url = created["url"].as_str().unwrap().to_string();
    assert_eq!(r.header("location"), url);
    assert_eq!(created["texts"][2]["lang"], "it");

    let o = node.get(&path_of(&url), Some(AP)).await;
    assert_eq!(o.status, 200);
    assert_eq!(o.header("content-type"), AP);
    let o = o.json();
    assert_eq!(o["id"], url, "id is the URL it is served from");
    assert_eq!(o["type"], "Article");
    assert_eq!(o["attributedTo"], "https://amsterdam.example/actors/city");
    assert_eq!(o["name"], "Digital rights week");
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        keys(&o["nameMap"]),
        ["en", "nl", "it"],
        "default language first"
    );
    assert_eq!(keys(&o["contentMap"]), ["en", "nl", "it"]);
    assert_eq!(keys(&o["summaryMap"]), ["en", "nl", "it"]);
    assert_eq!(o["nameMap"]["it"], "Settimana dei diritti digitali");
    assert_eq!(o["summary"], "<p>A week about your rights online.</p>");
    assert_eq!(
        o["content"],
        "<h1>Programme</h1>\n<p>Talks <strong>every day</strong>.</p>\n"
    );
    assert_eq!(o["mediaType"], "text/html");
    assert_eq!(
        o["url"][0],
        json!({ "type": "Link", "mediaType": "text/html", "href": url })
    );
    assert_eq!(
        o["to"],
        json!(["https://www.w3.org/ns/activitystreams#Public"])
    );
    assert_eq!(
        o["cc"],
        json!(["https://amsterdam.example/actors/city/followers"])
    );
    assert_eq!(
        o["tag"][0],
        json!({ "type": "Hashtag", "name": "#digitalrights", "href": "https://amsterdam.example/tags/digitalrights" })
    );
    assert_eq!(o["attachment"][0]["type"], "Image");
    assert_eq!(o["attachment"][0]["mediaType"], "image/png");
    assert_eq!(o["attachment"][0]["name"], "People at a round table");
    assert!(o["published"].as_str().unwrap().ends_with('Z'));
    assert!(o.get("updated").is_none());

    // The page picks the language from Accept-Language, or the switcher.
    let req = Request::get(path_of(&url))
        .header("accept", BROWSER)
        .header("accept-language", "it-IT,it;q=0.9,en;q=0.5")
        .body(Body::empty())
        .unwrap();
    let page = node.send(req).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("<html lang=\"it\">"), "{html}");
    assert!(html.contains("<h1>Settimana dei diritti digitali</h1>"));
    assert!(html.contains("<meta name=\"fediverse:creator\" content=\"@city@amsterdam.example\">"));
    assert!(
        html.contains("<meta property=\"og:title\" content=\"Settimana dei diritti digitali\">")
    );
    assert!(html.contains("alt=\"People at a round table\""));
    assert_eq!(html.matches("fediverse:creator").count(), 1);
    let nl = node
        .get(&format!("{}?lang=nl", path_of(&url)), Some(BROWSER))
        .await
        .text();
    assert!(nl.contains("<html lang=\"nl\">") && nl.contains("Week van de digitale rechten"));

    // Update: the object says when, and an Update is recorded after the Create.
    let mut changed = news_input(&hero_id);
    changed["texts"][0]["title"] = json!("Digital rights week 2026");
    let r = api(
        &node,
        "PUT",
        &format!("/api/v1/news/{}", created["id"]),
        &t,
        Some(changed),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let o = node.get(&path_of(&url), Some(AP)).await.json();
    assert_eq!(o["name"], "Digital rights week 2026");
    let time = |k: &str| chrono::DateTime::parse_from_rfc3339(o[k].as_str().unwrap()).unwrap();
    assert!(time("updated") >= time("published"));
    let actor = node.store.actor_by_username("city").await.unwrap().unwrap();
    let log = node.store.activities(actor.id, 10).await.unwrap();
    let kinds: Vec<String> = log
        .iter()
        .map(|(_, body)| {
            serde_json::from_str::<Value>(body).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(kinds, ["Update", "Create"]);
    let update: Value = serde_json::from_str(&log[0].1).unwrap();
    assert_eq!(update["object"]["id"], url);
    assert_eq!(update["actor"], "https://amsterdam.example/actors/city");

    // The outbox lists it as a Create with the object inline.
    let outbox = node.get("/actors/city/outbox", Some(AP)).await.json();
    assert_eq!(outbox["totalItems"], 1);
    let page = node
        .get("/actors/city/outbox?page=true", Some(AP))
        .await
        .json();
    assert_eq!(page["orderedItems"][0]["type"], "Create");
    assert_eq!(page["orderedItems"][0]["object"]["id"], url);
    let info = node.get("/nodeinfo/2.1", None).await.json();
    assert_eq!(info["usage"]["localPosts"], 1);

    // Pinned items are listed by URI in featured.
    let r = api(
        &node,
        "POST",
        &format!("/api/v1/news/{}/pin", created["id"]),
        &t,
        None,
    )
    .await;
    assert_eq!(r.status, 204);
    let featured = node.get("/actors/city/featured", Some(AP)).await.json();
    assert_eq!(featured["orderedItems"], json!([url]));

    // Delete: 410 with a Tombstone from then on, and the id is never reused.
    let r = api(
        &node,
        "DELETE",
        &format!("/api/v1/news/{}", created["id"]),
        &t,
        None,
    )
    .await;
    assert_eq!(r.status, 204);
    let gone = node.get(&path_of(&url), Some(AP)).await;
    assert_eq!(gone.status, 410);
    let tomb = gone.json();
    assert_eq!(tomb["type"], "Tombstone");
    assert_eq!(tomb["id"], url);
    assert_eq!(tomb["formerType"], "Article");
    assert_eq!(node.get(&path_of(&url), Some(BROWSER)).await.status, 410);
    assert_eq!(
        api(
            &node,
            "GET",
            &format!("/api/v1/news/{}", created["id"]),
            &t,
            None
        )
        .await
        .status,
        410
    );
    assert_eq!(
        node.get("/actors/city/featured", Some(AP)).await.json()["totalItems"],
        0
    );
    let again = api(
        &node,
        "POST",
        "/api/v1/news",
        &t,
        Some(news_input(&hero_id)),
    )
    .await
    .json();
    assert!(again["id"].as_i64().unwrap() > created["id"].as_i64().unwrap());
    let log = node.store.activities(actor.id, 10).await.unwrap();
    let delete: Value = serde_json::from_str(&log[1].1).unwrap();
    assert_eq!(delete["type"], "Delete");
    assert_eq!(delete["object"]["type"], "Tombstone");
}

fn event_input() -> Value {
    json!({
        "texts": [{ "lang": "en", "title": "Citizens' assembly", "summary": "Open to all residents." }],
        "tags": ["assembly"],
        "starts": "2026-12-01T16:00",
        "ends": "2026-12-01T17:30",
        "timezone": "Europe/Amsterdam",
        "place": { "name": "Town hall", "address": "Amstel 1, Amsterdam", "latitude": 52.3676, "longitude": 4.9041 },
        "online_url": "https://meet.amsterdam.example/assembly"
    })
}

#[tokio::test]
async fn events_carry_structured_fields_and_words() {
    let node = TestNode::new(DOMAIN).await;
    let t = token(&node, &["read", "write"]).await;
    let r = api(&node, "POST", "/api/v1/events", &t, Some(event_input())).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let o = node.get(&format!("/events/{id}"), Some(AP)).await.json();
    assert_eq!(o["type"], "Event");
    assert_eq!(o["startTime"], "2026-12-01T16:00:00+01:00");
    assert_eq!(o["endTime"], "2026-12-01T17:30:00+01:00");
    assert_eq!(o["timezone"], "Europe/Amsterdam");
    assert_eq!(o["location"]["type"], "Place");
    assert_eq!(o["location"]["name"], "Town hall");
    assert_eq!(
        o["location"]["address"]["streetAddress"],
        "Amstel 1, Amsterdam"
    );
    assert_eq!(o["location"]["latitude"], 52.3676);
    assert_eq!(o["ical:status"], "CONFIRMED");
    // Mastodon reads only the summary: date, time, zone and place are in words.
    let summary = o["summary"].as_str().unwrap();
    assert!(
        summary
            .contains("When: Tuesday 1 December 2026, 16:00–17:30 (Europe/Amsterdam, UTC+01:00)"),
        "{summary}"
    );
    assert!(
        summary.contains("Where: Town hall, Amstel 1, Amsterdam"),
        "{summary}"
    );
    assert!(
        summary.contains("Online: https://meet.amsterdam.example/assembly"),
        "{summary}"
    );
    assert_eq!(o["attachment"][0]["type"], "Link");

    // Cancelling is an update that says so.
    let mut cancelled = event_input();
    cancelled["status"] = json!("cancelled");
    let r = api(
        &node,
        "PUT",
        &format!("/api/v1/events/{id}"),
        &t,
        Some(cancelled),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let o = node.get(&format!("/events/{id}"), Some(AP)).await.json();
    assert_eq!(o["ical:status"], "CANCELLED");
    assert!(o["summary"]
        .as_str()
        .unwrap()
        .starts_with("<p>Cancelled.</p>"));

    let page = node
        .get(&format!("/events/{id}"), Some(BROWSER))
        .await
        .text();
    assert!(page.contains(&format!("/events/{id}/calendar.ics")));
    let list = node.get("/events", Some(BROWSER)).await.text();
    assert!(list.contains("<meta name=\"fediverse:creator\" content=\"@city@amsterdam.example\">"));
    assert!(list.contains("href=\"/feeds/events.ics\""));
    assert!(
        list.contains("Citizens&#39; assembly") || list.contains("Citizens' assembly"),
        "{list}"
    );

    // Delete through the API: gone for good, with a Tombstone of an Event.
    assert_eq!(
        api(&node, "DELETE", &format!("/api/v1/events/{id}"), &t, None)
            .await
            .status,
        204
    );
    let gone = node.get(&format!("/events/{id}"), Some(AP)).await;
    assert_eq!(gone.status, 410);
    assert_eq!(gone.json()["formerType"], "Event");
    assert_eq!(
        node.get(&format!("/events/{id}/calendar.ics"), None)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn documents_keep_their_revisions() {
    let node = TestNode::new(DOMAIN).await;
    let t = token(&node, &["read", "write"]).await;
    let pdf = upload(&node, &t, "application/pdf", PDF.to_vec()).await;
    assert_eq!(pdf.status, 201, "{}", pdf.text());
    let pdf = pdf.json();
    let input = json!({
        "texts": [{ "lang": "en", "title": "Digital rights charter", "summary": "What the city commits to." }],
        "files": [{ "media": pdf["id"], "name": "charter.pdf" }],
        "version": "1.0",
        "license": "CC-BY-4.0",
        "adopted_on": "2026-03-15"
    });
    let r = api(&node, "POST", "/api/v1/documents", &t, Some(input.clone())).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let o = node.get(&format!("/documents/{id}"), Some(AP)).await.json();
    assert_eq!(o["type"], "Article", "never a top-level Document");
    let file = &o["attachment"][0];
    assert_eq!(file["type"], "Document");
    assert_eq!(file["mediaType"], "application/pdf");
    assert_eq!(file["size"], PDF.len());
    assert_eq!(file["name"], "charter.pdf");
    let sha = pdf["id"].as_str().unwrap();
    assert_eq!(
        file["url"],
        format!("https://amsterdam.example/media/{sha}.pdf")
    );
    assert_eq!(
        file["digestMultibase"],
        civicpub_service::convert::item::digest_multibase(sha)
    );
    assert_eq!(o["version"], "1.0");
    assert_eq!(o["license"], "https://spdx.org/licenses/CC-BY-4.0.html");
    assert!(o["summary"]
        .as_str()
        .unwrap()
        .contains("Version 1.0 · CC-BY-4.0 · adopted 15 March 2026"));

    let mut v2 = input.clone();
    v2["version"] = json!("1.1");
    v2["texts"][0]["summary"] = json!("Revised after the consultation.");
    assert_eq!(
        api(
            &node,
            "PUT",
            &format!("/api/v1/documents/{id}"),
            &t,
            Some(v2)
        )
        .await
        .status,
        200
    );
    let revisions = node.store.revisions(id).await.unwrap();
    assert_eq!(revisions.len(), 2);
    let page = node
        .get(&format!("/documents/{id}"), Some(BROWSER))
        .await
        .text();
    assert!(page.contains(&format!(
        "<a href=\"/documents/{id}/versions/1\">Version 1.0</a>"
    )));
    assert!(page.contains(&format!(
        "<a href=\"/documents/{id}/versions/2\">Version 1.1</a>"
    )));
    let old = node
        .get(&format!("/documents/{id}/versions/1"), Some(BROWSER))
        .await;
    assert_eq!(old.status, 200);
    let old = old.text();
    assert!(old.contains("What the city commits to.") && !old.contains("Revised after"));
    assert_eq!(
        node.get(&format!("/documents/{id}/versions/9"), Some(BROWSER))
            .await
            .status,
        404
    );
    let media = node.get(&format!("/media/{sha}.pdf"), None).await;
    assert_eq!(media.header("content-type"), "application/pdf");
    assert_eq!(media.body, PDF);

    // Delete through the API: the document and its revisions are gone.
    assert_eq!(
        api(
            &node,
            "DELETE",
            &format!("/api/v1/documents/{id}"),
            &t,
            None
        )
        .await
        .status,
        204
    );
    assert_eq!(
        node.get(&format!("/documents/{id}"), Some(AP)).await.status,
        410
    );
    let old = node
        .get(&format!("/documents/{id}/versions/1"), Some(BROWSER))
        .await;
    assert_eq!(old.status, 410, "{}", old.text());
}

#[tokio::test]
async fn bad_input_is_refused_and_changes_nothing() {
    let node = TestNode::new(DOMAIN).await;
    let t = token(&node, &["read", "write"]).await;
    let read_only = token(&node, &["read"]).await;

    let mut e = event_input();
    e["ends"] = json!("2026-12-01T15:00");
    let r = api(&node, "POST", "/api/v1/events", &t, Some(e)).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["fields"]["ends"], "must be after the start");

    let mut e = event_input();
    e["timezone"] = json!("Europe/Atlantis");
    let r = api(&node, "POST", "/api/v1/events", &t, Some(e)).await;
    assert_eq!(r.status, 422);
    assert!(r.json()["fields"]["timezone"]
        .as_str()
        .unwrap()
        .contains("IANA"));

    let hero = upload(&node, &t, "image/png", PNG.to_vec()).await.json();
    let mut n = news_input(hero["id"].as_str().unwrap());
    n["hero"]["alt"] = json!("");
    let r = api(&node, "POST", "/api/v1/news", &t, Some(n)).await;
    assert_eq!(r.status, 422);
    assert!(r.json()["fields"]["hero_alt"]
        .as_str()
        .unwrap()
        .contains("alt text"));

    let r = api(
        &node,
        "POST",
        "/api/v1/news",
        &t,
        Some(json!({ "texts": [], "colour": "red" })),
    )
    .await;
    assert_eq!(r.status, 422, "unknown fields are refused: {}", r.text());
    let r = api(
        &node,
        "POST",
        "/api/v1/news",
        &t,
        Some(json!({ "texts": [] })),
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(r.json()["fields"]["texts"].is_string());
    let raw = Request::post("/api/v1/news")
        .header("authorization", format!("Bearer {t}"))
        .header("content-type", "application/json")
        .body(Body::from("{not json"))
        .unwrap();
    assert_eq!(node.send(raw).await.status, 400);

    // A PDF that claims to be a PNG, and a file over the limit.
    let liar = upload(&node, &t, "image/png", PDF.to_vec()).await;
    assert_eq!(liar.status, 422);
    assert!(liar.json()["fields"]["file"]
        .as_str()
        .unwrap()
        .contains("application/pdf"));
    let mut huge = PDF.to_vec();
    huge.resize(civicpub_service::media::UPLOAD_LIMIT as usize + 1, b' ');
    assert_eq!(upload(&node, &t, "application/pdf", huge).await.status, 413);

    assert_eq!(
        api(&node, "POST", "/api/v1/news", "cpub_wrong", Some(json!({})))
            .await
            .status,
        401
    );
    let r = api(
        &node,
        "POST",
        "/api/v1/events",
        &read_only,
        Some(event_input()),
    )
    .await;
    assert_eq!(r.status, 403);
    let anonymous = Request::get("/api/v1/news").body(Body::empty()).unwrap();
    let r = node.send(anonymous).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.header("www-authenticate"), "Bearer");

    assert_eq!(
        node.store.count_items(None).await.unwrap(),
        0,
        "nothing was stored"
    );
    let actor = node.store.actor_by_username("city").await.unwrap().unwrap();
    assert!(node
        .store
        .activities(actor.id, 10)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn feeds_and_calendars_read_by_independent_parsers() {
    let node = TestNode::new(DOMAIN).await;
    let t = token(&node, &["read", "write"]).await;
    let hero = upload(&node, &t, "image/png", PNG.to_vec()).await.json();
    api(
        &node,
        "POST",
        "/api/v1/news",
        &t,
        Some(news_input(hero["id"].as_str().unwrap())),
    )
    .await;
    let ev = api(&node, "POST", "/api/v1/events", &t, Some(event_input()))
        .await
        .json();
    let mut all_day = event_input();
    all_day["all_day"] = json!(true);
    all_day["starts"] = json!("2026-12-05");
    all_day["ends"] = json!("2026-12-06");
    all_day["texts"][0]["title"] = json!("Open days; museums, libraries");
    assert_eq!(
        api(&node, "POST", "/api/v1/events", &t, Some(all_day))
            .await
            .status,
        201
    );

    for (path, kind) in [("/feeds/news.rss", "rss"), ("/feeds/news.atom", "atom")] {
        let r = node.get(path, None).await;
        assert_eq!(r.status, 200);
        assert!(
            r.header("content-type").contains(kind),
            "{}",
            r.header("content-type")
        );
        let feed = feed_rs::parser::parse(&r.body[..]).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(feed.entries.len(), 1, "{path}");
        let entry = &feed.entries[0];
        assert_eq!(entry.title.as_ref().unwrap().content, "Digital rights week");
        assert_eq!(entry.links[0].href, format!("https://{DOMAIN}/news/1"));
        assert!(entry.published.is_some());
        assert_eq!(entry.categories.len(), 2);
    }
    let events_rss =
        feed_rs::parser::parse(&node.get("/feeds/events.rss", None).await.body[..]).unwrap();
    assert_eq!(events_rss.entries.len(), 2);

    let parse = |bytes: &[u8]| {
        let mut calendars: Vec<_> = ical::IcalParser::new(std::io::BufReader::new(bytes))
            .collect::<Result<_, _>>()
            .expect("valid iCalendar");
        assert_eq!(calendars.len(), 1);
        calendars.remove(0)
    };
    let prop = |props: &[ical::property::Property], name: &str| {
        props
            .iter()
            .find(|p| p.name == name)
            .cloned()
            .unwrap_or_else(|| panic!("no {name}"))
    };

    let one = node
        .get(&format!("/events/{}/calendar.ics", ev["id"]), None)
        .await;
    assert_eq!(one.status, 200);
    assert!(one.header("content-type").starts_with("text/calendar"));
    assert!(one.text().contains("\r\n"), "CRLF line endings");
    let cal = parse(&one.body);
    assert_eq!(cal.events.len(), 1);
    let e = &cal.events[0].properties;
    let start = prop(e, "DTSTART");
    assert_eq!(start.value.as_deref(), Some("20261201T160000"));
    assert_eq!(
        start.params.unwrap()[0],
        ("TZID".to_string(), vec!["Europe/Amsterdam".to_string()])
    );
    assert_eq!(
        prop(e, "SUMMARY").value.as_deref(),
        Some("Citizens' assembly")
    );
    assert_eq!(
        prop(e, "LOCATION").value.as_deref(),
        Some("Town hall\\, Amstel 1\\, Amsterdam")
    );
    assert_eq!(
        prop(e, "UID").value.unwrap(),
        format!("https://{DOMAIN}/events/{}", ev["id"])
    );
    assert_eq!(cal.timezones.len(), 1);
    assert_eq!(
        prop(&cal.timezones[0].properties, "TZID").value.as_deref(),
        Some("Europe/Amsterdam")
    );
    assert!(!cal.timezones[0].transitions.is_empty());

    let feed = parse(&node.get("/feeds/events.ics", None).await.body);
    assert_eq!(feed.events.len(), 2);
    let day = feed
        .events
        .iter()
        .find(|e| {
            prop(&e.properties, "SUMMARY")
                .value
                .unwrap()
                .starts_with("Open days")
        })
        .unwrap();
    let start = prop(&day.properties, "DTSTART");
    assert_eq!(start.value.as_deref(), Some("20261205"));
    assert_eq!(
        prop(&day.properties, "DTEND").value.as_deref(),
        Some("20261207"),
        "the day after the last"
    );
    assert_eq!(
        prop(&day.properties, "SUMMARY").value.as_deref(),
        Some("Open days\\; museums\\, libraries")
    );

    let tag = node.get("/tags/assembly", Some(BROWSER)).await;
    assert_eq!(tag.status, 200);
    assert!(tag.text().contains("Open days"));
}

#[tokio::test]
async fn openapi_describes_the_api() {
    let node = TestNode::new(DOMAIN).await;
    let doc = node.get("/api/v1/openapi.json", None).await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "/{kind}",
        "/{kind}/{id}",
        "/{kind}/{id}/pin",
        "/media",
        "/followers",
        "/following",
        "/deliveries",
        "/federation",
    ] {
        assert!(doc["paths"][path].is_object(), "{path}");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}

#[tokio::test]
async fn the_cli_publishes_updates_and_deletes_each_kind() {
    let node = TestNode::new(DOMAIN).await;
    let dir = node.db.scratch_dir();
    let body = dir.join("body.md");
    std::fs::write(&body, "Read **all** about it.").unwrap();
    let pdf = dir.join("charter.pdf");
    std::fs::write(&pdf, PDF).unwrap();
    let run = |args: &[&str]| node.cli(args);
    let ok = |o: std::process::Output| {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap().trim().to_string()
    };

    let news = ok(run(&[
        "news",
        "publish",
        "--actor",
        "city",
        "--title",
        "Budget 2027",
        "--summary",
        "Where the money goes",
        "--body-file",
        body.to_str().unwrap(),
        "--tag",
        "budget",
    ]));
    assert_eq!(news, format!("https://{DOMAIN}/news/1"));
    ok(run(&[
        "news",
        "update",
        "1",
        "--lang",
        "sq",
        "--title",
        "Buxheti 2027",
    ]));
    let o = node.get("/news/1", Some(AP)).await.json();
    assert_eq!(
        o["nameMap"],
        json!({ "en": "Budget 2027", "sq": "Buxheti 2027" })
    );
    assert_eq!(o["content"], "<p>Read <strong>all</strong> about it.</p>\n");

    let event = ok(run(&[
        "event",
        "publish",
        "--actor",
        "city",
        "--title",
        "Webinar",
        "--starts",
        "2026-12-01T16:00",
        "--ends",
        "2026-12-01T17:30",
        "--timezone",
        "Europe/Tirane",
        "--online-url",
        "https://meet.example/w",
    ]));
    assert_eq!(event, format!("https://{DOMAIN}/events/2"));
    assert_eq!(
        node.get("/events/2", Some(AP)).await.json()["startTime"],
        "2026-12-01T16:00:00+01:00"
    );
    ok(run(&["event", "update", "2", "--ends", "2026-12-01T18:00"]));
    assert_eq!(
        node.get("/events/2", Some(AP)).await.json()["endTime"],
        "2026-12-01T18:00:00+01:00"
    );

    let doc = ok(run(&[
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
        "--adopted",
        "2026-03-15",
    ]));
    assert_eq!(doc, format!("https://{DOMAIN}/documents/3"));
    ok(run(&["document", "update", "3", "--version", "2.0"]));
    assert_eq!(node.store.revisions(3).await.unwrap().len(), 2);

    ok(run(&["news", "delete", "1"]));
    ok(run(&["event", "delete", "2"]));
    assert_eq!(node.get("/events/2", Some(AP)).await.status, 410);
    assert_eq!(node.get("/news/1", Some(AP)).await.status, 410);

    // Bad input: a message, exit 2, and nothing stored.
    let before = node.store.count_items(None).await.unwrap();
    let o = run(&[
        "event",
        "publish",
        "--actor",
        "city",
        "--title",
        "Backwards",
        "--starts",
        "2026-12-01T16:00",
        "--ends",
        "2026-12-01T15:00",
        "--timezone",
        "Europe/Rome",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ends: must be after the start"));
    let fake = dir.join("fake.pdf");
    std::fs::write(&fake, PNG).unwrap();
    let o = run(&[
        "document",
        "publish",
        "--actor",
        "city",
        "--title",
        "Fake",
        "--file",
        fake.to_str().unwrap(),
        "--version",
        "1",
        "--license",
        "CC0-1.0",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("image/png"));
    let o = run(&["news", "publish", "--actor", "nobody", "--title", "X"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        run(&["news", "delete", "1"]).status.code(),
        Some(2),
        "already deleted"
    );
    assert_eq!(
        run(&["news", "update", "2"]).status.code(),
        Some(2),
        "item 2 is an event"
    );
    assert_eq!(node.store.count_items(None).await.unwrap(), before);

    let token = ok(run(&[
        "token", "create", "--actor", "city", "--scopes", "read",
    ]));
    assert!(token.starts_with("cpub_"));
    let r = api(&node, "GET", "/api/v1/documents", &token, None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        run(&[
            "token",
            "create",
            "--actor",
            "city",
            "--scopes",
            "superuser"
        ])
        .status
        .code(),
        Some(2)
    );
}
