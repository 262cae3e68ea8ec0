//! What a city publishes: news, events and policy documents, each with texts in
//! one or more languages, and the rules a draft must meet before it is stored.

use crate::Media;
use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use url::Url;

/// The three kinds of content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    News,
    Event,
    Document,
}

impl ItemKind {
    pub const ALL: [ItemKind; 3] = [ItemKind::News, ItemKind::Event, ItemKind::Document];

    /// Stored name, and the word used in the API (`/api/v1/news`).
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::News => "news",
            ItemKind::Event => "event",
            ItemKind::Document => "document",
        }
    }

    /// First path segment of the item's public URL.
    pub fn path(self) -> &'static str {
        match self {
            ItemKind::News => "news",
            ItemKind::Event => "events",
            ItemKind::Document => "documents",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        ItemKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn from_path(s: &str) -> Option<Self> {
        ItemKind::ALL.into_iter().find(|k| k.path() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            ItemKind::News => "News",
            ItemKind::Event => "Events",
            ItemKind::Document => "Documents",
        }
    }
}

/// An item's text in one language. `body` is Markdown.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Text {
    pub lang: String,
    pub title: String,
    pub summary: String,
    pub body: String,
}

/// Whether an event takes place as planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    Scheduled,
    Cancelled,
    Postponed,
}

impl EventStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Scheduled => "scheduled",
            EventStatus::Cancelled => "cancelled",
            EventStatus::Postponed => "postponed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "scheduled" => Some(EventStatus::Scheduled),
            "cancelled" => Some(EventStatus::Cancelled),
            "postponed" => Some(EventStatus::Postponed),
            _ => None,
        }
    }

    /// The iCalendar (RFC 5545) STATUS.
    pub fn ical(self) -> &'static str {
        match self {
            EventStatus::Scheduled => "CONFIRMED",
            EventStatus::Cancelled => "CANCELLED",
            EventStatus::Postponed => "TENTATIVE",
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Place {
    pub name: String,
    pub address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// When and where an event happens. Times are wall-clock times in `timezone`;
/// an all-day event runs from the start date to the end date, both included.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EventDetails {
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    pub timezone: String,
    pub all_day: bool,
    pub place: Option<Place>,
    pub online_url: Option<Url>,
    pub status: EventStatus,
}

impl EventDetails {
    pub fn tz(&self) -> Option<Tz> {
        self.timezone.parse().ok()
    }

    /// The start as an instant.
    pub fn starts_utc(&self) -> Option<DateTime<Utc>> {
        local_to_utc(self.starts, self.tz()?)
    }

    pub fn ends_utc(&self) -> Option<DateTime<Utc>> {
        local_to_utc(self.ends, self.tz()?)
    }
}

fn local_to_utc(t: NaiveDateTime, tz: Tz) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&t) {
        LocalResult::Single(d) => Some(d.with_timezone(&Utc)),
        // In the hour that repeats when clocks go back, take the earlier one.
        LocalResult::Ambiguous(a, _) => Some(a.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

/// A file attached to a policy document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocumentFile {
    pub media: Media,
    /// What the file is called for people (e.g. "Digital rights charter.pdf").
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocumentDetails {
    pub version: String,
    /// SPDX licence id, e.g. CC-BY-4.0.
    pub license: String,
    pub adopted_on: NaiveDate,
    pub files: Vec<DocumentFile>,
}

/// The part of an item that depends on its kind.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ItemDetails {
    News { hero: Option<(Media, String)> },
    Event(EventDetails),
    Document(DocumentDetails),
}

impl ItemDetails {
    pub fn kind(&self) -> ItemKind {
        match self {
            ItemDetails::News { .. } => ItemKind::News,
            ItemDetails::Event(_) => ItemKind::Event,
            ItemDetails::Document(_) => ItemKind::Document,
        }
    }
}

/// What staff submit: texts (the default language first), tags and details.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    pub texts: Vec<Text>,
    pub tags: Vec<String>,
    pub details: ItemDetails,
}

/// A published item as the store keeps it. A deleted item keeps its id (ids are
/// never reused) and answers with a tombstone; its content is gone.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: i64,
    pub actor_id: i64,
    pub kind: ItemKind,
    /// `None` once deleted.
    pub draft: Option<Draft>,
    pub pinned: bool,
    pub published_at: crate::Timestamp,
    pub updated_at: crate::Timestamp,
    pub deleted_at: Option<crate::Timestamp>,
}

impl Item {
    /// The text in `lang`, else the default language's.
    pub fn text(&self, lang: &str) -> Option<&Text> {
        let texts = &self.draft.as_ref()?.texts;
        texts
            .iter()
            .find(|t| t.lang == lang)
            .or_else(|| texts.first())
    }

    pub fn path(&self) -> String {
        format!("/{}/{}", self.kind.path(), self.id)
    }
}

/// One adopted version of a policy document, readable for good at its own URL.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub item_id: i64,
    pub number: i64,
    pub created_at: crate::Timestamp,
    pub draft: Draft,
}

