//! Remote objects as network items: `Article`, `Event`, `Page`, `Note` and
//! `Video`, from civicpub, Mastodon, Mobilizon, PeerTube, WordPress, Lemmy and
//! the rest, read into one [`NetworkItem`].
//!
//! Remote HTML is cleaned to a small safe subset here, once, on the way in. Its
//! images are pointed at the node's media proxy, so that a citizen's browser
//! never loads anything from another server.

use super::markdown::markdown_to_html;
use civicpub_domain::{
    authority, plain_text, NetworkAttachment, NetworkItem, NetworkKind, NetworkText, Timestamp,
};
use civicpub_protocol::actor::ImageRef;
use civicpub_protocol::object::{Attachment, Object, Place};
use civicpub_protocol::values::{LanguageMap, OneOrMany, UrlOrLink};
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

/// The tags a post from elsewhere keeps: paragraphs, links, emphasis, lists,
/// quotes, code, headings, tables, images.
const POST_TAGS: &[&str] = &[
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
];

/// The tags a reply keeps: what Mastodon and its peers write in a post (no
/// images, headings or tables).
const REPLY_TAGS: &[&str] = &[
    "a",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "u",
    "ul",
];

/// Cleans remote HTML to the tags a post needs (paragraphs, links, emphasis,
/// lists, quotes, code, headings, images), with no styles, classes, scripts or
/// event handlers; links open without a referrer; images go through the proxy.
pub fn sanitize_html(html: &str) -> Cleaned {
    clean(html, POST_TAGS)
}

/// Cleans a reply's HTML to the tags a short post needs, with the same rules
/// as [`sanitize_html`] and no images.
pub fn sanitize_reply_html(html: &str) -> String {
    clean(html, REPLY_TAGS).html
}

