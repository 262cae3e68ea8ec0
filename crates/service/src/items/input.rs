//! Reading what staff submit: one input shape for every front end, read with
//! one set of rules (every problem reported at once), files checked and
//! images of other sites copied before anything is stored, and an item too
//! large to deliver refused.

use crate::media::{Checked, MediaInput, MediaUse};
use crate::{Node, Problems, Result};
use chrono::{NaiveDate, NaiveDateTime};
use civicpub_domain::{
    DocumentDetails, DocumentFile, Draft, EventDetails, EventStatus, Item, ItemDetails, ItemKind,
    LocalActor, Place, Text,
};
use civicpub_protocol::activity::ActivityType;
use serde::{Deserialize, Serialize};
use url::Url;

/// One language's texts as staff give them. `body` is Markdown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextInput {
    pub lang: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub body: String,
}

impl From<&Text> for TextInput {
    fn from(t: &Text) -> Self {
        TextInput {
            lang: t.lang.clone(),
            title: t.title.clone(),
            summary: t.summary.clone(),
            body: t.body.clone(),
        }
    }
}

/// A file given with an item: its media, and a text alternative (images) or a
/// name for people (documents).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MediaRef {
    pub media: MediaInput,
    #[serde(default)]
    pub alt: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceInput {
    pub name: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
}

impl From<&Place> for PlaceInput {
    fn from(p: &Place) -> Self {
        PlaceInput {
            name: p.name.clone(),
            address: p.address.clone(),
            latitude: p.latitude,
            longitude: p.longitude,
        }
    }
}

/// An item as staff submit it, whatever the front end: each kind reads the
/// fields it has. Times are local times in `timezone`, such as
/// `2026-12-01T16:00` (or `2026-12-01 16:00`); an all-day event takes dates.
/// A draft keeps it as JSON, its files stored first (named by their hash).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemInput {
    #[serde(default)]
    pub texts: Vec<TextInput>,
    #[serde(default)]
    pub tags: Vec<String>,
    // News
    #[serde(default)]
    pub hero: Option<MediaRef>,
    // Events
    #[serde(default)]
    pub starts: Option<String>,
    #[serde(default)]
    pub ends: Option<String>,
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default)]
    pub all_day: bool,
    #[serde(default)]
    pub place: Option<PlaceInput>,
    #[serde(default)]
    pub online_url: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    // Documents
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub license: Option<String>,
    #[serde(default)]
    pub adopted_on: Option<String>,
    #[serde(default)]
    pub files: Vec<MediaRef>,
}

/// Largest activity carrying an item: what receivers accept (1 MiB, civicpub's
/// inboxes and Mastodon's), less room for the collection page around it.
pub const MAX_ACTIVITY_BYTES: usize = 1_000_000;

/// The ways a local time may be written.
const LOCAL_TIME_FORMATS: [&str; 4] = [
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
];

/// An event's start or end: a local time, or (all day) a date, whose end is
/// the last moment of that day.
fn event_time(
    value: &Option<String>,
    field: &str,
    all_day: bool,
    end: bool,
    problems: &mut Problems,
) -> NaiveDateTime {
    let Some(s) = value.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
        problems.add(field, "is required");
        return NaiveDateTime::default();
    };
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        if all_day {
            let t = if end {
                d.and_hms_opt(23, 59, 59)
            } else {
                d.and_hms_opt(0, 0, 0)
            };
            return t.unwrap_or_default();
        }
        problems.add(
            field,
            format!("'{s}' is a date: give a time too, like {s}T16:00, or make the event all day"),
        );
        return NaiveDateTime::default();
    }
    match LOCAL_TIME_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    {
        Some(_) if all_day => {
            problems.add(
                field,
                format!("an all-day event takes a date such as 2026-12-01, not a time ('{s}')"),
            );
            NaiveDateTime::default()
        }
        Some(t) => t,
        None => {
            problems.add(
                field,
                format!(
                    "'{s}' is not a local time like 2026-12-01T16:00{}",
                    if all_day { " or a date" } else { "" }
                ),
            );
            NaiveDateTime::default()
        }
    }
}

