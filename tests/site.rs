//! The public site: pages in the reader's language (and nothing English on a
//! French node), the pages a city writes and its branding through the CLI and
//! the API, error pages for browsers, robots.txt and the sitemap, and pages
//! kept until the data changes, with their validators.

mod common;

use civicpub::config::Options;
use civicpub_domain::ItemKind;
use civicpub_service::items::{ItemInput, PlaceInput, TextInput};
use common::{api, TestNode, AP, BROWSER, PNG};
use serde_json::{json, Value};

/// A node whose language is French, and whose city is called "Ville de Lyon".
async fn french_node() -> TestNode {
    let node = TestNode::from_options(Options {
        domain: Some("lyon.example".into()),
        language: Some("fr".into()),
        ..Default::default()
    })
    .await;
    let out = node.cli(&["actor", "update", "city", "--name", "Ville de Lyon"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    node
}

/// A French event with a place, coordinates and an online link.
fn assemblee() -> ItemInput {
    ItemInput {
        texts: vec![TextInput {
            lang: "fr".into(),
            title: "Assemblée de quartier".into(),
            summary: "Venez discuter des projets du quartier.".into(),
            body: "Une réunion **ouverte à tous** à la mairie du 1er arrondissement.".into(),
        }],
        tags: vec!["quartier".into()],
        starts: Some("2036-12-02T18:00".into()),
        ends: Some("2036-12-02T20:00".into()),
        timezone: Some("Europe/Paris".into()),
        place: Some(PlaceInput {
            name: "Mairie du 1er".into(),
            address: Some("2 place Sathonay, 69001 Lyon".into()),
            latitude: Some(45.7676),
            longitude: Some(4.8320),
        }),
        online_url: Some("https://visio.lyon.example/assemblee".into()),
        ..Default::default()
    }
}

/// Words the pages, feeds and calendars said in English before they spoke the
/// node's language (the old templates' words, and the lines written into
/// summaries). Words French writes the same ("Documents", "Version",
/// "Contact", "Date", "licence") are left out; "English" is the language menu's own name
/// for English.
const ENGLISH: &[&str] = &[
    "Skip to content",
    "News",
    "Events",
    "Network",
    "Home",
    "By",
    "published",
    "updated",
    "Published",
    "Files",
    "Version history",
    "Add to your calendar",
    "Add to calendar",
    "Subscribe",
    "Upcoming",
    "Past",
    "Nothing here yet",
    "Published with civicpub",
    "free software",
    "sets no cookies",
    "When",
    "Where",
    "Online",
    "Join online",
    "Cancelled",
    "Postponed",
    "adopted",
    "all day",
    "Follow",
    "Search",
    "Words",
    "City",
    "Kind",
    "Tag",
    "Language",
    "Show",
    "Older items",
    "Read it on",
    "Attachments",
    "shared by",
    "Open in OpenStreetMap",
    "Map",
    "Tags",
    "Languages",
    "Page",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Policy",
    "from",
    "to",
    "the",
    "and",
    "of",
    "in",
    "at",
];

/// The English words of `ENGLISH` found, as whole words, in `text`.
fn english_in(text: &str) -> Vec<&'static str> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = format!(" {} ", words.join(" "));
    ENGLISH
        .iter()
        .filter(|e| joined.contains(&format!(" {e} ")))
        .copied()
        .collect()
}

/// What a person reads on a page: its text, and the words that screen readers
/// and browsers show from attributes (labels, alternatives, titles).
fn readable(html: &str) -> String {
    let mut out = String::new();
    for attr in ["aria-label=\"", "alt=\"", "title=\"", "placeholder=\""] {
        for part in html.split(attr).skip(1) {
            out.push_str(part.split('"').next().unwrap_or(""));
            out.push('\n');
        }
    }
    let body = html.split("<body>").nth(1).unwrap_or(html);
    let title = html
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap_or("");
    out.push_str(title);
    out.push('\n');
    out.push_str(&civicpub_domain::plain_text(body));
    // The language menu names every language in its own language.
    out.replace("English", "")
}

#[tokio::test]
async fn a_french_node_says_nothing_in_english() {
    let node = french_node().await;
    let city = node.state.node.publishing_actor("city").await.unwrap();
    let item = node
        .state
        .node
        .publish(&city, ItemKind::Event, assemblee())
        .await
        .unwrap();
    let path = item.path();

    // The event's page, for a browser that says nothing of its languages.
    let page = node.get(&path, Some(BROWSER)).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    let text = readable(&html);
    assert_eq!(english_in(&text), Vec::<&str>::new(), "{text}");
    // It says when and where in French, with its links.
    assert!(
        text.contains("mardi 2 décembre 2036, de 18:00 à 20:00"),
        "{text}"
    );
    assert!(text.contains("Quand"), "{text}");
    assert!(
        html.contains("href=\"https://visio.lyon.example/assemblee\""),
        "{html}"
    );
    assert!(
        html.contains("https://www.openstreetmap.org/?mlat=45.76760&#38;mlon=4.83200"),
        "{html}"
    );
    assert!(
        html.contains(&format!("href=\"{path}/calendar.ics\"")),
        "{html}"
    );

    // Its ActivityPub summary and content in French.
    let object = node.get(&path, Some(AP)).await.json();
    for field in ["summaryMap", "contentMap"] {
        let fr = object[field]["fr"].as_str().unwrap();
        let words = english_in(&civicpub_domain::plain_text(fr));
        assert_eq!(words, Vec::<&str>::new(), "{field}: {fr}");
    }
    let summary = object["summaryMap"]["fr"].as_str().unwrap();
    assert!(
        summary.contains(
            "Quand\u{a0}: mardi 2 décembre 2036, de 18:00 à 20:00 (Europe/Paris, UTC+01:00)"
        ),
        "{summary}"
    );
    assert!(
        summary.contains("Où\u{a0}: Mairie du 1er, 2 place Sathonay, 69001 Lyon"),
        "{summary}"
    );
    assert_eq!(object["attachment"][0]["name"], "En ligne");

    // The RSS feed.
    let rss = node.get("/feeds/events.rss", None).await.text();
    assert!(rss.contains("<language>fr</language>"), "{rss}");
    assert_eq!(
        english_in(&civicpub_domain::plain_text(&rss)),
        Vec::<&str>::new(),
        "{rss}"
    );

    // The event's calendar file: what calendar apps show.
    let ics = node.get(&format!("{path}/calendar.ics"), None).await.text();
    let shown: String = ics
        .lines()
        .filter(|l| {
            ["X-WR-CALNAME", "SUMMARY", "DESCRIPTION", "LOCATION"]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(shown.contains("Ville de Lyon – événements"), "{ics}");
    assert_eq!(english_in(&shown), Vec::<&str>::new(), "{shown}");
}

#[tokio::test]
async fn the_page_s_language_comes_from_the_url_then_the_browser_then_the_node() {
    let node = TestNode::new("testville.example").await;
    let get_with = |path: &'static str, accept_language: Option<&'static str>| {
        let node = &node;
        async move {
            let mut req = axum::http::Request::get(path).header("accept", BROWSER);
            if let Some(l) = accept_language {
                req = req.header("accept-language", l);
            }
            node.send(req.body(axum::body::Body::empty()).unwrap())
                .await
                .text()
        }
    };
    let default = get_with("/", None).await;
    assert!(default.contains("<html lang=\"en\">") && default.contains(">News</a>"));
    let german = get_with("/", Some("de-AT,de;q=0.9,en;q=0.5")).await;
    assert!(
        german.contains("<html lang=\"de\">") && german.contains(">Aktuelles</a>"),
        "{german}"
    );
    // The URL wins, and the links keep it.
    let italian = get_with("/?lang=it", Some("de")).await;
    assert!(italian.contains("<html lang=\"it\">"), "{italian}");
    assert!(italian.contains("href=\"/news?lang=it\""), "{italian}");
    assert!(italian.contains("href=\"/network?lang=it\""), "{italian}");
    // The browser's choice is not carried in links: no cookie, no stickiness.
    assert!(german.contains("href=\"/news\""), "{german}");
    // Every language is offered, each in its own name.
    assert!(default.contains("href=\"/?lang=sq\" lang=\"sq\" hreflang=\"sq\">Shqip</a>"));
}

#[tokio::test]
async fn pages_a_city_writes_through_the_cli_and_the_api() {
    let node = TestNode::new("testville.example").await;
    // As `serve` does: read the change counter that other processes move.
    tokio::spawn(
        node.state
            .node
            .clone()
            .watch_changes(std::time::Duration::from_millis(50)),
    );
    // Not written yet: no page, and no link to it.
    assert_eq!(node.get("/about", Some(BROWSER)).await.status, 404);
    assert!(!node
        .get("/", Some(BROWSER))
        .await
        .text()
        .contains("href=\"/about\""));

    let dir = node.config.data_dir.clone();
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("about.md");
    std::fs::write(
        &file,
        "We are **Testville**.\n\n## Our council\n\nTwelve members.",
    )
    .unwrap();
    let out = node.cli(&[
        "site",
        "set-page",
        "about",
        "--lang",
        "en",
        "--file",
        file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bad = node.cli(&[
        "site",
        "set-page",
        "imprint",
        "--lang",
        "en",
        "--file",
        file.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let bad = node.cli(&[
        "site",
        "set-page",
        "about",
        "--lang",
        "English",
        "--file",
        file.to_str().unwrap(),
    ]);
    assert_eq!(
        bad.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );

    // The CLI is another process: this one sees the change within a moment.
    let page = wait_for(&node, "/about", "Twelve members").await;
    assert!(page.contains("<h1>About</h1>"), "{page}");
    assert!(page.contains("<strong>Testville</strong>"), "{page}");
    assert!(node
        .get("/", Some(BROWSER))
        .await
        .text()
        .contains("href=\"/about\""));

    // The API writes the French text; a French reader gets it, others English.
    let token = node
        .state
        .node
        .create_token("city", "read,write,admin")
        .await
        .unwrap();
    let r = api(
        &node,
        "PUT",
        "/api/v1/site/pages/about/fr",
        &token,
        Some(json!({ "markdown": "Nous sommes **Testville**." })),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["lang"], "fr");
    let fr = node.get("/about?lang=fr", Some(BROWSER)).await.text();
    assert!(
        fr.contains("<h1>À propos</h1>") && fr.contains("Nous sommes"),
        "{fr}"
    );
    // A page in a language it is not written in shows the node's language, marked as such.
    let de = node.get("/about?lang=de", Some(BROWSER)).await.text();
    assert!(
        de.contains("<h1>Über uns</h1>") && de.contains("<div class=\"prose\" lang=\"en\">"),
        "{de}"
    );

    let write_only = node
        .state
        .node
        .create_token("city", "read,write")
        .await
        .unwrap();
    let r = api(
        &node,
        "PUT",
        "/api/v1/site/pages/about/fr",
        &write_only,
        Some(json!({ "markdown": "x" })),
    )
    .await;
    assert_eq!(r.status, 403, "changing the site takes the admin scope");
    let r = api(
        &node,
        "PUT",
        "/api/v1/site/pages/about/fr",
        &token,
        Some(json!({ "markdown": "  " })),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.json()["fields"]["body"].is_string());
    let r = api(&node, "GET", "/api/v1/site", &token, None).await;
    assert_eq!(
        r.json()["pages"].as_array().unwrap().len(),
        2,
        "{}",
        r.text()
    );
    let r = api(&node, "DELETE", "/api/v1/site/pages/about/fr", &token, None).await;
    assert_eq!(r.status, 204);
    let r = api(&node, "DELETE", "/api/v1/site/pages/about/fr", &token, None).await;
    assert_eq!(r.status, 404);
}

/// The page at `path` once it contains `needle` (changes by other processes
/// reach this one when it next reads the change counter).
async fn wait_for(node: &TestNode, path: &str, needle: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let page = node.get(path, Some(BROWSER)).await.text();
        if page.contains(needle) || std::time::Instant::now() > deadline {
            return page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn branding_keeps_its_contrast() {
    let node = TestNode::new("testville.example").await;
    let token = node
        .state
        .node
        .create_token("city", "read,write,admin")
        .await
        .unwrap();
    // Yellow under white text fails AA: refused, nothing changes.
    let r = api(
        &node,
        "PUT",
        "/api/v1/site/branding",
        &token,
        Some(json!({ "accent_color": "#ffcc00" })),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.text());
    let why = r.json()["fields"]["accent_color"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(why.contains("4.5:1"), "{why}");
    let out = node.cli(&["site", "branding", "--accent-color", "#9cf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("contrast"));

    // A logo needs its text alternative.
    let upload = node
        .send(
            axum::http::Request::post("/api/v1/media")
                .header("authorization", format!("Bearer {token}"))
                .header("content-type", "image/png")
                .body(axum::body::Body::from(PNG.to_vec()))
                .unwrap(),
        )
        .await;
    let media = upload.json()["id"].as_str().unwrap().to_string();
    let r = api(
        &node,
        "PUT",
        "/api/v1/site/branding",
        &token,
        Some(json!({ "logo": media })),
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(r.json()["fields"]["logo_alt"].is_string());

    let r = api(
        &node,
        "PUT",
        "/api/v1/site/branding",
        &token,
        Some(json!({ "logo": media, "logo_alt": "Testville", "accent_color": "#8A1C2B" })),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["accent_color"], "#8a1c2b");
    let home = node.get("/", Some(BROWSER)).await.text();
    assert!(home.contains("class=\"brand-logo\""), "{home}");
    assert!(home.contains("alt=\"Testville\""), "{home}");
    let css_link = home
        .split("<link rel=\"stylesheet\" href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let css = node.get(&css_link, None).await;
    assert!(css.text().contains("--accent: #8a1c2b;"));
    assert!(css.header("cache-control").contains("immutable"));
    // null goes back to the default.
    let r = api(
        &node,
        "PUT",
        "/api/v1/site/branding",
        &token,
        Some(json!({ "accent_color": null })),
    )
    .await;
    assert_eq!(r.json()["accent_color"], Value::Null);
    assert!(r.json()["logo"]["alt"] == "Testville", "the logo stays");
}

#[tokio::test]
async fn browsers_get_error_pages_and_clients_json() {
    let node = TestNode::new("testville.example").await;
    for path in [
        "/no-such-page",
        "/news/999999",
        "/actors/nobody",
        "/network/items/999999",
    ] {
        let page = node.get(path, Some(BROWSER)).await;
        assert_eq!(page.status, 404, "{path}");
        assert!(
            page.header("content-type").starts_with("text/html"),
            "{path}"
        );
        assert!(page.text().contains("Page not found"), "{path}");
        let json = node.get(path, Some(AP)).await;
        assert_eq!(json.status, 404, "{path}");
        assert!(
            json.header("content-type").starts_with("application/json"),
            "{path}"
        );
    }
    let fr = node
        .get("/no-such-page?lang=fr", Some(BROWSER))
        .await
        .text();
    assert!(
        fr.contains("Page introuvable") || fr.contains("introuvable"),
        "{fr}"
    );
    // The API answers JSON even to a browser.
    let api_missing = node
        .get("/api/v1/network/items/999999", Some(BROWSER))
        .await;
    assert!(api_missing
        .header("content-type")
        .starts_with("application/json"));

    // A deleted item: 410, a page for people and a Tombstone for servers.
    let city = node.state.node.publishing_actor("city").await.unwrap();
    let item = node
        .state
        .node
        .publish(&city, ItemKind::News, common::news("Gone soon"))
        .await
        .unwrap();
    node.state
        .node
        .delete_item(&city, ItemKind::News, item.id)
        .await
        .unwrap();
    let gone = node.get(&item.path(), Some(BROWSER)).await;
    assert_eq!(gone.status, 410);
    assert!(gone.header("content-type").starts_with("text/html"));
    assert!(gone.text().contains("This was deleted"));
    assert_eq!(
        node.get(&item.path(), Some(AP)).await.json()["type"],
        "Tombstone"
    );

    // A bad filter is said on the form, in the page's language.
    let bad = node
        .get("/network?from=tomorrow&lang=fr", Some(BROWSER))
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.text().contains("n’est pas une date"), "{}", bad.text());
}

#[tokio::test]
async fn robots_and_the_sitemap() {
    let node = TestNode::new("testville.example").await;
    let city = node.state.node.publishing_actor("city").await.unwrap();
    let item = node
        .state
        .node
        .publish(&city, ItemKind::News, common::news("Mapped"))
        .await
        .unwrap();
    let robots = node.get("/robots.txt", None).await.text();
    assert!(robots.contains("Disallow: /api/"), "{robots}");
    assert!(
        robots.contains("Sitemap: https://testville.example/sitemap.xml"),
        "{robots}"
    );
    let sitemap = node.get("/sitemap.xml", None).await;
    assert!(sitemap
        .header("content-type")
        .starts_with("application/xml"));
    let xml = sitemap.text();
    assert!(
        xml.contains(&format!(
            "<loc>https://testville.example{}</loc>",
            item.path()
        )),
        "{xml}"
    );
    assert!(
        xml.contains("<loc>https://testville.example/actors/city</loc>"),
        "{xml}"
    );
}

#[tokio::test]
async fn pages_are_kept_until_the_data_changes_and_say_so() {
    let node = TestNode::new("testville.example").await;
    let city = node.state.node.publishing_actor("city").await.unwrap();
    let first = node
        .state
        .node
        .publish(&city, ItemKind::News, common::news("First"))
        .await
        .unwrap();
    let home = node.get("/", Some(BROWSER)).await;
    let etag = home.header("etag").to_string();
    assert!(etag.starts_with('"'), "{etag}");
    assert!(!home.header("last-modified").is_empty());
    assert!(home.header("vary").contains("Accept-Language"));

    let again = node
        .send(
            axum::http::Request::get("/")
                .header("accept", BROWSER)
                .header("if-none-match", &etag)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());

    // A change makes a new page at once, with a new ETag.
    node.state
        .node
        .publish(&city, ItemKind::News, common::news("Second"))
        .await
        .unwrap();
    let changed = node
        .send(
            axum::http::Request::get("/")
                .header("accept", BROWSER)
                .header("if-none-match", &etag)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(changed.status, 200);
    assert!(changed.text().contains("Second"));
    assert_ne!(changed.header("etag"), etag);

    // A feed's own date moves when an older item is updated.
    let rss = node.get("/feeds/news.rss", None).await.text();
    let built = |rss: &str| {
        rss.split("<lastBuildDate>")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .to_string()
    };
    let before = built(&rss);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let mut input = common::news("First, revised");
    input.texts[0].body = "New text.".into();
    node.state
        .node
        .update_item(&city, ItemKind::News, first.id, input)
        .await
        .unwrap();
    let after = built(&node.get("/feeds/news.rss", None).await.text());
    assert_ne!(before, after, "lastBuildDate follows the latest update");
    let atom = node.get("/feeds/news.atom", None).await;
    assert!(!atom.header("etag").is_empty() && !atom.header("last-modified").is_empty());
}
