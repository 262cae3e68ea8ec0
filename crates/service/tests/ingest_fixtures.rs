//! Every document that carries content (Notes, Pages, Articles, Events, Videos,
//! and the activities wrapping them), from the project's own fixtures and the
//! shared real-world corpus when it is there, is read into the right kind of
//! network item, with its title, text, dates, place and language; private ones
//! are refused.

use civicpub_domain::{NetworkKind, Timestamp};
use civicpub_protocol::fixtures;
use civicpub_protocol::object::Object;
use civicpub_service::convert::ingest::{ingest_object, kind_of, NotIngested};
use serde_json::Value;

/// (file, the content object as JSON and read, the account that delivered it)
fn content(docs: Vec<(String, Value)>) -> Vec<(String, Value, Object, String)> {
    let mut out = Vec::new();
    for (name, v) in docs {
        let actor = v
            .get("actor")
            .and_then(|a| a.as_str().or_else(|| a.get("id")?.as_str()))
            .map(str::to_string);
        let wrapped = matches!(
            v.get("type").and_then(Value::as_str),
            Some("Create" | "Update" | "Announce")
        );
        let json = if wrapped {
            v.get("object").cloned().unwrap_or_default()
        } else {
            v
        };
        let Ok(object) = serde_json::from_value::<Object>(json.clone()) else {
            continue;
        };
        // A bare object is read as if its own server had sent it.
        let actor = actor.unwrap_or_else(|| {
            format!(
                "{}://{}/actor",
                object.id.scheme(),
                civicpub_domain::authority(&object.id)
            )
        });
        if kind_of(&object).is_some() {
            out.push((name, json, object, actor));
        }
    }
    out
}

fn time(s: &str) -> Timestamp {
    Timestamp(
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap()
            .timestamp_millis(),
    )
}

/// Gathers each document, checking what every gathered item must have; returns
/// the names refused as private and as claiming a foreign author.
fn gather_all(docs: &[(String, Value, Object, String)]) -> (Vec<String>, Vec<String>) {
    let (mut refused, mut foreign) = (Vec::new(), Vec::new());
    for (name, json, object, actor) in docs {
        match ingest_object(object, actor) {
            Ok(ingested) => {
                let item = &ingested.item;
                assert!(
                    !item.title().is_empty(),
                    "{name}: nothing to show as a title"
                );
                assert!(!item.search_text().trim().is_empty(), "{name}: no text");
                // The id as a URL (`https://a.example?x` is `https://a.example/?x`).
                let id = url::Url::parse(json["id"].as_str().unwrap()).unwrap();
                assert_eq!(item.uri, id.as_str(), "{name}");
                assert!(item.url.starts_with("http"), "{name}: url {}", item.url);
                if let Some(p) = json.get("published").and_then(Value::as_str) {
                    assert_eq!(item.published_at, time(p), "{name}: published");
                }
                if let Some(m) = json.get("contentMap").and_then(Value::as_object) {
                    let lang = item.language().unwrap_or_default();
                    assert!(
                        m.contains_key(lang),
                        "{name}: language {lang:?} not in contentMap"
                    );
                }
                let expected = match json["type"].as_str().unwrap() {
                    "Event" => NetworkKind::Event,
                    "Note" => NetworkKind::Note,
                    "Video" => NetworkKind::Video,
                    _ if json.get("version").is_some() => NetworkKind::Document,
                    _ => NetworkKind::News,
                };
                assert_eq!(item.kind, expected, "{name}");
                if item.kind == NetworkKind::Event {
                    let start = json["startTime"].as_str().unwrap();
                    assert_eq!(item.starts_at, Some(time(start)), "{name}: start");
                    if json.get("location").is_some_and(|l| l.is_object()) {
                        assert!(item.place.is_some(), "{name}: place");
                    }
                }
                for t in &item.texts {
                    for html in [&t.content_html, &t.summary_html] {
                        assert!(!html.contains("<script"), "{name}: script left in");
                        assert!(!html.contains(" class="), "{name}: class left in");
                        assert!(!html.contains(" style="), "{name}: style left in");
                    }
                }
                for img in &ingested.images {
                    assert!(img.starts_with("http"), "{name}: image {img}");
                }
            }
            Err(NotIngested::NotPublic) => {
                let to = format!("{}{}", json["to"], json.get("cc").unwrap_or(&Value::Null));
                assert!(
                    !to.contains("#Public"),
                    "{name}: public, yet refused as private"
                );
                refused.push(name.clone());
            }
            // Claims an author on another server than the object's own.
            Err(NotIngested::Invalid(m)) if m.contains("is not on the server") => {
                foreign.push(name.clone());
            }
            Err(e) => panic!("{name}: {e}"),
        }
    }
    (refused, foreign)
}