fn clean(html: &str, tags: &[&str]) -> Cleaned {
    let images = Arc::new(Mutex::new(Vec::new()));
    let found = images.clone();
    let tags: HashSet<&str> = tags.iter().copied().collect();
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

/// The kind an object would be gathered as, and the type that makes it so.
pub fn kind_of(object: &Object) -> Option<(NetworkKind, &str)> {
    object.types().find_map(|t| {
        let kind = match t {
            "Event" => NetworkKind::Event,
            "Article" | "Page" if object.version.is_some() => NetworkKind::Document,
            "Article" | "Page" => NetworkKind::News,
            "Note" => NetworkKind::Note,
            "Video" => NetworkKind::Video,
            _ => return None,
        };
        Some((kind, t))
    })
}

/// The best human-facing address among links: an HTML one if listed, else
/// the first; only http(s).
pub(crate) fn best_href(links: Option<&OneOrMany<UrlOrLink>>) -> Option<String> {
    let links = links?;
    links
        .iter()
        .find(|l| l.media_type() == Some("text/html"))
        .or_else(|| links.first())
        .map(UrlOrLink::href)
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .map(|u| u.to_string())
}

pub(crate) fn time(v: Option<&str>) -> Option<Timestamp> {
    chrono::DateTime::parse_from_rfc3339(v?)
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
fn place_in_words(location: Option<&OneOrMany<Place>>) -> Option<String> {
    let loc = location?.first()?;
    let name = loc.name.as_deref().unwrap_or("").trim();
    let address = loc
        .address
        .as_ref()
        .map(|a| a.in_words())
        .unwrap_or_default();
    let words = match (name.is_empty(), address.is_empty()) {
        (true, true) => return None,
        (false, true) => name.to_string(),
        (true, false) => address,
        (false, false) if address.starts_with(name) => address,
        (false, false) => format!("{name}, {address}"),
    };
    Some(clip(&plain_text(&words), 300))
}

fn attachment(a: &Attachment) -> Option<NetworkAttachment> {
    if a.is_a("PropertyValue") {
        return None;
    }
    let url = best_href(a.url.as_ref()).or_else(|| {
        a.href
            .as_ref()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .map(|u| u.to_string())
    })?;
    let media_type = a
        .media_type
        .clone()
        .or_else(|| {
            a.url
                .as_ref()
                .and_then(|l| l.iter().find_map(UrlOrLink::media_type))
                .map(str::to_string)
        })
        .or_else(|| a.is_a("Image").then(|| "image/*".to_string()));
    Some(NetworkAttachment {
        url,
        media_type,
        name: a
            .name
            .as_deref()
            .map(|n| clip(n.trim(), 500))
            .filter(|n| !n.is_empty()),
    })
}

fn image(i: &ImageRef) -> Option<NetworkAttachment> {
    match i {
        ImageRef::Url(u) => matches!(u.scheme(), "http" | "https").then(|| NetworkAttachment {
            url: u.to_string(),
            media_type: None,
            name: None,
        }),
        ImageRef::Image(img) => Some(NetworkAttachment {
            url: best_href(img.url.as_ref())?,
            media_type: img.media_type.clone().or_else(|| {
                img.url
                    .as_ref()
                    .and_then(|l| l.iter().find_map(UrlOrLink::media_type))
                    .map(str::to_string)
            }),
            name: img
                .name
                .as_deref()
                .map(|n| clip(n.trim(), 500))
                .filter(|n| !n.is_empty()),
        }),
    }
}

fn is_image(a: &NetworkAttachment) -> bool {
    a.media_type
        .as_deref()
        .is_some_and(|t| t.starts_with("image/"))
}

/// Reads a remote object into a network item, cleaning its HTML. Whoever
/// delivered it (`fallback_actor`) stands for its author when it names none.
pub fn ingest_object(object: &Object, fallback_actor: &str) -> Result<Ingested, NotIngested> {
    let (kind, object_type) = kind_of(object)
        .ok_or_else(|| NotIngested::Type(object.types().next().unwrap_or("(none)").to_string()))?;
    if !object.is_public() {
        return Err(NotIngested::NotPublic);
    }
    let id = &object.id;
    let uri = id.as_str();
    let actor_uri = object
        .author()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .map(|u| u.to_string())
        .unwrap_or_else(|| fallback_actor.to_string());
    let author_host = url::Url::parse(&actor_uri).map(|u| authority(&u)).ok();
    if author_host.as_deref() != Some(authority(id).as_str()) {
        return Err(NotIngested::Invalid(format!(
            "its author {actor_uri} is not on the server of {uri}"
        )));
    }

    let markdown = object.media_type.as_deref() == Some("text/markdown");
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

    let text_of = |m: &LanguageMap, lang: &str, plain: &Option<String>| {
        m.get(lang).or(plain.as_deref()).unwrap_or("").to_string()
    };
    // The default language first: the one whose text is also `content`.
    let mut langs: Vec<String> = Vec::new();
    if let Some(content) = object.content.as_deref() {
        if let Some((l, _)) = object.content_map.0.iter().find(|(_, v)| v == content) {
            langs.push(l.clone());
        }
    }
    for l in object
        .content_map
        .languages()
        .chain(object.name_map.languages())
        .chain(object.summary_map.languages())
    {
        if !langs.iter().any(|x| x == l) && civicpub_domain::is_language_tag(l) {
            langs.push(l.to_string());
        }
    }
    let texts: Vec<NetworkText> = if langs.is_empty() {
        let lang = object
            .language
            .as_ref()
            .map(|l| l.tag().to_string())
            .filter(|l| civicpub_domain::is_language_tag(l))
            .unwrap_or_default();
        vec![NetworkText {
            lang,
            title: clip(&plain_text(object.name.as_deref().unwrap_or("")), 500),
            summary_html: html(object.summary.as_deref().unwrap_or("")),
            content_html: html(object.content.as_deref().unwrap_or("")),
        }]
    } else {
        langs
            .iter()
            .map(|l| NetworkText {
                lang: l.clone(),
                title: clip(
                    &plain_text(&text_of(&object.name_map, l, &object.name)),
                    500,
                ),
                summary_html: html(&text_of(&object.summary_map, l, &object.summary)),
                content_html: html(&text_of(&object.content_map, l, &object.content)),
            })
            .collect()
    };
    if texts
        .iter()
        .all(|t| t.title.is_empty() && t.content_html.is_empty() && t.summary_html.is_empty())
    {
        return Err(NotIngested::Invalid("it has no text".into()));
    }

    let mut tags: Vec<String> = object
        .tag
        .iter()
        .filter(|t| t.kind.as_deref() == Some("Hashtag"))
        .filter_map(|t| t.name.as_deref())
        .map(|n| n.trim_start_matches('#').to_lowercase())
        .filter(|n| !n.is_empty() && n.len() <= 100)
        .collect();
    tags.sort();
    tags.dedup();
    tags.truncate(50);

    let attachments: Vec<NetworkAttachment> = object
        .attachment
        .iter()
        .filter_map(attachment)
        .take(20)
        .collect();
    let thumbnails = if kind == NetworkKind::Video {
        object.icon.as_ref()
    } else {
        None
    };
    let image = object
        .image
        .iter()
        .chain(thumbnails)
        .flat_map(OneOrMany::iter)
        .filter_map(image)
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

    let published = time(object.published.as_deref()).unwrap_or_else(Timestamp::now);
    let updated = time(object.updated.as_deref())
        .filter(|u| *u >= published)
        .unwrap_or(published);
    let (starts_at, ends_at, timezone, place) = if kind == NetworkKind::Event {
        (
            time(object.start_time.as_deref()),
            time(object.end_time.as_deref()),
            object.timezone.as_deref().map(|s| clip(s, 64)),
            place_in_words(object.location.as_ref()),
        )
    } else {
        (None, None, None, None)
    };

    Ok(Ingested {
        item: NetworkItem {
            id: 0,
            uri: uri.to_string(),
            url: best_href(object.url.as_ref()).unwrap_or_else(|| uri.to_string()),
            actor_uri,
            host: authority(id),
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

    fn object(v: serde_json::Value) -> Object {
        serde_json::from_value(v).unwrap()
    }

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
        let item = ingest_object(&object(note), "https://m.example/users/a")
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
            ingest_object(&object(note), "https://m.example/users/a").unwrap_err(),
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
        let i = ingest_object(&object(a), "https://b.example/actors/city")
            .unwrap()
            .item;
        assert_eq!(i.kind, NetworkKind::Document);
        assert_eq!(i.language(), Some("it"));
        assert_eq!(i.texts[1].title, "Square");
        assert!(i.search_text().contains("Ciao") && i.search_text().contains("Hello"));
    }
}
