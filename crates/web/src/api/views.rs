//! What the API answers: one typed struct per answer, with times as RFC 3339.
//! (Local event times are wall-clock times in the event's zone, without offset.)

use civicpub_domain::{
    FederationPolicy, Item, ItemDetails, LocalActor, Media, NetworkAttachment, NetworkItem,
    NodeBase, Timestamp,
};
use civicpub_service::items::{PlaceInput, TextInput};
use civicpub_store::{City, Follower, Following, QueueStats};
use serde::Serialize;

fn time(t: Timestamp) -> String {
    t.to_rfc3339()
}

/// A stored file.
#[derive(Serialize)]
pub struct MediaView {
    /// What inputs name it by (its SHA-256).
    pub id: String,
    pub url: String,
    pub media_type: String,
    pub size: i64,
}

impl MediaView {
    pub fn new(base: &NodeBase, m: &Media) -> Self {
        MediaView {
            id: m.sha256.clone(),
            url: base.url(&m.path()).to_string(),
            media_type: m.media_type.clone(),
            size: m.size,
        }
    }
}

/// A file attached to an item: the media and what the item says of it.
#[derive(Serialize)]
pub struct AttachedMedia {
    /// The media's id, as an input names it.
    pub media: String,
    pub url: String,
    pub media_type: String,
    pub size: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl AttachedMedia {
    fn new(base: &NodeBase, m: &Media, alt: Option<String>, name: Option<String>) -> Self {
        AttachedMedia {
            media: m.sha256.clone(),
            url: base.url(&m.path()).to_string(),
            media_type: m.media_type.clone(),
            size: m.size,
            alt,
            name,
        }
    }
}

/// An item of the node's, as `/api/v1/{news,events,documents}` answer it.
#[derive(Serialize)]
pub struct ItemView {
    pub id: i64,
    pub kind: &'static str,
    pub url: String,
    pub actor: String,
    pub published: String,
    pub updated: String,
    pub pinned: bool,
    /// When it was deleted (its content is gone then).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deleted: Option<String>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub content: Option<ContentView>,
}

#[derive(Serialize)]
pub struct ContentView {
    pub texts: Vec<TextInput>,
    pub tags: Vec<String>,
    #[serde(flatten)]
    pub details: DetailsView,
}

#[derive(Serialize)]
#[serde(untagged)]
pub enum DetailsView {
    News {
        hero: Option<AttachedMedia>,
    },
    Event {
        starts: String,
        ends: String,
        timezone: String,
        all_day: bool,
        place: Option<PlaceInput>,
        online_url: Option<String>,
        status: &'static str,
    },
    Document {
        version: String,
        license: String,
        adopted_on: String,
        files: Vec<AttachedMedia>,
    },
}

impl ItemView {
    pub fn new(base: &NodeBase, actor: &LocalActor, item: &Item) -> Self {
        ItemView {
            id: item.id,
            kind: item.kind.as_str(),
            url: base.url(&item.path()).to_string(),
            actor: actor.username.to_string(),
            published: time(item.published_at),
            updated: time(item.updated_at),
            pinned: item.pinned,
            deleted: item.deleted_at.map(time),
            content: item.draft.as_ref().map(|draft| ContentView {
                texts: draft.texts.iter().map(TextInput::from).collect(),
                tags: draft.tags.clone(),
                details: match &draft.details {
                    ItemDetails::News { hero } => DetailsView::News {
                        hero: hero
                            .as_ref()
                            .map(|(m, alt)| AttachedMedia::new(base, m, Some(alt.clone()), None)),
                    },
                    ItemDetails::Event(e) => DetailsView::Event {
                        starts: e.starts.format("%Y-%m-%dT%H:%M:%S").to_string(),
                        ends: e.ends.format("%Y-%m-%dT%H:%M:%S").to_string(),
                        timezone: e.timezone.clone(),
                        all_day: e.all_day,
                        place: e.place.as_ref().map(PlaceInput::from),
                        online_url: e.online_url.as_ref().map(|u| u.to_string()),
                        status: e.status.as_str(),
                    },
                    ItemDetails::Document(d) => DetailsView::Document {
                        version: d.version.clone(),
                        license: d.license.clone(),
                        adopted_on: d.adopted_on.to_string(),
                        files: d
                            .files
                            .iter()
                            .map(|f| AttachedMedia::new(base, &f.media, None, Some(f.name.clone())))
                            .collect(),
                    },
                },
            }),
        }
    }
}

#[derive(Serialize)]
pub struct ItemList {
    pub items: Vec<ItemView>,
}

/// One language's texts of a gathered item; HTML is sanitized.
#[derive(Serialize)]
pub struct NetworkTextView {
    pub lang: String,
    pub title: String,
    pub summary_html: String,
    pub content_html: String,
}

#[derive(Serialize)]
pub struct AttachmentView {
    pub url: String,
    pub media_type: Option<String>,
    pub name: Option<String>,
}

impl From<&NetworkAttachment> for AttachmentView {
    fn from(a: &NetworkAttachment) -> Self {
        AttachmentView {
            url: a.url.clone(),
            media_type: a.media_type.clone(),
            name: a.name.clone(),
        }
    }
}

/// An item of the network views: gathered from a followed city, or the node's own.
#[derive(Serialize)]
pub struct NetworkItemView {
    /// Its number in the network views.
    pub id: i64,
    /// Its ActivityPub id.
    pub uri: String,
    /// Where a person reads it.
    pub url: String,
    pub actor: String,
    pub host: String,
    pub kind: &'static str,
    pub texts: Vec<NetworkTextView>,
    pub tags: Vec<String>,
    pub starts: Option<String>,
    pub ends: Option<String>,
    pub timezone: Option<String>,
    pub place: Option<String>,
    pub image: Option<AttachmentView>,
    pub attachments: Vec<AttachmentView>,
    pub published: String,
    pub updated: String,
    /// Who shared it into the views, when not its author.
    pub announced_by: Option<String>,
    /// Whether it is the node's own.
    pub local: bool,
}

impl From<&NetworkItem> for NetworkItemView {
    fn from(i: &NetworkItem) -> Self {
        NetworkItemView {
            id: i.id,
            uri: i.uri.clone(),
            url: i.url.clone(),
            actor: i.actor_uri.clone(),
            host: i.host.clone(),
            kind: i.kind.as_str(),
            texts: i
                .texts
                .iter()
                .map(|t| NetworkTextView {
                    lang: t.lang.clone(),
                    title: t.title.clone(),
                    summary_html: t.summary_html.clone(),
                    content_html: t.content_html.clone(),
                })
                .collect(),
            tags: i.tags.clone(),
            starts: i.starts_at.map(time),
            ends: i.ends_at.map(time),
            timezone: i.timezone.clone(),
            place: i.place.clone(),
            image: i.image.as_ref().map(AttachmentView::from),
            attachments: i.attachments.iter().map(AttachmentView::from).collect(),
            published: time(i.published_at),
            updated: time(i.updated_at),
            announced_by: i.announced_by.clone(),
            local: i.local_item_id.is_some(),
        }
    }
}

#[derive(Serialize)]
pub struct NetworkItemList {
    pub items: Vec<NetworkItemView>,
    /// The next page, when there is one.
    pub next: Option<String>,
}

#[derive(Serialize)]
pub struct NetworkEvents {
    pub month: String,
    pub events: Vec<NetworkItemView>,
}

/// How deliveries to a city's server fare. The last error is shown only to
/// callers with a token.
#[derive(Serialize)]
pub struct DeliveryHealth {
    pub healthy: bool,
    pub failures: i64,
    pub paused_until: Option<String>,
    pub pending: i64,
    pub failed: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

#[derive(Serialize)]
pub struct CityView {
    pub actor: String,
    pub handle: String,
    pub name: String,
    pub host: String,
    /// Whether a local actor follows it (`None`: none asked to).
    pub following: Option<bool>,
    pub follower: bool,
    pub items: i64,
    pub last_published: Option<String>,
    pub delivery: DeliveryHealth,
}

impl CityView {
    pub fn new(c: &City, name: String, healthy: bool, with_errors: bool) -> Self {
        CityView {
            actor: c.uri.clone(),
            handle: format!("@{}@{}", c.username, c.host),
            name,
            host: c.host.clone(),
            following: c.following,
            follower: c.follower,
            items: c.items,
            last_published: c.last_published.map(time),
            delivery: DeliveryHealth {
                healthy,
                failures: c.failures,
                paused_until: c.paused_until.map(time),
                pending: c.pending_deliveries,
                failed: c.failed_deliveries,
                last_error: if with_errors {
                    c.last_error.clone()
                } else {
                    None
                },
            },
        }
    }
}

#[derive(Serialize)]
pub struct CityList {
    pub cities: Vec<CityView>,
}

#[derive(Serialize)]
pub struct FollowerView {
    pub actor: String,
    pub since: String,
}

impl From<&Follower> for FollowerView {
    fn from(f: &Follower) -> Self {
        FollowerView {
            actor: f.follower_uri.clone(),
            since: time(f.created_at),
        }
    }
}

#[derive(Serialize)]
pub struct FollowerList {
    pub followers: Vec<FollowerView>,
    pub pending: Vec<FollowerView>,
}

#[derive(Serialize)]
pub struct FollowingView {
    pub actor: String,
    /// `pending`, `accepted` or `rejected`.
    pub state: &'static str,
    pub accepted: bool,
    pub since: String,
}

impl From<&Following> for FollowingView {
    fn from(f: &Following) -> Self {
        FollowingView {
            actor: f.target_uri.clone(),
            state: f.state.as_str(),
            accepted: f.state == civicpub_store::FollowState::Accepted,
            since: time(f.created_at),
        }
    }
}

#[derive(Serialize)]
pub struct FollowingList {
    pub following: Vec<FollowingView>,
}

/// What a follow request answers at once: pending until the account accepts.
#[derive(Serialize)]
pub struct FollowStarted {
    pub actor: String,
    pub accepted: bool,
}

#[derive(Serialize)]
pub struct HostFailures {
    pub host: String,
    pub count: i64,
    pub last_error: String,
}

#[derive(Serialize)]
pub struct PausedHost {
    pub host: String,
    pub until: String,
}

#[derive(Serialize)]
pub struct Deliveries {
    pub pending: i64,
    pub in_flight: i64,
    pub done: i64,
    pub failed: i64,
    pub skipped: i64,
    pub failures: Vec<HostFailures>,
    pub paused: Vec<PausedHost>,
}

impl From<&QueueStats> for Deliveries {
    fn from(s: &QueueStats) -> Self {
        Deliveries {
            pending: s.pending,
            in_flight: s.in_flight,
            done: s.done,
            failed: s.failed,
            skipped: s.skipped,
            failures: s
                .failures
                .iter()
                .map(|(host, count, e)| HostFailures {
                    host: host.clone(),
                    count: *count,
                    last_error: e.clone(),
                })
                .collect(),
            paused: s
                .paused
                .iter()
                .map(|(host, t)| PausedHost {
                    host: host.clone(),
                    until: time(*t),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct DomainView {
    pub domain: String,
    pub rule: &'static str,
}

#[derive(Serialize)]
pub struct PolicyView {
    pub mode: &'static str,
    pub domains: Vec<DomainView>,
}

impl From<&FederationPolicy> for PolicyView {
    fn from(p: &FederationPolicy) -> Self {
        PolicyView {
            mode: p.mode.as_str(),
            domains: p
                .rules
                .iter()
                .map(|(d, r)| DomainView {
                    domain: d.clone(),
                    rule: r.as_str(),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct Republished {
    pub activity: String,
}
