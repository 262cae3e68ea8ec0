//! Remote objects as network items: `Article`, `Event`, `Page`, `Note` and
//! `Video`, from civicpub, Mastodon, Mobilizon, PeerTube, WordPress, Lemmy and
//! the rest, read into one [`NetworkItem`].
//!
//! Remote HTML is cleaned to a small safe subset here, once, on the way in. Its
//! images are pointed at the node's media proxy, so that a citizen's browser
//! never loads anything from another server.

use crate::objects::markdown_to_html;
use civicpub_domain::{
    authority, plain_text, NetworkAttachment, NetworkItem, NetworkKind, NetworkText, Timestamp,
};
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use url::Url;

/// The path of the node's remote-media proxy; `?url=` names the remote file.
pub const PROXY_PATH: &str = "/proxy/media";

/// Why an object is not taken into the network views.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotIngested {
    #[error("objects of type '{0}' are not gathered")]
    Type(String),
    #[error("the object is not public")]
    NotPublic,
    #[error("the object is invalid: {0}")]
    Invalid(String),
}

/// What a cleaned fragment of remote HTML referred to: remote images now served
/// through the proxy.
#[derive(Debug, Default)]
pub struct Cleaned {
    pub html: String,
    pub images: Vec<String>,
}

/// The proxy address of a remote file, relative to the node.
pub fn proxied(url: &str) -> String {
    let q: String = url::form_urlencoded::byte_serialize(url.as_bytes()).collect();
    format!("{PROXY_PATH}?url={q}")
}

/// Cleans remote HTML to the tags a post needs (paragraphs, links, emphasis,
/// lists, quotes, code, headings, images), with no styles, classes, scripts or
/// event handlers; links open without a referrer; images go through the proxy.
pub fn sanitize_html(html: &str) -> Cleaned {
    let images = Arc::new(Mutex::new(Vec::new()));
    let found = images.clone();
    let tags: HashSet<&str> = [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    ]
    .into_iter()
    .collect();
    let html = ammonia::Builder::default()
        .tags(tags)
        .generic_attributes(HashSet::from(["lang", "title"]))
        .tag_attributes(
            [
                ("a", HashSet::from(["href"])),
                ("img", HashSet::from(["src", "alt", "width", "height"])),
                ("abbr", HashSet::from(["title"])),
            ]
            .into_iter()
            .collect(),
        )
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("nofollow noopener noreferrer ugc"))
        .attribute_filter(
            move |element, attribute, value| match (element, attribute) {
                ("img", "src") => {
                    let url = Url::parse(value).ok()?;
                    if !matches!(url.scheme(), "http" | "https") {
                        return None;
                    }
                    found
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(url.to_string());
                    Some(proxied(url.as_str()).into())
                }
                // Relative links would point at this node: only absolute ones stay.
                ("a", "href") => Url::parse(value)
                    .ok()
                    .filter(|u| matches!(u.scheme(), "http" | "https" | "mailto"))
                    .map(|_| value.into()),
                _ => Some(value.into()),
            },
        )
        .clean(html)
        .to_string();
    let images = std::mem::take(&mut *images.lock().unwrap_or_else(|e| e.into_inner()));
    Cleaned { html, images }
}

/// A network item and the remote images its pages will show.
#[derive(Debug)]
pub struct Ingested {
    pub item: NetworkItem,
    pub images: Vec<String>,
}

fn as_list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(other) => vec![other],
    }
}

fn types(v: &Value) -> Vec<&str> {
    as_list(v.get("type"))
        .into_iter()
        .filter_map(Value::as_str)
        .collect()
}

fn id_of(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(o) => o
            .get("id")
            .or_else(|| o.get("href"))
            .and_then(Value::as_str),
        _ => None,
    }
}

const PUBLIC: [&str; 3] = [
    "https://www.w3.org/ns/activitystreams#Public",
    "as:Public",
    "Public",
];

/// Whether an object or activity is addressed to the public. An object that
/// names no recipients at all (some forum software leaves `to` out) counts as
/// public: anything private has to say whom it is for.
pub fn is_public(v: &Value) -> bool {
    if v.get("to").is_none() && v.get("cc").is_none() && v.get("bto").is_none() {
        return true;
    }
    ["to", "cc", "audience"]
        .iter()
        .flat_map(|k| as_list(v.get(*k)))
        .filter_map(id_of)
        .any(|a| PUBLIC.contains(&a))
}