/// A problem with one field of a draft, for a 422 answer or a CLI message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Most lengths are Mastodon's own limits or below them.
pub const MAX_TITLE: usize = 300;
pub const MAX_SUMMARY: usize = 2_000;
pub const MAX_BODY: usize = 100_000;
pub const MAX_TAGS: usize = 20;
pub const MAX_FILES: usize = 4;

impl Draft {
    /// Checks every rule and returns all problems at once (empty when valid).
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut err = |field: String, message: &str| {
            errors.push(FieldError {
                field,
                message: message.to_string(),
            })
        };
        if self.texts.is_empty() {
            err("texts".into(), "at least one language is required");
        }
        let mut seen = Vec::new();
        for t in &self.texts {
            let f = |name: &str| format!("texts.{}.{name}", t.lang);
            if !is_language_tag(&t.lang) {
                err(
                    format!("texts.{}", t.lang),
                    "not a language tag such as en, nl or pt-BR",
                );
            }
            if seen.contains(&t.lang) {
                err(format!("texts.{}", t.lang), "the language is given twice");
            }
            seen.push(t.lang.clone());
            if t.title.trim().is_empty() {
                err(f("title"), "is required");
            } else if t.title.chars().count() > MAX_TITLE {
                err(f("title"), &format!("at most {MAX_TITLE} characters"));
            }
            if t.summary.chars().count() > MAX_SUMMARY {
                err(f("summary"), &format!("at most {MAX_SUMMARY} characters"));
            }
            if t.body.len() > MAX_BODY {
                err(f("body"), &format!("at most {MAX_BODY} bytes"));
            }
        }
        if self.tags.len() > MAX_TAGS {
            err("tags".into(), &format!("at most {MAX_TAGS} tags"));
        }
        for tag in &self.tags {
            if !is_tag(tag) {
                err(
                    format!("tags.{tag}"),
                    "a tag is 1 to 64 letters, digits or _, without #",
                );
            }
        }
        match &self.details {
            ItemDetails::News { hero } => {
                if let Some((media, alt)) = hero {
                    if !media.media_type.starts_with("image/") {
                        err("hero".into(), "must be an image");
                    }
                    if alt.trim().is_empty() {
                        err(
                            "hero_alt".into(),
                            "alt text is required: describe the image for people who cannot see it",
                        );
                    }
                }
            }
            ItemDetails::Event(e) => {
                match e.tz() {
                    None => err(
                        "timezone".into(),
                        "not an IANA time zone such as Europe/Amsterdam",
                    ),
                    Some(_) => {
                        let (s, en) = (e.starts_utc(), e.ends_utc());
                        if s.is_none() {
                            err(
                                "starts".into(),
                                "does not exist in that time zone (clocks skip it)",
                            );
                        }
                        if en.is_none() {
                            err(
                                "ends".into(),
                                "does not exist in that time zone (clocks skip it)",
                            );
                        }
                        if let (Some(s), Some(en)) = (s, en) {
                            if en < s || (en == s && !e.all_day) {
                                err("ends".into(), "must be after the start");
                            }
                        }
                    }
                }
                if let Some(p) = &e.place {
                    if p.name.trim().is_empty() {
                        err("place".into(), "a place needs a name");
                    }
                    if p.latitude.is_some() != p.longitude.is_some() {
                        err(
                            "place.coordinates".into(),
                            "give both latitude and longitude",
                        );
                    }
                    if p.latitude.is_some_and(|l| !(-90.0..=90.0).contains(&l)) {
                        err("place.latitude".into(), "must be between -90 and 90");
                    }
                    if p.longitude.is_some_and(|l| !(-180.0..=180.0).contains(&l)) {
                        err("place.longitude".into(), "must be between -180 and 180");
                    }
                }
                if let Some(u) = &e.online_url {
                    if !matches!(u.scheme(), "http" | "https") {
                        err("online_url".into(), "must be an http(s) URL");
                    }
                }
            }
            ItemDetails::Document(d) => {
                if d.version.trim().is_empty() || d.version.len() > 40 {
                    err(
                        "version".into(),
                        "a version label of 1 to 40 characters is required",
                    );
                }
                if d.license.trim().is_empty() {
                    err(
                        "license".into(),
                        "an SPDX licence id such as CC-BY-4.0 is required",
                    );
                } else if !is_spdx_id(&d.license) {
                    err("license".into(), &licence_hint(&d.license));
                }
                if d.files.is_empty() {
                    err("files".into(), "a policy document needs at least one file");
                }
                if d.files.len() > MAX_FILES {
                    err("files".into(), &format!("at most {MAX_FILES} files"));
                }
                for (i, f) in d.files.iter().enumerate() {
                    if f.name.trim().is_empty() {
                        err(format!("files.{i}.name"), "is required");
                    }
                }
            }
        }
        errors
    }
}

