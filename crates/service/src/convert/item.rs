//! The node's items as ActivityPub objects, and the activities that carry them.
//!
//! News and policy documents are `Article`s (Mastodon rejects a top-level
//! `Document`), events are `Event`s. Mastodon shows only `name`, `summary` and a
//! link for these types (rule 12), so the summary says what a reader needs: for
//! events, the date, time, time zone and place in words (rule 13).

use super::actor::ActorUrls;
use super::markdown::item_body_html;
use civicpub_domain::{
    escape_html, DocumentDetails, EventDetails, EventStatus, Item, ItemDetails, ItemKind,
    LocalActor, Media, NodeBase, Text, Timestamp,
};
use civicpub_i18n::{EventTime, Locale};
use civicpub_protocol::activity::{Activity, ActivityType};
use civicpub_protocol::actor::{Image, ImageRef};
use civicpub_protocol::context::object_context;
use civicpub_protocol::object::{
    Address, Attachment, Object, Place, PostalAddress, Tag, Tombstone, TombstoneType,
};
use civicpub_protocol::values::{LanguageMap, Link, OneOrMany, UrlOrLink};
use civicpub_protocol::PUBLIC;
use url::Url;

/// An event's date, time, time zone, place and status in words, for software
/// that reads only `summary`, in `lang` (the language of the text they go
/// with).
pub fn event_in_words(e: &EventDetails, lang: Locale) -> Vec<String> {
    let mut lines = Vec::new();
    match e.status {
        EventStatus::Cancelled => lines.push(lang.t("ap-event-cancelled")),
        EventStatus::Postponed => lines.push(lang.t("ap-event-postponed")),
        EventStatus::Scheduled => {}
    }
    let when = lang.event_time(&event_time(e));
    lines.push(lang.t_with("ap-event-when", &[("when", when.into())]));
    if let Some(p) = &e.place {
        let place = match &p.address {
            Some(a) => format!("{}, {a}", p.name),
            None => p.name.clone(),
        };
        lines.push(lang.t_with("ap-event-where", &[("place", place.into())]));
    }
    if let Some(u) = &e.online_url {
        lines.push(lang.t_with("ap-event-online", &[("url", u.as_str().into())]));
    }
    lines
}

/// When an event takes place, as the catalogue writes it: local times, the
/// zone and its offset from UTC at the start.
pub fn event_time(e: &EventDetails) -> EventTime<'_> {
    EventTime {
        starts: e.starts,
        ends: e.ends,
        all_day: e.all_day,
        zone: Some(e.timezone.as_str()),
        utc_offset: utc_offset(e),
    }
}

/// The event's zone's offset from UTC at its start, in seconds.
pub fn utc_offset(e: &EventDetails) -> Option<i32> {
    use chrono::{Offset, TimeZone};
    let (tz, start) = (e.tz()?, e.starts_utc()?);
    Some(
        tz.offset_from_utc_datetime(&start.naive_utc())
            .fix()
            .local_minus_utc(),
    )
}

/// A policy document's version line, in `lang`: "Version 1.1 · CC-BY-4.0 ·
/// adopted 15 March 2026".
pub fn document_in_words(d: &DocumentDetails, lang: Locale) -> String {
    lang.t_with(
        "ap-document-summary",
        &[
            ("version", d.version.as_str().into()),
            ("licence", d.license.as_str().into()),
            ("date", lang.date(d.adopted_on).into()),
        ],
    )
}

/// The language a text's generated lines are written in: its own when there
/// is a catalogue for it, else the node's.
pub fn text_locale(text: &Text, node: Locale) -> Locale {
    Locale::parse(&text.lang).unwrap_or(node)
}

/// A language map of `f` over the texts, default language first; languages
/// with nothing to say are left out.
fn lang_map(texts: &[Text], f: impl Fn(&Text) -> String) -> LanguageMap {
    let mut map = LanguageMap::default();
    for t in texts {
        map.push(&t.lang, f(t));
    }
    map
}

/// The lines of one text's summary: what the kind needs said in words, in the
/// text's language, then the text's own summary.
pub fn summary_lines(details: &ItemDetails, text: &Text, node: Locale) -> Vec<String> {
    let lang = text_locale(text, node);
    let mut parts: Vec<String> = match details {
        ItemDetails::Event(e) => event_in_words(e, lang),
        ItemDetails::Document(d) => vec![document_in_words(d, lang)],
        ItemDetails::News { .. } => Vec::new(),
    };
    if !text.summary.trim().is_empty() {
        parts.push(text.summary.trim().to_string());
    }
    parts
}

/// The HTML `summary` of one text, with what the kind needs said in words.
fn summary_html(details: &ItemDetails, text: &Text, node: Locale) -> String {
    summary_lines(details, text, node)
        .iter()
        .map(|p| format!("<p>{}</p>", escape_html(p)))
        .collect()
}

