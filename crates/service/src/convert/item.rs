//! The node's items as ActivityPub objects, and the activities that carry them.
//!
//! News and policy documents are `Article`s (Mastodon rejects a top-level
//! `Document`), events are `Event`s. Mastodon shows only `name`, `summary` and a
//! link for these types (rule 12), so the summary says what a reader needs: for
//! events, the date, time, time zone and place in words (rule 13).

use super::actor::ActorUrls;
use super::markdown::item_body_html;
use chrono::{Datelike, NaiveDateTime};
use civicpub_domain::{
    escape_html, EventDetails, EventStatus, Item, ItemDetails, ItemKind, LocalActor, Media,
    NodeBase, Text, Timestamp,
};
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
/// that reads only `summary`.
pub fn event_in_words(e: &EventDetails) -> Vec<String> {
    let mut lines = Vec::new();
    match e.status {
        EventStatus::Cancelled => lines.push("Cancelled.".to_string()),
        EventStatus::Postponed => lines.push("Postponed.".to_string()),
        EventStatus::Scheduled => {}
    }
    let day = |t: &NaiveDateTime| {
        format!(
            "{} {} {} {}",
            t.format("%A"),
            t.day(),
            t.format("%B"),
            t.year()
        )
    };
    let when = if e.all_day {
        if e.starts.date() == e.ends.date() {
            format!("{} (all day)", day(&e.starts))
        } else {
            format!("{} to {} (all day)", day(&e.starts), day(&e.ends))
        }
    } else if e.starts.date() == e.ends.date() {
        format!(
            "{}, {}–{} ({}{})",
            day(&e.starts),
            e.starts.format("%H:%M"),
            e.ends.format("%H:%M"),
            e.timezone,
            utc_offset(e)
        )
    } else {
        format!(
            "{}, {} to {}, {} ({}{})",
            day(&e.starts),
            e.starts.format("%H:%M"),
            day(&e.ends),
            e.ends.format("%H:%M"),
            e.timezone,
            utc_offset(e)
        )
    };
    lines.push(format!("When: {when}"));
    if let Some(p) = &e.place {
        match &p.address {
            Some(a) => lines.push(format!("Where: {}, {a}", p.name)),
            None => lines.push(format!("Where: {}", p.name)),
        }
    }
    if let Some(u) = &e.online_url {
        lines.push(format!("Online: {u}"));
    }
    lines
}

fn utc_offset(e: &EventDetails) -> String {
    use chrono::{Offset, TimeZone};
    let (Some(tz), Some(start)) = (e.tz(), e.starts_utc()) else {
        return String::new();
    };
    let secs = tz
        .offset_from_utc_datetime(&start.naive_utc())
        .fix()
        .local_minus_utc();
    let (sign, secs) = if secs < 0 { ('-', -secs) } else { ('+', secs) };
    format!(", UTC{sign}{:02}:{:02}", secs / 3600, (secs % 3600) / 60)
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

/// The HTML `summary` of one text, with what the kind needs said in words.
fn summary_html(details: &ItemDetails, text: &Text) -> String {
    let mut parts: Vec<String> = match details {
        ItemDetails::Event(e) => event_in_words(e),
        ItemDetails::Document(d) => vec![format!(
            "Version {} · {} · adopted {}",
            d.version,
            d.license,
            d.adopted_on.format("%-d %B %Y")
        )],
        ItemDetails::News { .. } => Vec::new(),
    };
    if !text.summary.trim().is_empty() {
        parts.push(text.summary.trim().to_string());
    }
    parts
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

/// The ActivityPub object of a live item; `None` for a deleted one.
pub fn item_object(base: &NodeBase, actor: &LocalActor, item: &Item) -> Option<Object> {
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
    o.summary = Some(summary_html(&draft.details, first));
    o.summary_map = lang_map(texts, |t| summary_html(&draft.details, t));
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
                    name: Some("Online".into()),
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
}