/// The kind an object would be gathered as, if any.
pub fn kind_of(object: &Value) -> Option<(NetworkKind, &str)> {
    types(object).into_iter().find_map(|t| {
        let kind = match t {
            "Event" => NetworkKind::Event,
            "Article" | "Page" if object.get("version").is_some() => NetworkKind::Document,
            "Article" | "Page" => NetworkKind::News,
            "Note" => NetworkKind::Note,
            "Video" => NetworkKind::Video,
            _ => return None,
        };
        Some((kind, t))
    })
}

/// The best human-facing address of a `url` value: an HTML link if one is listed.
fn best_href(v: Option<&Value>) -> Option<String> {
    let links = as_list(v);
    let html = links.iter().find(|l| {
        l.get("mediaType").and_then(Value::as_str) == Some("text/html") && l.get("href").is_some()
    });
    html.or_else(|| links.first())
        .and_then(|l| match l {
            Value::String(s) => Some(s.as_str()),
            Value::Object(o) => o.get("href").and_then(Value::as_str),
            _ => None,
        })
        .filter(|s| s.starts_with("https://") || s.starts_with("http://"))
        .map(str::to_string)
}

fn string_map(v: Option<&Value>) -> Map<String, Value> {
    v.and_then(Value::as_object).cloned().unwrap_or_default()
}

fn time(v: Option<&Value>) -> Option<Timestamp> {
    let s = v?.as_str()?;
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| Timestamp(t.timestamp_millis()))
}

fn clip(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// An event's place in words: its name and address, however the address is given.
fn place_in_words(location: Option<&Value>) -> Option<String> {
    let loc = as_list(location).into_iter().next()?;
    let name = loc.get("name").and_then(Value::as_str).unwrap_or("").trim();
    let address = match loc.get("address") {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Object(a)) => [
            "streetAddress",
            "postalCode",
            "addressLocality",
            "addressRegion",
            "addressCountry",
        ]
        .iter()
        .filter_map(|k| a.get(*k).and_then(Value::as_str))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", "),
        _ => String::new(),
    };
    let words = match (name.is_empty(), address.is_empty()) {
        (true, true) => return None,
        (false, true) => name.to_string(),
        (true, false) => address,
        (false, false) if address.starts_with(name) => address,
        (false, false) => format!("{name}, {address}"),
    };
    Some(clip(&plain_text(&words), 300))
}

fn attachment(v: &Value) -> Option<NetworkAttachment> {
    if types(v).contains(&"PropertyValue") {
        return None;
    }
    let url = match v {
        Value::String(s) => s.clone(),
        _ => best_href(v.get("url")).or_else(|| best_href(v.get("href").map(|_| v)))?,
    };
    Url::parse(&url)
        .ok()
        .filter(|u| u.scheme().starts_with("http"))?;
    let media_type = v
        .get("mediaType")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| {
            as_list(v.get("url"))
                .into_iter()
                .find_map(|l| l.get("mediaType").and_then(Value::as_str))
                .map(str::to_string)
        })
        .or_else(|| types(v).contains(&"Image").then(|| "image/*".to_string()));
    Some(NetworkAttachment {
        url,
        media_type,
        name: v
            .get("name")
            .and_then(Value::as_str)
            .map(|n| clip(n.trim(), 500))
            .filter(|n| !n.is_empty()),
    })
}

fn is_image(a: &NetworkAttachment) -> bool {
    a.media_type
        .as_deref()
        .is_some_and(|t| t.starts_with("image/"))
}

