//! A consultation as an ActivityPub `Question`, exactly as Mastodon shows a poll
//! and lets people vote on it: the question and what it is about in
//! `content`, the options as `Note`s with a `name` in `oneOf` (one choice) or
//! `anyOf` (several), each option's votes in `replies.totalItems`, the number
//! of voters in `votersCount`, `endTime`, and `closed` once it has ended.

use super::actor::ActorUrls;
use super::markdown::item_body_html;
use civicpub_domain::{
    escape_html, Consultation, ConsultationText, LocalActor, NodeBase, Tally, Timestamp,
};
use civicpub_protocol::context::object_context;
use civicpub_protocol::object::{
    AttributedTo, Counted, Object, PollOption, Tombstone, TombstoneType,
};
use civicpub_protocol::values::{LanguageMap, Link, OneOrMany, UrlOrLink};
use civicpub_protocol::PUBLIC;
use url::Url;

/// The question, what it is about, and where to read it all, as HTML.
fn content_html(text: &ConsultationText, base: &NodeBase, page: &Url) -> String {
    let mut html = format!("<p>{}</p>", escape_html(text.question.trim()));
    if !text.body.trim().is_empty() {
        html.push_str(&item_body_html(&text.body, base));
    }
    html.push_str(&format!(
        "<p><a href=\"{page}\">{}</a></p>",
        escape_html(page.as_str())
    ));
    html
}

/// The `Question` of a live consultation with its running totals; `None` for a
/// deleted one.
pub fn question(
    base: &NodeBase,
    actor: &LocalActor,
    c: &Consultation,
    tally: &Tally,
    now: Timestamp,
) -> Option<Object> {
    let draft = c.draft.as_ref()?;
    let urls = ActorUrls::new(base, actor);
    let id = base.url(&c.path());
    let main = draft.main();
    let mut o = Object::new(id.clone(), "Question");
    o.context = Some(object_context());
    o.attributed_to = Some(OneOrMany::One(AttributedTo::Id(urls.id.clone())));
    o.content = Some(content_html(main, base, &id));
    let mut map = LanguageMap::default();
    for t in &draft.texts {
        map.push(&t.lang, content_html(t, base, &id));
    }
    o.content_map = map;
    o.media_type = Some("text/html".into());
    o.url = Some(OneOrMany::Many(vec![UrlOrLink::Link(Link::html(
        id.clone(),
    ))]));
    o.published = Some(c.published_at.to_rfc3339());
    if c.updated_at != c.published_at {
        o.updated = Some(c.updated_at.to_rfc3339_millis());
    }
    o.to = vec![PUBLIC.into()];
    o.cc = vec![urls.followers.to_string()];
    o.sensitive = Some(false);
    o.end_time = Some(draft.ends_at.to_rfc3339());
    if draft.ends_at <= now {
        o.closed = Some(draft.ends_at.to_rfc3339());
    }
    o.voters_count = Some(tally.voters);
    let options: Vec<PollOption> = (0..draft.options())
        .map(|i| {
            let mut names = LanguageMap::default();
            for t in &draft.texts {
                names.push(&t.lang, t.options[i].trim().to_string());
            }
            PollOption {
                kind: "Note".into(),
                name: Some(main.options[i].trim().to_string()),
                name_map: names,
                replies: Some(Counted::total(
                    None,
                    tally.votes.get(i).copied().unwrap_or(0),
                )),
            }
        })
        .collect();
    if draft.multiple {
        o.any_of = options;
    } else {
        o.one_of = options;
    }
    Some(o)
}

/// A `Tombstone` for a deleted consultation.
pub fn tombstone(base: &NodeBase, c: &Consultation) -> Tombstone {
    Tombstone {
        context: Some(civicpub_protocol::context::activity_streams()),
        id: base.url(&c.path()),
        kind: TombstoneType::Tombstone,
        former_type: Some("Question".into()),
        deleted: Some(c.deleted_at.unwrap_or(c.updated_at).to_rfc3339()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use civicpub_domain::{ActorKind, ConsultationDraft, Username};
    use serde_json::json;

    fn city() -> LocalActor {
        LocalActor {
            id: 1,
            username: Username::parse("city").unwrap(),
            kind: ActorKind::Organization,
            display_name: "City".into(),
            summary: String::new(),
            website: None,
            contact: None,
            icon: None,
            icon_alt: None,
            header: None,
            header_alt: None,
            fields: Vec::new(),
            public_key_pem: String::new(),
            private_key_pem: String::new(),
            manually_approves_followers: false,
            discoverable: true,
            indexable: true,
            also_known_as: Vec::new(),
            moved_to: None,
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
        }
    }

    #[test]
    fn a_consultation_is_a_question_mastodon_reads() {
        let base = NodeBase::new("city.example", false).unwrap();
        let actor = city();
        let c = Consultation {
            id: 7,
            actor_id: actor.id,
            draft: Some(ConsultationDraft {
                texts: vec![
                    ConsultationText {
                        lang: "en".into(),
                        question: "Which park first?".into(),
                        body: String::new(),
                        options: vec!["North".into(), "South".into()],
                    },
                    ConsultationText {
                        lang: "fr".into(),
                        question: "Quel parc d'abord ?".into(),
                        body: String::new(),
                        options: vec!["Nord".into(), "Sud".into()],
                    },
                ],
                multiple: false,
                ends_at: Timestamp(1_900_000_000_000),
            }),
            moderation: None,
            published_at: Timestamp(1_800_000_000_000),
            updated_at: Timestamp(1_800_000_000_000),
            deleted_at: None,
        };
        let tally = Tally {
            votes: vec![3, 4],
            voters: 7,
        };
        let before = question(&base, &actor, &c, &tally, Timestamp(1_800_000_000_001)).unwrap();
        let v = serde_json::to_value(&before).unwrap();
        assert_eq!(v["type"], "Question");
        assert_eq!(v["votersCount"], 7);
        assert_eq!(v["endTime"], "2030-03-17T17:46:40Z");
        assert!(v.get("closed").is_none());
        assert!(v.get("anyOf").is_none());
        assert_eq!(
            v["oneOf"][1],
            json!({"type": "Note", "name": "South", "nameMap": {"en": "South", "fr": "Sud"},
                   "replies": {"type": "Collection", "totalItems": 4}})
        );
        assert!(v["content"].as_str().unwrap().contains("Which park first?"));
        assert!(v["contentMap"]["fr"]
            .as_str()
            .unwrap()
            .contains("Quel parc"));
        assert!(v["@context"].to_string().contains("votersCount"));
        let after = question(&base, &actor, &c, &tally, Timestamp(1_900_000_000_000)).unwrap();
        assert_eq!(after.closed.as_deref(), Some("2030-03-17T17:46:40Z"));
    }
}
