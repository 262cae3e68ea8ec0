//! Replies from elsewhere read into comments: the text (cleaned once, on the
//! way in), its language and link, and who wrote it. And what the node's
//! objects say of their replies, likes and boosts.

use super::ingest::{best_href, sanitize_reply_html, time};
use civicpub_domain::{escape_html, plain_text, Author, Reactions, Timestamp};
use civicpub_protocol::actor::Actor;
use civicpub_protocol::object::{Counted, Object};
use civicpub_store::RemoteActor;

/// A reply longer than this (its HTML, before cleaning) is refused: a comment
/// is not a document.
pub const MAX_REPLY_BYTES: usize = 64 * 1024;

/// What a reply says, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyText {
    /// Sanitized HTML.
    pub content: String,
    pub language: Option<String>,
    /// Its page on its author's server.
    pub url: Option<String>,
    pub published: Timestamp,
    pub updated: Timestamp,
}

/// Reads a reply's text; says why when it cannot be taken.
pub fn reply_text(object: &Object) -> Result<ReplyText, String> {
    let (language, html) = match (&object.content, object.content_map.first()) {
        (Some(c), first) => (first.map(|(l, _)| l.to_string()), c.as_str()),
        (None, Some((l, c))) => (Some(l.to_string()), c),
        (None, None) => (None, ""),
    };
    let language = language.or_else(|| object.language.as_ref().map(|l| l.tag().to_string()));
    let warning = object.summary.as_deref().unwrap_or("").trim();
    if html.len() + warning.len() > MAX_REPLY_BYTES {
        return Err(format!(
            "a reply of {} KB is more than a comment takes ({} KB)",
            (html.len() + warning.len()) / 1024,
            MAX_REPLY_BYTES / 1024
        ));
    }
    let mut content = String::new();
    // A content warning stays with the text it warns about.
    if !warning.is_empty() {
        content.push_str(&format!(
            "<p><strong>{}</strong></p>",
            escape_html(&plain_text(warning))
        ));
    }
    content.push_str(&sanitize_reply_html(html));
    if plain_text(&content).trim().is_empty() {
        return Err("the reply has no text".into());
    }
    let published = time(object.published.as_deref()).unwrap_or_else(Timestamp::now);
    let updated = time(object.updated.as_deref())
        .unwrap_or(published)
        .max(published);
    Ok(ReplyText {
        content,
        language,
        url: best_href(object.url.as_ref()),
        published,
        updated,
    })
}

/// Who a remote actor is, as a comment shows them.
pub fn author(actor: &RemoteActor) -> Author {
    let doc: Option<Actor> = serde_json::from_str(&actor.document).ok();
    let username = doc
        .as_ref()
        .and_then(|d| d.preferred_username.clone())
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| actor.username.clone());
    let handle = format!("@{}@{}", plain_text(&username).trim(), actor.host);
    let name = doc
        .as_ref()
        .and_then(|d| d.name.as_deref())
        .map(|n| plain_text(n).trim().chars().take(100).collect::<String>())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| handle.clone());
    let icon = doc
        .as_ref()
        .and_then(|d| d.icon.as_ref())
        .and_then(|i| i.first())
        .and_then(|i| i.url())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .map(|u| u.to_string());
    let url = doc.as_ref().and_then(|d| best_href(d.url.as_ref()));
    Author {
        uri: actor.uri.clone(),
        host: actor.host.clone(),
        handle,
        name,
        url,
        icon,
    }
}

/// An object's `replies` (approved ones, paged), `likes` and `shares`: how
/// many, and, for replies, where the list is. Who liked or boosted is not
/// published.
pub fn with_reactions(mut o: Object, reactions: &Reactions) -> Object {
    let collection = |name: &str| {
        let mut u = o.id.clone();
        u.set_path(&format!("{}/{name}", o.id.path()));
        u
    };
    let replies = collection("replies");
    let mut first = replies.clone();
    first.set_query(Some("page=1"));
    o.replies = Some(Counted {
        first: Some(civicpub_protocol::values::IdRef(first)),
        ..Counted::total(Some(replies), reactions.replies)
    });
    o.likes = Some(Counted::total(Some(collection("likes")), reactions.likes));
    o.shares = Some(Counted::total(Some(collection("shares")), reactions.shares));
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn note(v: serde_json::Value) -> Object {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn a_reply_is_cleaned_and_keeps_its_language() {
        let o = note(json!({
            "id": "https://m.example/users/a/statuses/1", "type": "Note",
            "contentMap": {"nl": "<p>Hallo <script>alert(1)</script><a href=\"javascript:x()\" onclick=\"y()\">daar</a></p>"},
            "url": "https://m.example/@a/1",
            "published": "2026-01-02T03:04:05Z"
        }));
        let t = reply_text(&o).unwrap();
        assert_eq!(t.language.as_deref(), Some("nl"));
        assert!(!t.content.contains("script"), "{}", t.content);
        assert!(!t.content.contains("javascript"), "{}", t.content);
        assert!(!t.content.contains("onclick"), "{}", t.content);
        assert!(t.content.contains("Hallo"), "{}", t.content);
        assert_eq!(t.url.as_deref(), Some("https://m.example/@a/1"));
        assert_eq!(t.published.to_rfc3339(), "2026-01-02T03:04:05Z");
    }

    #[test]
    fn empty_and_huge_replies_are_refused() {
        let empty = note(json!({"id": "https://m.example/1", "type": "Note",
            "content": "<p><img src=\"https://m.example/x.png\"></p>"}));
        assert!(reply_text(&empty).unwrap_err().contains("no text"));
        let huge = note(json!({"id": "https://m.example/2", "type": "Note",
            "content": "a".repeat(100 * 1024)}));
        assert!(reply_text(&huge).unwrap_err().contains("100 KB"));
    }

    #[test]
    fn a_content_warning_stays_with_the_text() {
        let o = note(json!({"id": "https://m.example/3", "type": "Note",
            "summary": "<b>traffic</b>", "content": "<p>The bridge is closed</p>"}));
        let t = reply_text(&o).unwrap();
        assert!(
            t.content.starts_with("<p><strong>traffic</strong></p>"),
            "{}",
            t.content
        );
    }
}