fn media_url(base: &NodeBase, m: &Media) -> Url {
    base.url(&m.path())
}

/// FEP-ef61 style `digestMultibase`: base58btc multibase of a SHA-256 multihash.
pub fn digest_multibase(sha256_hex: &str) -> String {
    let mut multihash = vec![0x12, 0x20];
    multihash.extend(
        (0..sha256_hex.len() / 2)
            .filter_map(|i| u8::from_str_radix(&sha256_hex[2 * i..2 * i + 2], 16).ok()),
    );
    format!("z{}", bs58::encode(multihash).into_string())
}

/// The ActivityPub type of a kind of item.
fn object_type(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Event => "Event",
        ItemKind::News | ItemKind::Document => "Article",
    }
}

/// The ActivityPub object of a live item; `None` for a deleted one. The lines
/// the node writes into each text's summary are in that text's language, or
/// in `lang` (the node's) when there is no catalogue for it.
pub fn item_object(
    base: &NodeBase,
    actor: &LocalActor,
    item: &Item,
    lang: Locale,
) -> Option<Object> {
    let draft = item.draft.as_ref()?;
    let urls = ActorUrls::new(base, actor);
    let id = base.url(&item.path());
    let texts = &draft.texts;
    let first = texts.first()?;
    let mut o = Object::new(id.clone(), object_type(item.kind));
    o.context = Some(object_context());
    o.attributed_to = Some(OneOrMany::One(civicpub_protocol::object::AttributedTo::Id(
        urls.id.clone(),
    )));
    o.name = Some(first.title.clone());
    o.name_map = lang_map(texts, |t| t.title.clone());
    o.summary = Some(summary_html(&draft.details, first, lang));
    o.summary_map = lang_map(texts, |t| summary_html(&draft.details, t, lang));
    o.content = Some(item_body_html(&first.body, base));
    o.content_map = lang_map(texts, |t| item_body_html(&t.body, base));
    o.media_type = Some("text/html".into());
    o.url = Some(OneOrMany::Many(vec![UrlOrLink::Link(Link::html(id))]));
    o.published = Some(item.published_at.to_rfc3339());
    if item.updated_at != item.published_at {
        o.updated = Some(item.updated_at.to_rfc3339_millis());
    }
    o.to = vec![PUBLIC.into()];
    o.cc = vec![urls.followers.to_string()];
    o.sensitive = Some(false);
    o.tag = draft
        .tags
        .iter()
        .map(|t| Tag::hashtag(t, base.url(&format!("/tags/{t}"))))
        .collect();
    match &draft.details {
        ItemDetails::News { hero } => {
            if let Some((m, alt)) = hero {
                let url = media_url(base, m);
                o.image = Some(OneOrMany::One(ImageRef::Image(Image {
                    kind: "Image".into(),
                    url: Some(OneOrMany::One(UrlOrLink::Url(url.clone()))),
                    media_type: Some(m.media_type.clone()),
                    name: Some(alt.clone()),
                })));
                let mut a = Attachment::new("Image", url);
                a.media_type = Some(m.media_type.clone());
                a.name = Some(alt.clone());
                o.attachment.push(a);
            }
        }
        ItemDetails::Event(e) => {
            let tz = e.tz();
            let iso = |t: Option<chrono::DateTime<chrono::Utc>>| {
                t.zip(tz).map(|(t, tz)| t.with_timezone(&tz).to_rfc3339())
            };
            o.start_time = iso(e.starts_utc());
            o.end_time = iso(e.ends_utc());
            o.timezone = Some(e.timezone.clone());
            o.ical_status = Some(e.status.ical().into());
            if let Some(p) = &e.place {
                o.location = Some(OneOrMany::One(Place {
                    kind: "Place".into(),
                    name: Some(p.name.clone()),
                    address: p.address.as_ref().map(|a| {
                        Address::Postal(PostalAddress {
                            kind: "PostalAddress".into(),
                            street_address: Some(a.clone()),
                            ..Default::default()
                        })
                    }),
                    latitude: p.latitude.filter(|_| p.longitude.is_some()),
                    longitude: p.longitude.filter(|_| p.latitude.is_some()),
                }));
            }
            if let Some(u) = &e.online_url {
                o.attachment.push(Attachment {
                    kind: Some(OneOrMany::One("Link".into())),
                    media_type: Some("text/html".into()),
                    url: None,
                    href: Some(u.clone()),
                    name: Some(text_locale(first, lang).t("ap-event-online-link")),
                    size: None,
                    digest_multibase: None,
                });
            }
        }
        ItemDetails::Document(d) => {
            o.version = Some(d.version.clone());
            o.license = Some(format!("https://spdx.org/licenses/{}.html", d.license));
            for f in &d.files {
                let mut a = Attachment::new("Document", media_url(base, &f.media));
                a.media_type = Some(f.media.media_type.clone());
                a.name = Some(f.name.clone());
                a.size = Some(f.media.size);
                a.digest_multibase = Some(digest_multibase(&f.media.sha256));
                o.attachment.push(a);
            }
        }
    }
    Some(o)
}

