//! The network: what a node gathers from the accounts it follows (and its own
//! items), in one shape whatever software published it.

use crate::{plain_text, Timestamp};
use serde::{Deserialize, Serialize};

/// What kind of thing a network item is, for the views that filter on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NetworkKind {
    /// An `Article` or a `Page`: a news item, a blog post.
    News,
    /// An `Event`.
    Event,
    /// A versioned policy document (an `Article` with a `version`).
    Document,
    /// A `Note`: a short post, such as a Mastodon status.
    Note,
    /// A `Video`.
    Video,
}

impl NetworkKind {
    pub const ALL: [NetworkKind; 5] = [
        NetworkKind::News,
        NetworkKind::Event,
        NetworkKind::Document,
        NetworkKind::Note,
        NetworkKind::Video,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NetworkKind::News => "news",
            NetworkKind::Event => "event",
            NetworkKind::Document => "document",
            NetworkKind::Note => "note",
            NetworkKind::Video => "video",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One language's texts of an item; HTML is already sanitized.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkText {
    /// BCP 47 tag, or empty when the publisher did not say.
    pub lang: String,
    pub title: String,
    pub summary_html: String,
    pub content_html: String,
}

/// A file or link attached to an item. `url` is the remote address; pages show
/// images through the node's proxy.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkAttachment {
    pub url: String,
    pub media_type: Option<String>,
    pub name: Option<String>,
}

/// An item of the network, local or remote.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkItem {
    /// Row id; 0 until stored.
    pub id: i64,
    /// The ActivityPub object id.
    pub uri: String,
    /// Where a person reads it (the object's `url`, else its id).
    pub url: String,
    /// The account that published it (`attributedTo`).
    pub actor_uri: String,
    /// The node it comes from (`host[:port]` of the object id).
    pub host: String,
    pub kind: NetworkKind,
    /// The ActivityPub type it arrived as (`Article`, `Note`, ...).
    pub object_type: String,
    /// Texts, the publisher's default language first.
    pub texts: Vec<NetworkText>,
    /// Hashtags, lowercased, without `#`.
    pub tags: Vec<String>,
    pub starts_at: Option<Timestamp>,
    pub ends_at: Option<Timestamp>,
    /// IANA time zone of an event, when given.
    pub timezone: Option<String>,
    /// Place of an event in words (name, address).
    pub place: Option<String>,
    pub image: Option<NetworkAttachment>,
    pub attachments: Vec<NetworkAttachment>,
    pub published_at: Timestamp,
    pub updated_at: Timestamp,
    /// Who republished it into the node's view (`Announce`), when not its author.
    pub announced_by: Option<String>,
    /// The local item it mirrors, for the node's own items.
    pub local_item_id: Option<i64>,
}

impl NetworkItem {
    /// The first text: the publisher's default language.
    pub fn text(&self) -> Option<&NetworkText> {
        self.texts.first()
    }

    /// The text in `lang`, else the default one.
    pub fn text_in(&self, lang: &str) -> Option<&NetworkText> {
        self.texts
            .iter()
            .find(|t| t.lang == lang)
            .or_else(|| self.text())
    }

    pub fn language(&self) -> Option<&str> {
        self.text()
            .map(|t| t.lang.as_str())
            .filter(|l| !l.is_empty())
    }

    /// A title to show: the item's own, or for untitled posts (Notes) the start of its text.
    pub fn title(&self) -> String {
        let Some(t) = self.text() else {
            return String::new();
        };
        if !t.title.trim().is_empty() {
            return t.title.trim().to_string();
        }
        let plain = plain_text(&t.content_html);
        let plain = plain.trim();
        match plain.char_indices().nth(80) {
            Some((i, _)) => format!("{}…", plain[..i].trim_end()),
            None => plain.to_string(),
        }
    }

    /// Every language's title, summary and text as plain text, for the search index.
    pub fn search_text(&self) -> String {
        let mut out = String::new();
        for t in &self.texts {
            for part in [
                t.title.as_str(),
                &plain_text(&t.summary_html),
                &plain_text(&t.content_html),
            ] {
                if !part.is_empty() {
                    out.push_str(part);
                    out.push('\n');
                }
            }
        }
        if let Some(p) = &self.place {
            out.push_str(p);
            out.push('\n');
        }
        for tag in &self.tags {
            out.push_str(tag);
            out.push(' ');
        }
        // Bound what one item adds to the index.
        if let Some((i, _)) = out.char_indices().nth(64 * 1024) {
            out.truncate(i);
        }
        out
    }
}
