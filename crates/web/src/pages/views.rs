//! The node's items and accounts as pages show them, in the page's language:
//! dates written out, events' times and places, documents' versions, licences
//! and files.

use crate::site::Frame;
use crate::AppState;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use civicpub_domain::{
    plain_text_to_html, EventStatus, Item, ItemDetails, ItemKind, LocalActor, MediaKind, Text,
    Timestamp,
};
use civicpub_service::convert::actor::ActorUrls;
use civicpub_service::convert::item::event_time;
use civicpub_service::convert::markdown_to_html;

/// A local account as pages show it.
pub struct ActorCard {
    pub name: String,
    pub handle: String,
    pub path: String,
    pub summary_html: String,
    pub icon: Option<(String, String)>,
}

impl ActorCard {
    pub fn new(state: &AppState, actor: &LocalActor) -> Self {
        ActorCard {
            name: actor.display_name.clone(),
            handle: format!("@{}@{}", actor.username, state.base.domain()),
            path: ActorUrls::new(&state.base, actor).id.path().to_string(),
            summary_html: plain_text_to_html(&actor.summary),
            icon: actor
                .icon
                .as_ref()
                .map(|m| (m.path(), actor.icon_alt.clone().unwrap_or_default())),
        }
    }
}

/// A day as a calendar sheet shows it: "TUE", "1", "DEC" (the full date is
/// said beside it for screen readers).
pub struct DateBlock {
    pub weekday: String,
    pub day: u32,
    pub month: String,
    /// "Tuesday 1 December 2026".
    pub long: String,
}

impl DateBlock {
    pub fn new(site: &Frame, d: NaiveDate) -> Self {
        let weekday =
            site.lang.weekdays_short()[d.weekday().num_days_from_monday() as usize].clone();
        DateBlock {
            weekday,
            day: d.day(),
            month: site.t_with("month-short", &[("month", d.month().into())]),
            long: site.lang.long_date(d),
        }
    }
}

/// An event's when and where, in the page's language.
pub struct EventView {
    pub date: DateBlock,
    /// In full: "Tuesday 1 December 2026, 18:00–20:00 (Europe/Rome, UTC+01:00)".
    pub when: String,
    /// Short, beside a date block: "18:00–20:00", "All day", "until Friday 4 December".
    pub times: String,
    /// `datetime` of the start: a date for all-day events, else an instant.
    pub starts_iso: String,
    pub status: EventStatus,
    pub place: Option<String>,
    pub address: Option<String>,
    /// A plain link to OpenStreetMap at the place's coordinates.
    pub map: Option<String>,
    pub online: Option<String>,
    pub ended: bool,
}

impl EventView {
    pub fn new(site: &Frame, e: &civicpub_domain::EventDetails) -> Self {
        let lang = site.lang;
        let same_day = e.starts.date() == e.ends.date();
        let times = match (e.all_day, same_day) {
            (true, true) => site.t("event-all-day"),
            (_, false) => site.t_with(
                "event-until",
                &[("date", site.lang.date(e.ends.date()).into())],
            ),
            (false, true) => site.t_with(
                "time-range-times",
                &[
                    ("start", lang.time(e.starts.time()).into()),
                    ("end", lang.time(e.ends.time()).into()),
                ],
            ),
        };
        let instant = |t: Option<chrono::DateTime<chrono::Utc>>, local: NaiveDateTime| match t {
            Some(t) if !e.all_day => t
                .with_timezone(&e.tz().unwrap_or(chrono_tz::UTC))
                .to_rfc3339(),
            _ => local.date().format("%Y-%m-%d").to_string(),
        };
        let map = e.place.as_ref().and_then(|p| {
            let (lat, lon) = (p.latitude?, p.longitude?);
            Some(format!(
                "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=17/{lat:.5}/{lon:.5}"
            ))
        });
        EventView {
            date: DateBlock::new(site, e.starts.date()),
            when: lang.event_time(&event_time(e)),
            times,
            starts_iso: instant(e.starts_utc(), e.starts),
            status: e.status,
            place: e.place.as_ref().map(|p| p.name.clone()),
            address: e.place.as_ref().and_then(|p| p.address.clone()),
            map,
            online: e.online_url.as_ref().map(|u| u.to_string()),
            ended: e.ends_utc().is_some_and(|t| t < chrono::Utc::now()),
        }
    }

    pub fn cancelled(&self) -> bool {
        self.status == EventStatus::Cancelled
    }

    pub fn postponed(&self) -> bool {
        self.status == EventStatus::Postponed
    }
}

/// A file of a policy document.
pub struct FileView {
    pub name: String,
    pub url: String,
    pub media_type: String,
    /// "PDF, 1.2 MB": what people call the format, and the size.
    pub format_size: String,
    pub sha256: String,
}

/// A policy document's facts.
pub struct DocumentView {
    pub version: String,
    pub adopted: NaiveDate,
    pub adopted_text: String,
    pub licence: Licence,
    pub files: Vec<FileView>,
}

