//! Published items as ActivityPub objects, and the activities that carry them.
//!
//! News and policy documents are `Article`s (Mastodon rejects a top-level
//! `Document`), events are `Event`s. Mastodon shows only `name`, `summary` and a
//! link for these types (rule 12), so the summary says what a reader needs: for
//! events, the date, time, time zone and place in words (rule 13).

use crate::documents::{escape_html, ActorUrls};
use chrono::{Datelike, NaiveDateTime};
use civicpub_domain::{
    Draft, EventDetails, EventStatus, Item, ItemDetails, LocalActor, Media, NodeBase, Text,
};
use civicpub_protocol::{context::ACTIVITY_STREAMS, PUBLIC};
use serde_json::{json, Map, Value};

/// The `@context` of objects and activities.
pub fn object_context() -> Value {
    json!([
        ACTIVITY_STREAMS,
        {
            "Hashtag": "as:Hashtag",
            "sensitive": "as:sensitive",
            "toot": "http://joinmastodon.org/ns#",
            "schema": "http://schema.org#",
            "PostalAddress": "schema:PostalAddress",
            "streetAddress": "schema:streetAddress",
            "timezone": { "@id": "https://joinmobilizon.org/ns#timezone", "@type": "schema:Text" },
            "ical": "http://www.w3.org/2002/12/cal/ical#",
            "digestMultibase": "https://w3id.org/security#digestMultibase",
            "size": "https://schema.org/contentSize",
            "version": "https://schema.org/version",
            "license": { "@id": "https://schema.org/license", "@type": "@id" }
        }
    ])
}

/// Markdown from staff, as safe HTML: rendered by pulldown-cmark, then cleaned
/// by ammonia so that raw HTML in the source cannot carry scripts or styles.
pub fn markdown_to_html(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(
        markdown,
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH,
    );
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    ammonia::Builder::default()
        .link_rel(Some("nofollow noopener noreferrer"))
        .clean(&html)
        .to_string()
}