#[test]
fn every_own_content_document_is_gathered_or_refused_for_a_reason() {
    let docs = content(fixtures::own());
    assert_eq!(docs.len(), 11, "own content documents");
    let (refused, foreign) = gather_all(&docs);
    // Votes are addressed to the city alone.
    assert_eq!(
        refused,
        [
            "activity-create-note-followers-only.json",
            "vote-mastodon.json",
            "vote-misskey.json"
        ]
    );
    assert_eq!(foreign, ["page-foreign-author.json"]);
}

#[test]
fn every_content_fixture_is_gathered_or_refused_for_a_reason() {
    let Some(corpus) = fixtures::corpus() else {
        return;
    };
    let docs = content(corpus);
    assert!(
        docs.len() >= 50,
        "only {} content fixtures found",
        docs.len()
    );
    let (refused, foreign) = gather_all(&docs);
    // A test document edited by hand: its id is on info.pleroma.site, its author
    // on mastodon.example.org.
    assert_eq!(foreign, ["pleroma/https__info.pleroma.site_activity.json"]);
    // Addressed only to people or to a group: direct messages, poll replies, a
    // group-only event.
    assert_eq!(
        refused,
        [
            "mastodon/docs-activitypub-Question-2.json",
            "mastodon/docs-activitypub-Question-3.json",
            "mastodon/mastodon-post-activity-private.json",
            "mastodon/private_message.json",
            "mobilizon/mobilizon-post-activity-group.json",
        ]
    );
}

fn fixture(docs: Vec<(String, Value)>, name: &str) -> (Object, String) {
    content(docs)
        .into_iter()
        .find(|(n, _, _, _)| n == name)
        .map(|(_, _, o, a)| (o, a))
        .unwrap_or_else(|| panic!("no fixture {name}"))
}

#[test]
fn an_event_keeps_its_dates_and_place() {
    let (o, a) = fixture(fixtures::own(), "event-mobilizon-style.json");
    let i = ingest_object(&o, &a).unwrap().item;
    assert_eq!(i.kind, NetworkKind::Event);
    assert_eq!(i.title(), "Neighbourhood assembly on the new square");
    assert_eq!(i.starts_at, Some(time("2026-12-10T18:30:00+01:00")));
    assert_eq!(i.ends_at, Some(time("2026-12-10T20:30:00+01:00")));
    assert_eq!(i.timezone.as_deref(), Some("Europe/Amsterdam"));
    assert_eq!(
        i.place.as_deref(),
        Some("Wijkcentrum De Ster, Sterstraat 12, 3511 AB, Utrecht, Netherlands")
    );
    assert_eq!(i.updated_at, time("2026-11-02T08:15:00Z"));
    assert_eq!(i.tags, ["participation"]);
    // Its banner is the item's image, through the proxy like the inline one.
    assert_eq!(
        i.image.unwrap().url,
        "https://events.example/media/banner.png"
    );
    let c = &i.texts[0].content_html;
    assert!(c.contains("/proxy/media?url="), "{c}");
}

#[test]
fn a_mobilizon_event_keeps_its_dates_and_place() {
    let Some(corpus) = fixtures::corpus() else {
        return;
    };
    let (o, a) = fixture(corpus, "mobilizon/event.json");
    let i = ingest_object(&o, &a).unwrap().item;
    assert_eq!(i.kind, NetworkKind::Event);
    assert_eq!(i.title(), "Caledonian scottish dance class");
    assert_eq!(i.starts_at, Some(time("2022-12-11T19:00:00+00:00")));
    assert!(i.ends_at.is_some());
    let place = i.place.unwrap();
    assert!(place.contains("Teignbridge"), "{place}");
}