/// A `Tombstone` for a deleted item (rule 18).
pub fn tombstone(base: &NodeBase, item: &Item) -> Tombstone {
    Tombstone {
        context: Some(civicpub_protocol::context::activity_streams()),
        id: base.url(&item.path()),
        kind: TombstoneType::Tombstone,
        former_type: Some(object_type(item.kind).into()),
        deleted: Some(item.deleted_at.unwrap_or(item.updated_at).to_rfc3339()),
    }
}

/// Wraps an object in a public activity of `kind` by `actor`, addressed to the
/// public and the actor's followers; the object loses its own `@context`.
pub fn public_activity<O: WithoutContext>(
    base: &NodeBase,
    actor: &LocalActor,
    kind: ActivityType,
    id: Url,
    object: O,
    published: Timestamp,
) -> Activity<O> {
    let urls = ActorUrls::new(base, actor);
    Activity::new(kind, id, urls.id, object.without_context())
        .with_context(object_context())
        .published(published.to_rfc3339())
        .addressed(vec![PUBLIC.into()], vec![urls.followers.to_string()])
}

/// An object that can be embedded in an activity, whose context then holds.
pub trait WithoutContext {
    fn without_context(self) -> Self;
}

impl WithoutContext for Object {
    fn without_context(mut self) -> Self {
        self.context = None;
        self
    }
}

impl WithoutContext for Tombstone {
    fn without_context(mut self) -> Self {
        self.context = None;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_multibase_is_a_sha256_multihash() {
        // sha256("") in base58btc multihash form, as other implementations give it.
        let d =
            digest_multibase("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(d, "zQmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n");
    }

    fn event(status: EventStatus, all_day: bool) -> EventDetails {
        let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        EventDetails {
            starts: at("2026-12-01 16:00"),
            ends: at(if all_day {
                "2026-12-01 00:00"
            } else {
                "2026-12-01 17:30"
            }),
            timezone: "Europe/Amsterdam".into(),
            all_day,
            place: Some(civicpub_domain::Place {
                name: "Stadhuis".into(),
                address: Some("Amstel 1".into()),
                latitude: None,
                longitude: None,
            }),
            online_url: Some(Url::parse("https://meet.example/a").unwrap()),
            status,
        }
    }

    #[test]
    fn an_event_in_words_in_each_text_s_language() {
        let e = event(EventStatus::Scheduled, false);
        assert_eq!(
            event_in_words(&e, Locale::En),
            [
                "When: Tuesday 1 December 2026, 16:00–17:30 (Europe/Amsterdam, UTC+01:00)",
                "Where: Stadhuis, Amstel 1",
                "Online: https://meet.example/a",
            ]
        );
        assert_eq!(
            event_in_words(&e, Locale::Nl)[0],
            "Wanneer: dinsdag 1 december 2026, van 16:00 tot 17:30 uur (Europe/Amsterdam, UTC+01:00)"
        );
        let cancelled = event_in_words(&event(EventStatus::Cancelled, true), Locale::Fr);
        assert_eq!(cancelled[0], "Annulé.");
        assert_eq!(
            cancelled[1],
            "Quand\u{a0}: mardi 1er décembre 2026 (toute la journée)"
        );
    }

    #[test]
    fn each_text_s_summary_is_in_its_language_or_the_node_s() {
        let details = ItemDetails::Document(DocumentDetails {
            version: "1.1".into(),
            license: "CC-BY-4.0".into(),
            adopted_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 15).unwrap(),
            files: Vec::new(),
        });
        let text = |lang: &str| Text {
            lang: lang.into(),
            title: "T".into(),
            summary: "S".into(),
            body: String::new(),
        };
        assert_eq!(
            summary_lines(&details, &text("it"), Locale::En),
            [
                "Versione 1.1 · CC-BY-4.0 · adottato in data 15 marzo 2026",
                "S"
            ]
        );
        // A language without a catalogue gets the node's.
        assert_eq!(
            summary_lines(&details, &text("ja"), Locale::De)[0],
            summary_lines(&details, &text("de"), Locale::En)[0]
        );
        assert_eq!(
            summary_lines(&details, &text("en-GB"), Locale::Fr)[0],
            "Version 1.1 · CC-BY-4.0 · adopted 15 March 2026"
        );
    }
}