impl ItemInput {
    /// The input that gives back `draft`: what the CLI changes field by field.
    pub fn from_draft(draft: &Draft) -> ItemInput {
        let mut input = ItemInput {
            texts: draft.texts.iter().map(TextInput::from).collect(),
            tags: draft.tags.clone(),
            ..Default::default()
        };
        match &draft.details {
            ItemDetails::News { hero } => {
                input.hero = hero.as_ref().map(|(m, alt)| MediaRef {
                    media: MediaInput::Stored(m.sha256.clone()),
                    alt: Some(alt.clone()),
                    name: None,
                });
            }
            ItemDetails::Event(e) => {
                let format = if e.all_day {
                    "%Y-%m-%d"
                } else {
                    "%Y-%m-%dT%H:%M:%S"
                };
                input.starts = Some(e.starts.format(format).to_string());
                input.ends = Some(e.ends.format(format).to_string());
                input.timezone = Some(e.timezone.clone());
                input.all_day = e.all_day;
                input.place = e.place.as_ref().map(PlaceInput::from);
                input.online_url = e.online_url.as_ref().map(Url::to_string);
                input.status = Some(e.status.as_str().to_string());
            }
            ItemDetails::Document(d) => {
                input.version = Some(d.version.clone());
                input.license = Some(d.license.clone());
                input.adopted_on = Some(d.adopted_on.to_string());
                input.files = d
                    .files
                    .iter()
                    .map(|f| MediaRef {
                        media: MediaInput::Stored(f.media.sha256.clone()),
                        alt: None,
                        name: Some(f.name.clone()),
                    })
                    .collect();
            }
        }
        input
    }
}

impl Node {
    /// Reads an input into a draft of `kind`: every problem at once, files
    /// stored only when everything else holds.
    pub(super) async fn draft(
        &self,
        actor: &LocalActor,
        kind: ItemKind,
        input: ItemInput,
    ) -> Result<Draft> {
        let mut problems = Problems::default();
        let details = match kind {
            ItemKind::News => {
                let hero = match &input.hero {
                    Some(h) => self
                        .check_media(&h.media, MediaUse::Image, "hero", &mut problems)
                        .await?
                        .map(|c| (c, h.alt.clone().unwrap_or_default())),
                    None => None,
                };
                Details::News { hero }
            }
            ItemKind::Event => {
                let online_url = input
                    .online_url
                    .as_deref()
                    .map(str::trim)
                    .filter(|u| !u.is_empty())
                    .and_then(|u| {
                        Url::parse(u)
                            .map_err(|_| problems.add("online_url", format!("'{u}' is not a URL")))
                            .ok()
                    });
                let status = match input.status.as_deref().map(str::trim) {
                    None | Some("") => EventStatus::Scheduled,
                    Some(s) => EventStatus::parse(s).unwrap_or_else(|| {
                        problems.add(
                            "status",
                            format!("'{s}' is not scheduled, cancelled or postponed"),
                        );
                        EventStatus::Scheduled
                    }),
                };
                let all_day = input.all_day;
                Details::Event(EventDetails {
                    starts: event_time(&input.starts, "starts", all_day, false, &mut problems),
                    ends: event_time(&input.ends, "ends", all_day, true, &mut problems),
                    timezone: input
                        .timezone
                        .clone()
                        .unwrap_or_default()
                        .trim()
                        .to_string(),
                    all_day,
                    place: input.place.clone().map(|p| Place {
                        name: p.name,
                        address: p.address.filter(|a| !a.trim().is_empty()),
                        latitude: p.latitude,
                        longitude: p.longitude,
                    }),
                    online_url,
                    status,
                })
            }
            ItemKind::Document => {
                let adopted_on = match input.adopted_on.as_deref().map(str::trim) {
                    None | Some("") => chrono::Utc::now().date_naive(),
                    Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap_or_else(|_| {
                        problems.add("adopted_on", format!("'{d}' is not a date like 2026-03-15"));
                        NaiveDate::default()
                    }),
                };
                let mut files = Vec::new();
                for (i, f) in input.files.iter().enumerate() {
                    if let Some(c) = self
                        .check_media(
                            &f.media,
                            MediaUse::File,
                            &format!("files.{i}.media"),
                            &mut problems,
                        )
                        .await?
                    {
                        files.push((c, f.name.clone()));
                    }
                }
                Details::Document {
                    version: input.version.clone().unwrap_or_default(),
                    license: input.license.clone().unwrap_or_default(),
                    adopted_on,
                    files,
                }
            }
        };
        let mut texts: Vec<Text> = input
            .texts
            .into_iter()
            .map(|t| Text {
                lang: t.lang.trim().to_string(),
                title: t.title,
                summary: t.summary,
                body: t.body,
            })
            .collect();
        // Images of other sites in the texts are copied to this node, so that
        // no page ever makes a reader's browser ask another site.
        let mut copied = Vec::new();
        if problems.is_empty() {
            for text in &mut texts {
                copied.extend(self.copy_images(text, &mut problems).await);
            }
        }
        // The draft's own rules, checked on what the input gives (files as
        // they will be stored).
        let preview = Draft {
            texts: texts.clone(),
            tags: input.tags.clone(),
            details: details.preview(),
        };
        problems.extend(preview.validate());
        if problems.is_empty() {
            self.check_size(actor, &preview, &mut problems);
        }
        problems.or(())?;
        for image in copied {
            self.store_media(image).await?;
        }
        let details = match details {
            Details::News { hero } => ItemDetails::News {
                hero: match hero {
                    Some((c, alt)) => Some((self.store_media(c).await?, alt)),
                    None => None,
                },
            },
            Details::Event(e) => ItemDetails::Event(e),
            Details::Document {
                version,
                license,
                adopted_on,
                files,
            } => {
                let mut stored = Vec::new();
                for (c, name) in files {
                    let media = self.store_media(c).await?;
                    let name = name
                        .filter(|n| !n.trim().is_empty())
                        .unwrap_or_else(|| media.file_name());
                    stored.push(DocumentFile { media, name });
                }
                ItemDetails::Document(DocumentDetails {
                    version,
                    license,
                    adopted_on,
                    files: stored,
                })
            }
        };
        Ok(Draft {
            texts,
            tags: input.tags,
            details,
        })
    }