/// An event's date, time, time zone, place and status in words, for software
/// that reads only `summary`.
pub fn event_in_words(e: &EventDetails) -> Vec<String> {
    let mut lines = Vec::new();
    if e.status != EventStatus::Scheduled {
        lines.push(format!(
            "{}.",
            match e.status {
                EventStatus::Cancelled => "Cancelled",
                EventStatus::Postponed => "Postponed",
                EventStatus::Scheduled => unreachable!(),
            }
        ));
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

/// A language map, default language first; languages with nothing to say are left out.
fn lang_map(texts: &[Text], f: impl Fn(&Text) -> String) -> Map<String, Value> {
    texts
        .iter()
        .map(|t| (t.lang.clone(), f(t)))
        .filter(|(_, v)| !v.is_empty())
        .map(|(l, v)| (l, Value::String(v)))
        .collect()
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

fn media_url(base: &NodeBase, m: &Media) -> String {
    base.url(&m.path()).to_string()
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

/// The ActivityPub object of a live item; `None` for a deleted one.
pub fn item_object(base: &NodeBase, actor: &LocalActor, item: &Item) -> Option<Value> {
    let draft: &Draft = item.draft.as_ref()?;
    let urls = ActorUrls::new(base, actor);
    let id = base.url(&item.path()).to_string();
    let texts = &draft.texts;
    let first = texts.first()?;
    let kind = match draft.details {
        ItemDetails::Event(_) => "Event",
        _ => "Article",
    };
    let mut o = Map::new();
    o.insert("@context".into(), object_context());
    o.insert("id".into(), json!(id));
    o.insert("type".into(), json!(kind));
    o.insert("attributedTo".into(), json!(urls.id));
    o.insert("name".into(), json!(first.title));
    o.insert(
        "nameMap".into(),
        Value::Object(lang_map(texts, |t| t.title.clone())),
    );
    o.insert("summary".into(), json!(summary_html(&draft.details, first)));
    o.insert(
        "summaryMap".into(),
        Value::Object(lang_map(texts, |t| summary_html(&draft.details, t))),
    );
    o.insert("content".into(), json!(markdown_to_html(&first.body)));
    o.insert(
        "contentMap".into(),
        Value::Object(lang_map(texts, |t| markdown_to_html(&t.body))),
    );
    o.insert("mediaType".into(), json!("text/html"));
    o.insert(
        "url".into(),
        json!([{ "type": "Link", "mediaType": "text/html", "href": id }]),
    );
    o.insert("published".into(), json!(item.published_at.to_rfc3339()));
    if item.updated_at != item.published_at {
        o.insert("updated".into(), json!(item.updated_at.to_rfc3339_millis()));
    }
    o.insert("to".into(), json!([PUBLIC]));
    o.insert("cc".into(), json!([urls.followers]));
    o.insert("sensitive".into(), json!(false));
    let tags: Vec<Value> = draft
        .tags
        .iter()
        .map(|t| json!({ "type": "Hashtag", "name": format!("#{t}"), "href": base.url(&format!("/tags/{t}")) }))
        .collect();
    o.insert("tag".into(), json!(tags));
    let mut attachments = Vec::new();
    match &draft.details {
        ItemDetails::News { hero } => {
            if let Some((m, alt)) = hero {
                let image = json!({ "type": "Image", "mediaType": m.media_type, "url": media_url(base, m), "name": alt });
                o.insert("image".into(), image.clone());
                attachments.push(image);
            }
        }
        ItemDetails::Event(e) => {
            let tz = e.tz();
            let iso = |t: Option<chrono::DateTime<chrono::Utc>>| {
                t.zip(tz).map(|(t, tz)| t.with_timezone(&tz).to_rfc3339())
            };
            o.insert("startTime".into(), json!(iso(e.starts_utc())));
            o.insert("endTime".into(), json!(iso(e.ends_utc())));
            o.insert("timezone".into(), json!(e.timezone));
            o.insert("ical:status".into(), json!(e.status.ical()));
            if let Some(p) = &e.place {
                let mut place = json!({ "type": "Place", "name": p.name });
                if let Some(a) = &p.address {
                    place["address"] = json!({ "type": "PostalAddress", "streetAddress": a });
                }
                if let (Some(lat), Some(lon)) = (p.latitude, p.longitude) {
                    place["latitude"] = json!(lat);
                    place["longitude"] = json!(lon);
                }
                o.insert("location".into(), place);
            }
            if let Some(u) = &e.online_url {
                attachments.push(json!({ "type": "Link", "mediaType": "text/html", "name": "Online", "href": u }));
            }
        }
        ItemDetails::Document(d) => {
            o.insert("version".into(), json!(d.version));
            o.insert(
                "license".into(),
                json!(format!("https://spdx.org/licenses/{}.html", d.license)),
            );
            for f in &d.files {
                attachments.push(json!({
                    "type": "Document",
                    "mediaType": f.media.media_type,
                    "url": media_url(base, &f.media),
                    "name": f.name,
                    "size": f.media.size,
                    "digestMultibase": digest_multibase(&f.media.sha256),
                }));
            }
        }
    }
    o.insert("attachment".into(), json!(attachments));
    Some(Value::Object(o))
}

/// A `Tombstone` for a deleted item (rule 18).
pub fn tombstone(base: &NodeBase, item: &Item) -> Value {
    json!({
        "@context": ACTIVITY_STREAMS,
        "id": base.url(&item.path()),
        "type": "Tombstone",
        "formerType": match item.kind { civicpub_domain::ItemKind::Event => "Event", _ => "Article" },
        "deleted": item.deleted_at.unwrap_or(item.updated_at).to_rfc3339(),
    })
}

/// Wraps an object (or an id) in an activity of `kind` by `actor`.
pub fn activity(
    base: &NodeBase,
    actor: &LocalActor,
    kind: &str,
    id: String,
    object: Value,
    published: civicpub_domain::Timestamp,
) -> Value {
    let urls = ActorUrls::new(base, actor);
    let mut object = object;
    if let Value::Object(o) = &mut object {
        o.remove("@context");
    }
    json!({
        "@context": object_context(),
        "id": id,
        "type": kind,
        "actor": urls.id,
        "published": published.to_rfc3339(),
        "to": [PUBLIC],
        "cc": [urls.followers],
        "object": object,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_rendered_and_cleaned() {
        let html =
            markdown_to_html("# Hi\n\n**bold** <script>alert(1)</script> [x](https://a.example)");
        assert!(html.contains("<h1>Hi</h1>"));
        assert!(html.contains("<strong>bold</strong>"));
        assert!(!html.contains("<script"));
        assert!(html.contains("rel=\"nofollow noopener noreferrer\""));
    }

    #[test]
    fn digest_multibase_is_a_sha256_multihash() {
        // sha256("") in base58btc multihash form, as other implementations give it.
        let d =
            digest_multibase("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(d, "zQmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n");
    }
}