#[test]
fn a_video_has_its_language_thumbnail_and_page() {
    let (o, a) = fixture(fixtures::own(), "video-peertube-style.json");
    let ingested = ingest_object(&o, &a).unwrap();
    let i = &ingested.item;
    assert_eq!(i.kind, NetworkKind::Video);
    assert_eq!(i.title(), "How the city budget works");
    assert_eq!(i.language(), Some("en"));
    // The account, not the channel listed beside it, is the author.
    assert_eq!(i.actor_uri, "https://tube.example/accounts/city");
    // The HTML page, not the stream, is where a person watches it.
    assert_eq!(i.url, "https://tube.example/w/1b2c");
    assert_eq!(
        i.image.as_ref().unwrap().url,
        "https://tube.example/static/thumbnails/1b2c.jpg"
    );
    assert!(!ingested.images.is_empty());
    // Markdown descriptions become HTML.
    assert!(i.texts[0].content_html.contains("<strong>short</strong>"));
}

#[test]
fn a_peertube_video_has_its_language_and_thumbnail() {
    let Some(corpus) = fixtures::corpus() else {
        return;
    };
    let (o, a) = fixture(corpus, "peertube/peertube-video.json");
    let ingested = ingest_object(&o, &a).unwrap();
    let i = &ingested.item;
    assert_eq!(i.kind, NetworkKind::Video);
    assert_eq!(i.title(), "What is PeerTube?");
    assert_eq!(i.language(), Some("en"));
    assert!(i.image.is_some(), "no thumbnail");
    assert!(!ingested.images.is_empty());
}

#[test]
fn a_note_has_its_language_tags_and_cleaned_text() {
    let (o, a) = fixture(fixtures::own(), "activity-create-note-public.json");
    let i = ingest_object(&o, &a).unwrap().item;
    assert_eq!(i.kind, NetworkKind::Note);
    assert_eq!(i.tags, ["bikelanes", "utrecht"]);
    assert_eq!(i.language(), Some("en"));
    let html = &i.text().unwrap().content_html;
    assert!(html.contains("Catharijnesingel"), "{html}");
    assert!(
        !html.contains("<script") && !html.contains("class="),
        "{html}"
    );
    assert_eq!(
        i.image.unwrap().name.as_deref(),
        Some("A red bike lane beside a canal")
    );
}

#[test]
fn a_mastodon_note_has_its_language_tags_and_text() {
    let Some(corpus) = fixtures::corpus() else {
        return;
    };
    let (o, a) = fixture(corpus, "mastodon/mastodon-post-activity-hashtag.json");
    let i = ingest_object(&o, &a).unwrap().item;
    assert_eq!(i.kind, NetworkKind::Note);
    assert!(!i.tags.is_empty(), "no hashtags");
    assert!(i
        .tags
        .iter()
        .all(|t| !t.starts_with('#') && t.to_lowercase() == *t));
    assert!(!i.text().unwrap().content_html.is_empty());
}

#[test]
fn an_article_keeps_its_languages_default_first() {
    let (o, a) = fixture(fixtures::own(), "article-two-languages.json");
    let i = ingest_object(&o, &a).unwrap().item;
    assert_eq!(i.kind, NetworkKind::News);
    assert_eq!(i.language(), Some("it"));
    let langs: Vec<&str> = i.texts.iter().map(|t| t.lang.as_str()).collect();
    assert_eq!(langs, ["it", "en"]);
    assert_eq!(i.texts[1].title, "Pedestrian square");
    assert_eq!(i.image.unwrap().name.as_deref(), Some("The square at dusk"));
}

#[test]
fn private_posts_are_refused() {
    let (o, a) = fixture(fixtures::own(), "activity-create-note-followers-only.json");
    assert_eq!(ingest_object(&o, &a).unwrap_err(), NotIngested::NotPublic);
    let Some(corpus) = fixtures::corpus() else {
        return;
    };
    for name in [
        "mastodon/mastodon-post-activity-private.json",
        "mastodon/private_message.json",
    ] {
        let (o, a) = fixture(corpus.clone(), name);
        assert_eq!(
            ingest_object(&o, &a).unwrap_err(),
            NotIngested::NotPublic,
            "{name}"
        );
    }
}
