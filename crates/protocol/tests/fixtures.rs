//! Real-world documents (the shared corpus, when it is there) and the project's
//! own parse into the wire types.

use civicpub_protocol::{
    activity::{ActivityType, Incoming},
    actor::{Actor, ActorProblem, ACTOR_TYPES},
    collection::{Collection, CollectionPage},
    fixtures,
    values::{HasId, ObjectRef},
};
use serde_json::Value;

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

fn check_actors(docs: &[(String, Value)]) -> usize {
    let mut actors = 0;
    for (name, value) in docs {
        if !ACTOR_TYPES.contains(&type_of(value)) {
            continue;
        }
        actors += 1;
        let actor: Actor =
            serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(Some(actor.id.as_str()), value["id"].as_str(), "{name}");
        match (actor.check(), expected_problem(name)) {
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
    actors
}

#[test]
fn every_actor_document_parses_and_whole_ones_check() {
    assert_eq!(check_actors(&fixtures::own()), 1);
    if let Some(corpus) = fixtures::corpus() {
        let actors = check_actors(&corpus);
        assert!(actors >= 35, "only {actors} actor documents found");
    }
}

#[test]
fn own_actor_exposes_what_federation_needs() {
    let docs = fixtures::own();
    let (_, doc) = docs.iter().find(|(n, _)| n == "actor-person.json").unwrap();
    let a: Actor = serde_json::from_value(doc.clone()).unwrap();
    assert_eq!(
        a.shared_inbox().unwrap().as_str(),
        "https://social.example/inbox"
    );
    // One profile field; the unknown attachment is kept aside, not refused.
    assert_eq!(a.property_values().count(), 1);
    assert_eq!(a.attachment.len(), 2);
    assert!(a.image.is_none());
    assert!(a.icon.unwrap().first().unwrap().url().is_some());
}

#[test]
fn real_actors_expose_what_federation_needs() {
    let Some(fixtures) = fixtures::corpus() else {
        return;
    };
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

/// Activity types seen in the corpus; those the node handles decode into their
/// own variant, the others into `Unhandled`.
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

/// Decodes every activity and collection; returns how many of each.
fn check_activities(docs: &[(String, Value)]) -> (usize, usize) {
    let (mut activities, mut collections) = (0, 0);
    for (name, value) in docs {
        let t = type_of(value);
        if t.ends_with("CollectionPage") {
            let c: CollectionPage<Value> =
                serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(c.id.as_str(), value["id"].as_str().unwrap(), "{name}");
            collections += 1;
        } else if t.ends_with("Collection") {
            let c: Collection<Value> =
                serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(c.id.as_str(), value["id"].as_str().unwrap(), "{name}");
            collections += 1;
        } else if ACTIVITY_TYPES.contains(&t) {
            let a = Incoming::decode(value).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(a.kind(), t, "{name}");
            assert_eq!(a.id().as_str(), value["id"].as_str().unwrap(), "{name}");
            assert!(!a.actor().as_str().is_empty(), "{name}: no actor");
            assert_eq!(
                matches!(a, Incoming::Unhandled(_)),
                ActivityType::parse(t).is_none(),
                "{name}: handled types get their own variant"
            );
            if !matches!(a, Incoming::Unhandled(_)) {
                assert!(a.object_id().is_some(), "{name}: no object");
            }
            activities += 1;
        }
    }
    (activities, collections)
}

#[test]
fn every_activity_and_collection_parses() {
    let (activities, collections) = check_activities(&fixtures::own());
    assert_eq!((activities, collections), (17, 2));
    if let Some(corpus) = fixtures::corpus() {
        let (activities, collections) = check_activities(&corpus);
        assert!(activities >= 40, "{activities} activities");
        assert!(collections >= 5, "{collections} collections");
    }
}

#[test]
fn an_outbox_page_may_list_activities_by_id() {
    let docs = fixtures::own();
    let (_, page) = docs
        .iter()
        .find(|(n, _)| n == "outbox-page-ids.json")
        .unwrap();
    let page: CollectionPage<ObjectRef<Incoming>> = serde_json::from_value(page.clone()).unwrap();
    let ids: Vec<&str> = page.entries().iter().map(|e| e.id().as_str()).collect();
    assert_eq!(
        ids,
        [
            "https://social.example/users/anna/statuses/110001/activity",
            "https://social.example/users/anna/statuses/110003/activity"
        ]
    );
    assert!(matches!(
        page.entries()[1].object(),
        Some(Incoming::Announce(_))
    ));
    assert!(page.next.is_some());
    let (_, outbox) = docs.iter().find(|(n, _)| n == "outbox.json").unwrap();
    let outbox: Collection<Value> = serde_json::from_value(outbox.clone()).unwrap();
    assert_eq!(
        outbox.first.unwrap().id().as_str(),
        "https://social.example/users/anna/outbox?page=true"
    );
}