/// Reads a remote object into a network item. `fallback_actor` is the account
/// that delivered it, for objects that do not say who wrote them.
pub fn ingest_object(object: &Value, fallback_actor: &str) -> Result<Ingested, NotIngested> {
    let (kind, object_type) = kind_of(object)
        .ok_or_else(|| NotIngested::Type(types(object).first().unwrap_or(&"(none)").to_string()))?;
    if !is_public(object) {
        return Err(NotIngested::NotPublic);
    }
    let uri = object
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| NotIngested::Invalid("no id".into()))?;
    let id = Url::parse(uri).map_err(|_| NotIngested::Invalid("the id is not a URL".into()))?;
    let actor_uri = as_list(object.get("attributedTo"))
        .into_iter()
        .find(|a| {
            a.is_string()
                || types(a)
                    .iter()
                    .any(|t| matches!(*t, "Person" | "Organization" | "Service"))
        })
        .or_else(|| as_list(object.get("attributedTo")).into_iter().next())
        .and_then(id_of)
        // Pages link to the author: only an http(s) address will do.
        .filter(|a| Url::parse(a).is_ok_and(|u| matches!(u.scheme(), "http" | "https")))
        .unwrap_or(fallback_actor)
        .to_string();

    // Anyone may claim any author; only the object's own server can vouch for one.
    let author_host = Url::parse(&actor_uri).map(|u| authority(&u)).ok();
    if author_host.as_deref() != Some(authority(&id).as_str()) {
        return Err(NotIngested::Invalid(format!(
            "its author {actor_uri} is not on the server of {uri}"
        )));
    }

    let markdown = object.get("mediaType").and_then(Value::as_str) == Some("text/markdown");
    let mut images = Vec::new();
    let mut html = |s: &str| {
        let s = if markdown {
            markdown_to_html(s)
        } else {
            s.to_string()
        };
        let cleaned = sanitize_html(&clip(&s, 200_000));
        images.extend(cleaned.images);
        cleaned.html
    };

    // Languages in the publisher's order, the one `content` is written in first.
    let (names, summaries, contents) = (
        string_map(object.get("nameMap")),
        string_map(object.get("summaryMap")),
        string_map(object.get("contentMap")),
    );
    let text_of = |m: &Map<String, Value>, lang: &str, plain: &str| {
        m.get(lang)
            .and_then(Value::as_str)
            .or_else(|| object.get(plain).and_then(Value::as_str))
            .unwrap_or("")
            .to_string()
    };
    let mut langs: Vec<String> = Vec::new();
    let content = object.get("content").and_then(Value::as_str);
    if let Some((l, _)) = contents
        .iter()
        .find(|(_, v)| content.is_some() && v.as_str() == content)
    {
        langs.push(l.clone());
    }
    for l in contents.keys().chain(names.keys()).chain(summaries.keys()) {
        if !langs.contains(l) && civicpub_domain::is_language_tag(l) {
            langs.push(l.clone());
        }
    }
    let texts: Vec<NetworkText> = if langs.is_empty() {
        let lang = match object.get("language") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Object(o)) => o
                .get("identifier")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            _ => String::new(),
        };
        let lang = if civicpub_domain::is_language_tag(&lang) {
            lang
        } else {
            String::new()
        };
        vec![NetworkText {
            lang,
            title: clip(
                &plain_text(object.get("name").and_then(Value::as_str).unwrap_or("")),
                500,
            ),
            summary_html: html(object.get("summary").and_then(Value::as_str).unwrap_or("")),
            content_html: html(content.unwrap_or("")),
        }]
    } else {
        langs
            .iter()
            .map(|l| NetworkText {
                lang: l.clone(),
                title: clip(&plain_text(&text_of(&names, l, "name")), 500),
                summary_html: html(&text_of(&summaries, l, "summary")),
                content_html: html(&text_of(&contents, l, "content")),
            })
            .collect()
    };
    if texts
        .iter()
        .all(|t| t.title.is_empty() && t.content_html.is_empty() && t.summary_html.is_empty())
    {
        return Err(NotIngested::Invalid("it has no text".into()));
    }

    let mut tags: Vec<String> = as_list(object.get("tag"))
        .into_iter()
        .filter(|t| types(t).contains(&"Hashtag"))
        .filter_map(|t| t.get("name").and_then(Value::as_str))
        .map(|n| n.trim_start_matches('#').to_lowercase())
        .filter(|n| !n.is_empty() && n.len() <= 100)
        .collect();
    tags.sort();
    tags.dedup();
    tags.truncate(50);

    let attachments: Vec<NetworkAttachment> = as_list(object.get("attachment"))
        .into_iter()
        .filter_map(attachment)
        .take(20)
        .collect();
    let image = as_list(object.get("image"))
        .into_iter()
        .chain(if kind == NetworkKind::Video {
            as_list(object.get("icon"))
        } else {
            Vec::new()
        })
        .filter_map(attachment)
        .next()
        .or_else(|| attachments.iter().find(|a| is_image(a)).cloned())
        .map(|mut a| {
            a.media_type.get_or_insert_with(|| "image/*".into());
            a
        });
    if let Some(i) = &image {
        images.push(i.url.clone());
    }
    images.extend(
        attachments
            .iter()
            .filter(|a| is_image(a))
            .map(|a| a.url.clone()),
    );
    images.sort();
    images.dedup();

    let published = time(object.get("published")).unwrap_or_else(Timestamp::now);
    let updated = time(object.get("updated"))
        .filter(|u| *u >= published)
        .unwrap_or(published);
    let (starts_at, ends_at, timezone, place) = if kind == NetworkKind::Event {
        (
            time(object.get("startTime")),
            time(object.get("endTime")),
            object
                .get("timezone")
                .and_then(Value::as_str)
                .map(|s| clip(s, 64)),
            place_in_words(object.get("location")),
        )
    } else {
        (None, None, None, None)
    };

    Ok(Ingested {
        item: NetworkItem {
            id: 0,
            uri: uri.to_string(),
            url: best_href(object.get("url")).unwrap_or_else(|| uri.to_string()),
            actor_uri,
            host: authority(&id),
            kind,
            object_type: object_type.to_string(),
            texts,
            tags,
            starts_at,
            ends_at,
            timezone,
            place,
            image,
            attachments,
            published_at: published,
            updated_at: updated,
            announced_by: None,
            local_item_id: None,
        },
        images,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn remote_html_is_cleaned_and_images_proxied() {
        let c = sanitize_html(
            "<p style=\"color:red\" onclick=\"x()\">Hi <script>alert(1)</script>\
             <a href=\"javascript:alert(1)\">bad</a> <a href=\"https://a.example/x\" class=\"u-url\">ok</a>\
             <img src=\"https://img.example/a.png\" alt=\"A\"><iframe src=\"https://evil.example\"></iframe></p>",
        );
        assert!(!c.html.contains("script"), "{}", c.html);
        assert!(!c.html.contains("style"), "{}", c.html);
        assert!(!c.html.contains("onclick"), "{}", c.html);
        assert!(!c.html.contains("javascript"), "{}", c.html);
        assert!(!c.html.contains("iframe"), "{}", c.html);
        assert!(!c.html.contains("class"), "{}", c.html);
        assert!(
            c.html.contains("href=\"https://a.example/x\""),
            "{}",
            c.html
        );
        assert!(
            c.html
                .contains("src=\"/proxy/media?url=https%3A%2F%2Fimg.example%2Fa.png\""),
            "{}",
            c.html
        );
        assert_eq!(c.images, vec!["https://img.example/a.png"]);
    }

    #[test]
    fn an_author_that_is_not_a_web_address_is_not_linked() {
        let note = json!({
            "id": "https://m.example/notes/2", "type": "Note", "content": "hi",
            "attributedTo": "javascript:alert(1)",
            "to": ["https://www.w3.org/ns/activitystreams#Public"]
        });
        let item = ingest_object(&note, "https://m.example/users/a")
            .unwrap()
            .item;
        assert_eq!(item.actor_uri, "https://m.example/users/a");
    }

    #[test]
    fn a_private_note_is_not_gathered() {
        let note = json!({
            "id": "https://m.example/notes/1", "type": "Note", "content": "secret",
            "to": ["https://m.example/users/a/followers"]
        });
        assert_eq!(
            ingest_object(&note, "https://m.example/users/a").unwrap_err(),
            NotIngested::NotPublic
        );
    }

    #[test]
    fn languages_come_default_first() {
        let a = json!({
            "id": "https://b.example/news/1", "type": "Article",
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "name": "Piazza", "content": "<p>Ciao</p>",
            "nameMap": {"en": "Square", "it": "Piazza"},
            "contentMap": {"en": "<p>Hello</p>", "it": "<p>Ciao</p>"},
            "version": "2"
        });
        let i = ingest_object(&a, "https://b.example/actors/city")
            .unwrap()
            .item;
        assert_eq!(i.kind, NetworkKind::Document);
        assert_eq!(i.language(), Some("it"));
        assert_eq!(i.texts[1].title, "Square");
        assert!(i.search_text().contains("Ciao") && i.search_text().contains("Hello"));
    }
}