/// A licence by its name, with a link to its text.
pub struct Licence {
    pub name: String,
    pub url: String,
}

impl Licence {
    /// The licence an SPDX id names: its common name and the page of its
    /// text; an id not listed here is named as it is, with SPDX's page.
    pub fn from_spdx(id: &str) -> Licence {
        const KNOWN: &[(&str, &str, &str)] = &[
            (
                "CC0-1.0",
                "CC0 1.0 Universal (public domain)",
                "https://creativecommons.org/publicdomain/zero/1.0/",
            ),
            (
                "ODbL-1.0",
                "Open Data Commons Open Database License 1.0",
                "https://opendatacommons.org/licenses/odbl/1-0/",
            ),
            (
                "ODC-By-1.0",
                "Open Data Commons Attribution License 1.0",
                "https://opendatacommons.org/licenses/by/1-0/",
            ),
            (
                "PDDL-1.0",
                "Open Data Commons Public Domain Dedication and License 1.0",
                "https://opendatacommons.org/licenses/pddl/1-0/",
            ),
            (
                "etalab-2.0",
                "Licence Ouverte / Open Licence 2.0 (Etalab)",
                "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            ),
            (
                "DL-DE-BY-2.0",
                "Datenlizenz Deutschland – Namensnennung – 2.0",
                "https://www.govdata.de/dl-de/by-2-0",
            ),
            (
                "DL-DE-ZERO-2.0",
                "Datenlizenz Deutschland – Zero – 2.0",
                "https://www.govdata.de/dl-de/zero-2-0",
            ),
            (
                "OGL-UK-3.0",
                "Open Government Licence v3.0",
                "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            ),
            (
                "EUPL-1.2",
                "European Union Public Licence 1.2",
                "https://eupl.eu/1.2/en/",
            ),
            ("MIT", "MIT License", "https://spdx.org/licenses/MIT.html"),
            (
                "Apache-2.0",
                "Apache License 2.0",
                "https://www.apache.org/licenses/LICENSE-2.0",
            ),
            (
                "AGPL-3.0-or-later",
                "GNU Affero General Public License 3.0 or later",
                "https://www.gnu.org/licenses/agpl-3.0.html",
            ),
            (
                "GPL-3.0-or-later",
                "GNU General Public License 3.0 or later",
                "https://www.gnu.org/licenses/gpl-3.0.html",
            ),
        ];
        if let Some((_, name, url)) = KNOWN.iter().find(|(k, _, _)| k.eq_ignore_ascii_case(id)) {
            return Licence {
                name: (*name).into(),
                url: (*url).into(),
            };
        }
        // Creative Commons: CC-BY-SA-4.0 and the like.
        if let Some(rest) = id.strip_prefix("CC-") {
            if let Some((terms, version)) = rest.rsplit_once('-') {
                let words: Option<Vec<&str>> = terms
                    .split('-')
                    .map(|t| match t {
                        "BY" => Some("Attribution"),
                        "SA" => Some("ShareAlike"),
                        "ND" => Some("NoDerivatives"),
                        "NC" => Some("NonCommercial"),
                        _ => None,
                    })
                    .collect();
                if let Some(words) = words.filter(|w| w.first() == Some(&"Attribution")) {
                    let international = if version == "4.0" {
                        " International"
                    } else {
                        ""
                    };
                    return Licence {
                        name: format!(
                            "Creative Commons {} {version}{international}",
                            words.join("-")
                        ),
                        url: format!(
                            "https://creativecommons.org/licenses/{}/{version}/",
                            terms.to_ascii_lowercase()
                        ),
                    };
                }
            }
        }
        Licence {
            name: id.into(),
            url: format!("https://spdx.org/licenses/{id}.html"),
        }
    }
}

impl DocumentView {
    pub fn new(site: &Frame, d: &civicpub_domain::DocumentDetails) -> Self {
        DocumentView {
            version: d.version.clone(),
            adopted: d.adopted_on,
            adopted_text: site.lang.date(d.adopted_on),
            licence: Licence::from_spdx(&d.license),
            files: d
                .files
                .iter()
                .map(|f| {
                    let format = MediaKind::from_media_type(&f.media.media_type)
                        .map(|k| k.extension().to_ascii_uppercase())
                        .map(|e| if e == "JPG" { "JPEG".to_string() } else { e })
                        .unwrap_or_else(|| f.media.media_type.clone());
                    let size = site.lang.file_size(f.media.size.max(0) as u64);
                    FileView {
                        name: f.name.clone(),
                        url: f.media.path(),
                        media_type: f.media.media_type.clone(),
                        format_size: format!("{format}, {size}"),
                        sha256: f.media.sha256.clone(),
                    }
                })
                .collect(),
        }
    }
}

/// One of the node's items in one language, as lists and its page show it.
pub struct ItemCard {
    pub kind: ItemKind,
    pub path: String,
    pub title: String,
    /// The text's own summary.
    pub summary: String,
    /// The text's Markdown: rendered by [`ItemCard::body_html`] for the one
    /// page that shows it, not for every card of a list.
    body: String,
    /// The text's language (`lang` on the card when it is not the page's).
    pub lang: String,
    pub published: Timestamp,
    pub updated: Option<Timestamp>,
    pub hero: Option<(String, String)>,
    pub pinned: bool,
    pub tags: Vec<String>,
    pub event: Option<EventView>,
    pub document: Option<DocumentView>,
    /// Every language the item is written in, default first.
    pub languages: Vec<String>,
}

impl ItemCard {
    /// The item in the text `site` chooses; `None` for a deleted one.
    pub fn new(site: &Frame, item: &Item) -> Option<ItemCard> {
        let draft = item.draft.as_ref()?;
        let langs: Vec<&str> = draft.texts.iter().map(|t| t.lang.as_str()).collect();
        let text = draft.texts.get(site.choose_text(&langs))?;
        Some(Self::with_text(site, item, text))
    }

    pub fn with_text(site: &Frame, item: &Item, text: &Text) -> ItemCard {
        let draft = item.draft.as_ref();
        let details = draft.map(|d| &d.details);
        ItemCard {
            kind: item.kind,
            path: item.path(),
            title: text.title.clone(),
            summary: text.summary.trim().to_string(),
            body: text.body.clone(),
            lang: text.lang.clone(),
            published: item.published_at,
            updated: (item.updated_at != item.published_at).then_some(item.updated_at),
            hero: match details {
                Some(ItemDetails::News {
                    hero: Some((m, alt)),
                }) => Some((m.path(), alt.clone())),
                _ => None,
            },
            pinned: item.pinned,
            tags: draft.map(|d| d.tags.clone()).unwrap_or_default(),
            event: match details {
                Some(ItemDetails::Event(e)) => Some(EventView::new(site, e)),
                _ => None,
            },
            document: match details {
                Some(ItemDetails::Document(d)) => Some(DocumentView::new(site, d)),
                _ => None,
            },
            languages: draft
                .map(|d| d.texts.iter().map(|t| t.lang.clone()).collect())
                .unwrap_or_default(),
        }
    }

    /// The text as HTML.
    pub fn body_html(&self) -> String {
        markdown_to_html(&self.body)
    }

    /// The card's text is in another language than the page.
    pub fn foreign(&self, site: &Frame) -> bool {
        civicpub_i18n::Locale::parse(&self.lang) != Some(site.lang)
    }

    pub fn is_event(&self) -> bool {
        self.kind == ItemKind::Event
    }

    pub fn is_document(&self) -> bool {
        self.kind == ItemKind::Document
    }

    /// The message naming the item's kind (singular).
    pub fn kind_id(&self) -> &'static str {
        kind_message(self.kind)
    }

    /// The summary shortened for a card.
    pub fn excerpt(&self) -> String {
        excerpt(&self.summary, 220)
    }
}

/// The message naming a kind of item (singular).
pub fn kind_message(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::News => "kind-news",
        ItemKind::Event => "kind-event",
        ItemKind::Document => "kind-document",
    }
}

