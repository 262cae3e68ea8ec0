//! Citizens' voices on the node's objects: replies (comments, moderated),
//! likes and boosts (reactions, counted), and reports (`Flag`s, for staff).

use crate::Timestamp;

/// How replies to an object are moderated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Moderation {
    /// Shown at once.
    Open,
    /// Shown once a member of staff approves them.
    Approve,
    /// Refused.
    Closed,
}

impl Moderation {
    pub const ALL: [Moderation; 3] = [Moderation::Open, Moderation::Approve, Moderation::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            Moderation::Open => "open",
            Moderation::Approve => "approve",
            Moderation::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// The words accepted where a moderation is asked for.
    pub fn choices() -> String {
        Self::ALL.map(Moderation::as_str).join(", ")
    }
}

/// What the node's objects are, as far as replies are concerned: each kind has
/// its own default moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Commentable {
    News,
    Event,
    Document,
    Consultation,
}

impl Commentable {
    pub const ALL: [Commentable; 4] = [
        Commentable::News,
        Commentable::Event,
        Commentable::Document,
        Commentable::Consultation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Commentable::News => "news",
            Commentable::Event => "event",
            Commentable::Document => "document",
            Commentable::Consultation => "consultation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn from_item(kind: crate::ItemKind) -> Self {
        match kind {
            crate::ItemKind::News => Commentable::News,
            crate::ItemKind::Event => Commentable::Event,
            crate::ItemKind::Document => Commentable::Document,
        }
    }

    /// Before the node says otherwise: policy documents and consultations are
    /// commented on in public only after staff have read what is said; news
    /// and events are open.
    pub fn default_moderation(self) -> Moderation {
        match self {
            Commentable::News | Commentable::Event => Moderation::Open,
            Commentable::Document | Commentable::Consultation => Moderation::Approve,
        }
    }
}

/// Where a comment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentState {
    /// Waiting for staff.
    Pending,
    /// Shown on the page and in the `replies` collection.
    Approved,
    /// Turned down by staff (or its author blocked): never shown.
    Rejected,
    /// Not public where it was written (a direct or followers-only reply, a
    /// message to the city): for the editors only, never shown.
    Private,
}

impl CommentState {
    pub const ALL: [CommentState; 4] = [
        CommentState::Pending,
        CommentState::Approved,
        CommentState::Rejected,
        CommentState::Private,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CommentState::Pending => "pending",
            CommentState::Approved => "approved",
            CommentState::Rejected => "rejected",
            CommentState::Private => "private",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// Who wrote a comment, as their server describes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// Their actor id.
    pub uri: String,
    /// `host[:port]` of their server.
    pub host: String,
    /// `@user@host`.
    pub handle: String,
    /// Display name (plain text); the handle when they have none.
    pub name: String,
    /// Their profile page.
    pub url: Option<String>,
    /// Their avatar's remote URL (pages show it through the node's proxy).
    pub icon: Option<String>,
}

/// A reply from elsewhere to one of the node's objects, or a message to the city.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: i64,
    /// Its ActivityPub id.
    pub uri: String,
    /// The node's object the thread belongs to (an item or a consultation);
    /// `None` for a message addressed to the city outside any thread.
    pub object_uri: Option<String>,
    /// What it answers: the object or another comment.
    pub in_reply_to: Option<String>,
    pub author: Author,
    /// Sanitized HTML.
    pub content: String,
    pub language: Option<String>,
    /// Its page on the author's server.
    pub url: Option<String>,
    /// Whether it mentions the city or is addressed to it: editors read it.
    pub to_editors: bool,
    pub state: CommentState,
    pub published_at: Timestamp,
    pub updated_at: Timestamp,
    pub received_at: Timestamp,
}

impl Comment {
    /// Where a reader goes to see it where it was written.
    pub fn link(&self) -> &str {
        self.url.as_deref().unwrap_or(&self.uri)
    }
}

/// A like or a boost of one of the node's objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReactionKind {
    Like,
    Share,
}

impl ReactionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReactionKind::Like => "like",
            ReactionKind::Share => "share",
        }
    }
}

/// How many accounts liked and boosted an object, and how many approved replies
/// it has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Reactions {
    pub likes: u64,
    pub shares: u64,
    pub replies: u64,
}

/// Where a report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportState {
    Open,
    Resolved,
}

impl ReportState {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportState::Open => "open",
            ReportState::Resolved => "resolved",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(ReportState::Open),
            "resolved" => Some(ReportState::Resolved),
            _ => None,
        }
    }
}

/// A report (`Flag`) from another server about the node's objects or accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub id: i64,
    pub activity_id: String,
    /// Who sent it (often the reporting server's own actor).
    pub actor_uri: String,
    /// Their comment, plain text.
    pub comment: String,
    /// The flagged ids.
    pub objects: Vec<String>,
    pub state: ReportState,
    pub received_at: Timestamp,
}
