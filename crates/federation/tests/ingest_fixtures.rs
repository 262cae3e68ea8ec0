//! Every document in `shared/fixtures/activitypub` that carries content (Notes,
//! Pages, Articles, Events, Videos, and the activities wrapping them) is read
//! into the right kind of network item, with its title, text, dates, place and
//! language; private ones are refused.

use civicpub_domain::{NetworkKind, Timestamp};
use civicpub_federation::ingest::{ingest_object, kind_of, NotIngested};
use serde_json::Value;
use std::path::PathBuf;

fn fixtures_dir() -> PathBuf {
    std::env::var_os("CIVICPUB_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/activitypub")
        })
}

/// (file, the content object, the account that delivered it)
fn content_fixtures() -> Vec<(String, Value, String)> {
    let dir = fixtures_dir();
    let mut out = Vec::new();
    for software in std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("fixtures at {} unreadable: {e}", dir.display()))
    {
        let software = software.unwrap().path();
        if !software.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&software).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let name = path.strip_prefix(&dir).unwrap().display().to_string();
            let actor = v
                .get("actor")
                .and_then(|a| a.as_str().or_else(|| a.get("id")?.as_str()))
                .map(str::to_string);
            let wrapped = matches!(
                v.get("type").and_then(Value::as_str),
                Some("Create" | "Update" | "Announce")
            );
            let object = if wrapped {
                v.get("object").cloned().unwrap_or_default()
            } else {
                v
            };
            // A bare object is read as if its own server had sent it.
            let actor = actor.unwrap_or_else(|| {
                let id = object.get("id").and_then(Value::as_str);
                let url = url::Url::parse(id.unwrap_or("https://x.example/")).unwrap();
                format!(
                    "{}://{}/actor",
                    url.scheme(),
                    civicpub_domain::authority(&url)
                )
            });
            if kind_of(&object).is_some() {
                out.push((name, object, actor));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn time(s: &str) -> Timestamp {
    Timestamp(
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap()
            .timestamp_millis(),
    )
}

#[test]
fn every_content_fixture_is_gathered_or_refused_for_a_reason() {
    let fixtures = content_fixtures();
    assert!(
        fixtures.len() >= 50,
        "only {} content fixtures found",
        fixtures.len()
    );
    let (mut refused, mut foreign) = (Vec::new(), Vec::new());
    for (name, object, actor) in &fixtures {
        match ingest_object(object, actor) {
            Ok(ingested) => {
                let item = &ingested.item;
                assert!(
                    !item.title().is_empty(),
                    "{name}: nothing to show as a title"
                );
                assert!(!item.search_text().trim().is_empty(), "{name}: no text");
                assert_eq!(item.uri, object["id"].as_str().unwrap(), "{name}");
                assert!(item.url.starts_with("http"), "{name}: url {}", item.url);
                if let Some(p) = object.get("published").and_then(Value::as_str) {
                    assert_eq!(item.published_at, time(p), "{name}: published");
                }
                if let Some(m) = object.get("contentMap").and_then(Value::as_object) {
                    let lang = item.language().unwrap_or_default();
                    assert!(
                        m.contains_key(lang),
                        "{name}: language {lang:?} not in contentMap"
                    );
                }
                let expected = match object["type"].as_str().unwrap() {
                    "Event" => NetworkKind::Event,
                    "Note" => NetworkKind::Note,
                    "Video" => NetworkKind::Video,
                    _ => NetworkKind::News,
                };
                assert_eq!(item.kind, expected, "{name}");
                if item.kind == NetworkKind::Event {
                    let start = object["startTime"].as_str().unwrap();
                    assert_eq!(item.starts_at, Some(time(start)), "{name}: start");
                    if object.get("location").is_some_and(|l| l.is_object()) {
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
                let to = format!(
                    "{}{}",
                    object["to"],
                    object.get("cc").unwrap_or(&Value::Null)
                );
                assert!(
                    !to.contains("#Public"),
                    "{name}: public, yet refused as private"
                );
                refused.push(name.as_str());
            }
            // Claims an author on another server than the object's own.
            Err(NotIngested::Invalid(m)) if m.contains("is not on the server") => {
                foreign.push(name.as_str());
            }
            Err(e) => panic!("{name}: {e}"),
        }
    }
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

fn fixture(name: &str) -> (Value, String) {
    content_fixtures()
        .into_iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, o, a)| (o, a))
        .unwrap_or_else(|| panic!("no fixture {name}"))
}

#[test]
fn a_mobilizon_event_keeps_its_dates_and_place() {
    let (o, a) = fixture("mobilizon/event.json");
    let i = ingest_object(&o, &a).unwrap().item;
    assert_eq!(i.kind, NetworkKind::Event);
    assert_eq!(i.title(), "Caledonian scottish dance class");
    assert_eq!(i.starts_at, Some(time("2022-12-11T19:00:00+00:00")));
    assert!(i.ends_at.is_some());
    let place = i.place.unwrap();
    assert!(place.contains("Teignbridge"), "{place}");
}

#[test]
fn a_peertube_video_has_its_language_and_thumbnail() {
    let (o, a) = fixture("peertube/peertube-video.json");
    let ingested = ingest_object(&o, &a).unwrap();
    let i = &ingested.item;
    assert_eq!(i.kind, NetworkKind::Video);
    assert_eq!(i.title(), "What is PeerTube?");
    assert_eq!(i.language(), Some("en"));
    assert!(i.image.is_some(), "no thumbnail");
    assert!(!ingested.images.is_empty());
}

#[test]
fn a_mastodon_note_has_its_language_tags_and_text() {
    let (o, a) = fixture("mastodon/mastodon-post-activity-hashtag.json");
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
fn private_mastodon_posts_are_refused() {
    for name in [
        "mastodon/mastodon-post-activity-private.json",
        "mastodon/private_message.json",
    ] {
        let (o, a) = fixture(name);
        assert_eq!(
            ingest_object(&o, &a).unwrap_err(),
            NotIngested::NotPublic,
            "{name}"
        );
    }
}