/// The message naming a kind of item in the plural, as a list's heading.
pub fn kind_plural(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::News => "kind-news-plural",
        ItemKind::Event => "kind-event-plural",
        ItemKind::Document => "kind-document-plural",
    }
}

/// `text` cut at a word before `max` characters, with an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let head = head
                .rsplit_once(char::is_whitespace)
                .map_or(head, |(h, _)| h);
            format!("{}…", head.trim_end_matches(|c: char| !c.is_alphanumeric()))
        }
    }
}

/// The name of a language in that language, or its tag.
pub fn language_name(tag: &str) -> String {
    civicpub_i18n::Locale::parse(tag)
        .map(|l| l.name().to_string())
        .unwrap_or_else(|| tag.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licences_by_name() {
        let l = Licence::from_spdx("CC-BY-4.0");
        assert_eq!(l.name, "Creative Commons Attribution 4.0 International");
        assert_eq!(l.url, "https://creativecommons.org/licenses/by/4.0/");
        assert_eq!(
            Licence::from_spdx("CC-BY-NC-SA-3.0").name,
            "Creative Commons Attribution-NonCommercial-ShareAlike 3.0"
        );
        assert_eq!(
            Licence::from_spdx("ODbL-1.0").name,
            "Open Data Commons Open Database License 1.0"
        );
        let other = Licence::from_spdx("Unlicense");
        assert_eq!(other.name, "Unlicense");
        assert_eq!(other.url, "https://spdx.org/licenses/Unlicense.html");
    }

    #[test]
    fn excerpts_end_at_a_word() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("one two three four", 10), "one two…");
    }
}
