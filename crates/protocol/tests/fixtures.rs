//! Every real-world document in `shared/fixtures/activitypub` parses into the wire types.

use civicpub_protocol::{
    activity::Activity,
    actor::{Actor, ActorProblem, ACTOR_TYPES},
    collection::Collection,
};
use serde_json::Value;
use std::path::PathBuf;

fn fixtures_dir() -> PathBuf {
    std::env::var_os("CIVICPUB_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/activitypub")
        })
}

fn all_fixtures() -> Vec<(String, Value)> {
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
            if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).unwrap();
                let value: Value = serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let name = path.strip_prefix(&dir).unwrap().display().to_string();
                out.push((name, value));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(
        out.len() > 100,
        "expected the whole corpus, found {} files",
        out.len()
    );
    out
}

const ACTIVITY_TYPES: [&str; 18] = [
    "Create",
    "Update",
    "Delete",
    "Follow",
    "Accept",
    "Reject",
    "Undo",
    "Like",
    "Dislike",
    "Announce",
    "Block",
    "Flag",
    "Move",
    "Join",
    "Leave",
    "Add",
    "Remove",
    "EmojiReact",
];

fn type_of(v: &Value) -> &str {
    v.get("type").and_then(Value::as_str).unwrap_or("")
}

/// Documentation snippets and deliberately broken fixtures that are not whole actors.
fn expected_problem(name: &str) -> Option<ActorProblem> {
    if name == "mastodon/activitypub-actor-noinbox.json" {
        return Some(ActorProblem::Missing("inbox"));
    }
    // A real GNU social group whose key is owned by another actor: refused.
    if name == "gnusocial/group.json" {
        return Some(ActorProblem::KeyNotOwned);
    }
    if name.starts_with("mastodon/docs-activitypub-") {
        return Some(ActorProblem::Missing("preferredUsername"));
    }
    None
}

#[test]
fn every_actor_document_parses_and_whole_ones_check() {
    let mut actors = 0;
    for (name, value) in all_fixtures() {
        if !ACTOR_TYPES.contains(&type_of(&value)) {
            continue;
        }
        actors += 1;
        let actor: Actor =
            serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(Some(actor.id.as_str()), value["id"].as_str(), "{name}");
        match (actor.check(), expected_problem(&name)) {
            (Ok(()), None) => {
                let key = actor.public_key.as_ref().unwrap();
                assert!(key.public_key_pem.contains("PUBLIC KEY"), "{name}: no PEM");
                assert_eq!(
                    actor.preferred_username.as_deref(),
                    value["preferredUsername"].as_str()
                );
            }
            (Err(got), Some(want)) => assert_eq!(got, want, "{name}"),
            (got, want) => panic!("{name}: check gave {got:?}, expected {want:?}"),
        }
        // What we parsed serialises back and parses again to the same thing.
        let again: Actor = serde_json::from_value(serde_json::to_value(&actor).unwrap()).unwrap();
        assert_eq!(again, actor, "{name}");
    }
    assert!(actors >= 35, "only {actors} actor documents found");
}

#[test]
fn real_actors_expose_what_federation_needs() {
    let fixtures = all_fixtures();
    let get = |n: &str| -> Actor {
        serde_json::from_value(
            fixtures
                .iter()
                .find(|(name, _)| name == n)
                .unwrap()
                .1
                .clone(),
        )
        .unwrap()
    };
    let m = get("mastodon/mastodon-actor.json");
    assert_eq!(
        m.shared_inbox().unwrap().as_str(),
        "https://framapiaf.org/inbox"
    );
    let p = get("friendica/person_1.json");
    assert!(p.property_values().count() > 0, "profile fields");
    // Hubzilla sends its url as a Link object, PeerTube its icon as a list.
    let h = get("hubzilla/kaniini@hubzilla.example.org.json");
    assert_eq!(
        civicpub_protocol::values::html_url(h.url.as_ref().unwrap())
            .unwrap()
            .as_str(),
        "https://hubzilla.example.org/channel/kaniini"
    );
    let p = get("peertube/group.json");
    assert_eq!(p.icon.as_ref().unwrap().iter().count(), 2);
    assert!(p.icon.unwrap().first().unwrap().url().is_some());
    // NodeBB sends null icon and image.
    assert!(get("nodebb/person.json").icon.is_none());
}

#[test]
fn every_activity_and_collection_parses() {
    let (mut activities, mut collections) = (0, 0);
    for (name, value) in all_fixtures() {
        let t = type_of(&value);
        if t.ends_with("Collection") || t.ends_with("CollectionPage") {
            let c: Collection =
                serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(c.kind, t);
            collections += 1;
        } else if ACTIVITY_TYPES.contains(&t) {
            let a: Activity =
                serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(a.kind, t, "{name}");
            assert!(a.object.is_some(), "{name}: no object");
            assert!(a.actor_id().is_some(), "{name}: no actor");
            activities += 1;
        }
    }
    assert!(activities >= 40, "{activities} activities");
    assert!(collections >= 5, "{collections} collections");
}