/// A simple BCP 47 shape: a 2–3 letter language, then alphanumeric subtags.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang_ok = parts
        .next()
        .is_some_and(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()));
    lang_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn is_tag(tag: &str) -> bool {
    let n = tag.chars().count();
    (1..=64).contains(&n) && tag.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// An SPDX licence id from the SPDX list (`CC-BY-4.0`, `MIT`, …), or a
/// `LicenseRef-…` the city defines itself.
fn is_spdx_id(id: &str) -> bool {
    spdx::license_id(id).is_some()
        || id.strip_prefix("LicenseRef-").is_some_and(|r| {
            !r.is_empty()
                && r.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
        })
}

/// What to say of a licence that is not an SPDX id: the nearest one, if any.
fn licence_hint(id: &str) -> String {
    let trimmed = id.trim();
    let near = spdx::identifiers::LICENSES
        .iter()
        .find(|(name, _, _)| name.eq_ignore_ascii_case(trimmed))
        .map(|(name, _, _)| *name)
        .or_else(|| spdx::imprecise_license_id(trimmed).map(|(l, _)| l.name));
    match near {
        Some(name) => format!("'{id}' is not an SPDX licence id: did you mean {name}?"),
        None => {
            format!("'{id}' is not an SPDX licence id such as CC-BY-4.0 (see spdx.org/licenses)")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> Text {
        Text {
            lang: "en".into(),
            title: "Digital rights week".into(),
            summary: String::new(),
            body: String::new(),
        }
    }

    fn event(starts: &str, ends: &str, tz: &str) -> Draft {
        Draft {
            texts: vec![text()],
            tags: vec![],
            details: ItemDetails::Event(EventDetails {
                starts: starts.parse().unwrap(),
                ends: ends.parse().unwrap(),
                timezone: tz.into(),
                all_day: false,
                place: None,
                online_url: None,
                status: EventStatus::Scheduled,
            }),
        }
    }

    fn fields(d: &Draft) -> Vec<String> {
        d.validate().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn events_need_a_real_zone_and_an_end_after_the_start() {
        assert!(event(
            "2026-12-01T16:00:00",
            "2026-12-01T17:30:00",
            "Europe/Amsterdam"
        )
        .validate()
        .is_empty());
        assert_eq!(
            fields(&event(
                "2026-12-01T16:00:00",
                "2026-12-01T15:00:00",
                "Europe/Amsterdam"
            )),
            ["ends"]
        );
        assert_eq!(
            fields(&event(
                "2026-12-01T16:00:00",
                "2026-12-01T17:00:00",
                "Mars/Olympus"
            )),
            ["timezone"]
        );
        // 02:30 does not exist in Amsterdam on the night clocks go forward.
        assert_eq!(
            fields(&event(
                "2027-03-28T02:30:00",
                "2027-03-28T04:00:00",
                "Europe/Amsterdam"
            )),
            ["starts"]
        );
    }

    #[test]
    fn event_instants_follow_the_zone() {
        let d = event(
            "2026-12-01T16:00:00",
            "2026-12-01T17:30:00",
            "Europe/Tirane",
        );
        let ItemDetails::Event(e) = d.details else {
            unreachable!()
        };
        assert_eq!(
            e.starts_utc().unwrap().to_rfc3339(),
            "2026-12-01T15:00:00+00:00"
        );
    }

    #[test]
    fn texts_tags_and_documents_are_checked() {
        let mut d = event("2026-12-01T16:00:00", "2026-12-01T17:30:00", "UTC");
        d.texts.push(Text {
            lang: "en".into(),
            ..text()
        });
        d.texts.push(Text {
            lang: "NL".into(),
            title: " ".into(),
            ..text()
        });
        d.tags = vec!["#bad".into(), "good_1".into()];
        assert_eq!(
            fields(&d),
            ["texts.en", "texts.NL", "texts.NL.title", "tags.#bad"]
        );
        let doc = Draft {
            texts: vec![text()],
            tags: vec![],
            details: ItemDetails::Document(DocumentDetails {
                version: "".into(),
                license: "not a licence".into(),
                adopted_on: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                files: vec![],
            }),
        };
        assert_eq!(fields(&doc), ["version", "license", "files"]);
    }

    #[test]
    fn licences_are_spdx_ids() {
        for ok in [
            "CC-BY-4.0",
            "CC0-1.0",
            "MIT",
            "EUPL-1.2",
            "LicenseRef-Amsterdam-Open",
        ] {
            assert!(is_spdx_id(ok), "{ok}");
        }
        for bad in ["NOT-A-LICENSE", "cc by", "", "LicenseRef-", "CC-BY-9.9"] {
            assert!(!is_spdx_id(bad), "{bad}");
        }
        assert!(
            licence_hint("cc-by-4.0").contains("CC-BY-4.0"),
            "{}",
            licence_hint("cc-by-4.0")
        );
    }

    #[test]
    fn hero_images_need_alt_text() {
        let d = Draft {
            texts: vec![text()],
            tags: vec![],
            details: ItemDetails::News {
                hero: Some((
                    Media {
                        sha256: "0".repeat(64),
                        media_type: "image/png".into(),
                        size: 1,
                    },
                    " ".into(),
                )),
            },
        };
        assert_eq!(fields(&d), ["hero_alt"]);
    }
}