    /// Fetches the images of other sites that `text`'s body shows, and points
    /// the body at the node's copies; what cannot be copied is a problem with
    /// the body. The copies are returned checked, to be stored with the item.
    async fn copy_images(&self, text: &mut Text, problems: &mut Problems) -> Vec<Checked> {
        let field = format!("texts.{}.body", text.lang);
        let mut copies = Vec::new();
        for src in crate::convert::markdown::foreign_images(&text.body, &self.base) {
            let Some(url) = crate::convert::markdown::image_url(&src) else {
                problems.add(
                    &field,
                    format!("the image '{src}' is not on this node: upload it and use its /media/ address"),
                );
                continue;
            };
            match self.fetch_image(&url).await {
                Ok(checked) => {
                    let local = self.base.url(&checked.preview().path());
                    text.body = text.body.replace(&src, local.as_str());
                    copies.push(checked);
                }
                Err(why) => problems.add(
                    &field,
                    format!(
                        "the image {src} could not be copied to this node ({why}): \
                         upload it and use its /media/ address"
                    ),
                ),
            }
        }
        copies
    }

    /// An image of another site, fetched (never from a private address) and checked.
    async fn fetch_image(&self, url: &Url) -> std::result::Result<Checked, String> {
        self.require_allowed(&civicpub_domain::authority(url))
            .await
            .map_err(|e| e.to_string())?;
        let (bytes, _) = self
            .http
            .get_bytes(url, crate::media::UPLOAD_LIMIT as usize)
            .await
            .map_err(|e| e.to_string())?;
        let mut problems = Problems::default();
        let upload = MediaInput::Upload {
            bytes,
            claimed: None,
        };
        let checked = self
            .check_media(&upload, MediaUse::Image, "image", &mut problems)
            .await
            .map_err(|e| e.to_string())?;
        checked.ok_or_else(|| {
            problems
                .0
                .iter()
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    /// Refuses an item that could not be delivered: its `Create` (the largest
    /// document that carries it) must fit what receivers accept, civicpub's
    /// inboxes and Mastodon's alike (1 MiB), with room for a collection page
    /// around it. Names the largest text as the one to shorten.
    fn check_size(&self, actor: &LocalActor, draft: &Draft, problems: &mut Problems) {
        let now = civicpub_domain::Timestamp::now();
        let item = Item {
            id: i64::MAX,
            actor_id: actor.id,
            kind: draft.details.kind(),
            draft: Some(draft.clone()),
            pinned: false,
            published_at: now,
            updated_at: now,
            deleted_at: None,
        };
        let size = self.activity(actor, &item, ActivityType::Update).body.len();
        if size > MAX_ACTIVITY_BYTES {
            let largest = draft
                .texts
                .iter()
                .max_by_key(|t| t.body.len() + t.summary.len() + t.title.len())
                .map(|t| format!("texts.{}.body", t.lang))
                .unwrap_or_else(|| "texts".into());
            problems.add(
                largest,
                format!(
                    "the item would be {} KB as ActivityPub, over the {} KB other servers \
                     accept: shorten its texts, or publish some languages apart",
                    size / 1000,
                    MAX_ACTIVITY_BYTES / 1000
                ),
            );
        }
    }
}

/// Details read from an input, with their files checked but not yet stored.
enum Details {
    News {
        hero: Option<(crate::media::Checked, String)>,
    },
    Event(EventDetails),
    Document {
        version: String,
        license: String,
        adopted_on: NaiveDate,
        files: Vec<(crate::media::Checked, Option<String>)>,
    },
}

impl Details {
    /// The details as the draft's rules see them, files as they will be stored.
    fn preview(&self) -> ItemDetails {
        match self {
            Details::News { hero } => ItemDetails::News {
                hero: hero.as_ref().map(|(c, alt)| (c.preview(), alt.clone())),
            },
            Details::Event(e) => ItemDetails::Event(e.clone()),
            Details::Document {
                version,
                license,
                adopted_on,
                files,
            } => ItemDetails::Document(DocumentDetails {
                version: version.clone(),
                license: license.clone(),
                adopted_on: *adopted_on,
                files: files
                    .iter()
                    .map(|(c, name)| DocumentFile {
                        media: c.preview(),
                        name: name.clone().unwrap_or_else(|| c.preview().file_name()),
                    })
                    .collect(),
            }),
        }
    }
}
