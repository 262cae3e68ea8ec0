//! Items of the network as the pages show them: each city by its name and
//! icon, events by their date (once), summaries without the lines a
//! publishing node wrote for software that shows nothing else, and the words
//! a search matched marked.

use super::{actor_name_and_icon, image_src, zone};
use crate::pages::DateBlock;
use crate::site::Frame;
use crate::AppState;
use chrono::Timelike;
use civicpub_domain::{escape_html, plain_text, NetworkItem, NetworkKind, NetworkText, Timestamp};
use civicpub_i18n::Locale;
use civicpub_store::stems::Matcher;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Who published an item, as a card names them.
#[derive(Debug, Clone)]
pub struct Author {
    pub name: String,
    /// Their icon, as this node serves it.
    pub icon: Option<String>,
}

/// The authors (and sharers) of `items`, by actor id: local accounts from the
/// node's own table, others from their actor documents as last fetched (two
/// queries at most, whatever the page holds).
pub async fn authors(
    state: &AppState,
    items: &[NetworkItem],
) -> Result<HashMap<String, Author>, crate::WebError> {
    let mut out = HashMap::new();
    let local_prefix = state.base.url("/actors/").to_string();
    let mut remote: Vec<String> = Vec::new();
    let mut local = false;
    for i in items {
        for uri in [Some(&i.actor_uri), i.announced_by.as_ref()]
            .into_iter()
            .flatten()
        {
            if uri.starts_with(&local_prefix) {
                local = true;
            } else if !remote.contains(uri) {
                remote.push(uri.clone());
            }
        }
    }
    if local {
        for a in state.node.publishing_actors().await? {
            out.insert(
                format!("{local_prefix}{}", a.username),
                Author {
                    name: a.display_name.clone(),
                    icon: a.icon.as_ref().map(|m| m.path()),
                },
            );
        }
    }
    for r in state.store.remote_actors(&remote).await? {
        let (name, icon) = actor_name_and_icon(&r.document);
        out.insert(
            r.uri.clone(),
            Author {
                name: name.unwrap_or_else(|| format!("@{}@{}", r.username, r.host)),
                icon: icon.map(|u| image_src(state, &u)),
            },
        );
    }
    Ok(out)
}

/// An event of the network, in the page's language.
pub struct NetEvent {
    pub date: DateBlock,
    /// "18:00–20:00", "All day".
    pub times: String,
    /// In full, with its zone.
    pub when: String,
    pub starts_iso: String,
}

/// A network item on a page.
pub struct Card {
    pub path: String,
    pub kind: NetworkKind,
    pub title_html: String,
    pub lang: String,
    pub excerpt_html: String,
    pub host: String,
    pub author: Option<Author>,
    pub shared_by: Option<Author>,
    pub published: Timestamp,
    pub event: Option<NetEvent>,
    pub place: Option<String>,
    pub image: Option<(String, String)>,
    /// An event its publisher says is cancelled (in any language we know).
    pub cancelled: bool,
}

impl Card {
    pub fn kind_id(&self) -> &'static str {
        kind_message(self.kind)
    }

    /// The card's text is in another language than the page.
    pub fn foreign(&self, site: &Frame) -> bool {
        !self.lang.is_empty() && Locale::parse(&self.lang) != Some(site.lang)
    }

    /// Who to credit: the author's name, else the city's server.
    pub fn source(&self) -> &str {
        self.author.as_ref().map_or(&self.host, |a| &a.name)
    }
}

/// The message naming a kind of network item.
pub fn kind_message(kind: NetworkKind) -> &'static str {
    match kind {
        NetworkKind::News => "kind-news",
        NetworkKind::Event => "kind-event",
        NetworkKind::Document => "kind-document",
        NetworkKind::Note => "kind-note",
        NetworkKind::Video => "kind-video",
    }
}

/// The start of each line a node writes into an event's or a document's
/// summary for software that shows nothing else ("When: …", "Où : …"), in
/// every language of the catalogue: pages show those facts themselves.
static GENERATED: LazyLock<Vec<String>> = LazyLock::new(|| {
    const MARK: &str = "\u{1}";
    let mut out = Vec::new();
    for l in Locale::all() {
        for (id, arg) in [
            ("ap-event-when", "when"),
            ("ap-event-where", "place"),
            ("ap-event-online", "url"),
            ("ap-document-summary", "version"),
        ] {
            let line = l.t_with(
                id,
                &[
                    (arg, MARK.into()),
                    ("licence", MARK.into()),
                    ("date", MARK.into()),
                ],
            );
            if let Some((head, _)) = line.split_once(MARK) {
                out.push(head.trim_end().to_string());
            }
        }
        out.push(l.t("ap-event-cancelled"));
        out.push(l.t("ap-event-postponed"));
    }
    out.retain(|p| !p.is_empty());
    let mut out: Vec<String> = out.iter().map(|p| spaces(p)).collect();
    out.sort();
    out.dedup();
    out
});

/// The summary's paragraphs as plain text, less the lines a node generated
/// for events and documents.
pub fn summary_paragraphs(text: &NetworkText, kind: NetworkKind) -> Vec<String> {
    let generated = matches!(kind, NetworkKind::Event | NetworkKind::Document);
    text.summary_html
        .split("</p>")
        .map(plain_text)
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .filter(|p| !generated || !GENERATED.iter().any(|g| spaces(p).starts_with(g.as_str())))
        .collect()
}

/// Every kind of space as a plain one, to compare lines whose typography
/// (French no-break spaces) may have been lost on the way.
fn spaces(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

/// `text` as HTML, each word the search matched in `<mark>`.
pub fn highlight(text: &str, matcher: Option<&Matcher>, lang: &str) -> String {
    let Some(m) = matcher.filter(|m| !m.is_empty()) else {
        return escape_html(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            if m.matches(word, lang) {
                out.push_str("<mark>");
                out.push_str(&escape_html(word));
                out.push_str("</mark>");
            } else {
                out.push_str(&escape_html(word));
            }
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push_str(&escape_html(c.encode_utf8(&mut [0; 4])));
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Whether an event given as instants runs whole days: it starts at midnight
/// in its zone, and ends at midnight (or not at all).
fn whole_days(item: &NetworkItem) -> bool {
    let tz = zone(item);
    let midnight = |t: Timestamp| {
        let local = t.to_datetime().with_timezone(&tz);
        local.hour() == 0 && local.minute() == 0 || (local.hour() == 23 && local.minute() == 59)
    };
    item.starts_at.is_some_and(midnight) && item.ends_at.is_none_or(midnight)
}

/// When a network event takes place, in the page's language.
pub fn net_event(site: &Frame, item: &NetworkItem) -> Option<NetEvent> {
    let tz = zone(item);
    let starts = item.starts_at?.to_datetime().with_timezone(&tz);
    let ends = item
        .ends_at
        .filter(|e| *e >= item.starts_at.unwrap_or(*e))
        .map(|e| e.to_datetime().with_timezone(&tz));
    let all_day = whole_days(item);
    let lang = site.lang;
    let start_day = starts.date_naive();
    let until = |d: chrono::NaiveDate| site.t_with("event-until", &[("date", lang.date(d).into())]);
    let times = if all_day {
        // Ends are inclusive days here, exclusive midnights elsewhere.
        match ends.map(|e| e.date_naive()) {
            Some(d) if d > start_day.succ_opt().unwrap_or(d) => until(d),
            _ => site.t("event-all-day"),
        }
    } else {
        match ends {
            Some(e) if e.date_naive() != start_day => until(e.date_naive()),
            Some(e) => site.t_with(
                "time-range-times",
                &[
                    ("start", lang.time(starts.time()).into()),
                    ("end", lang.time(e.time()).into()),
                ],
            ),
            None => lang.time(starts.time()),
        }
    };
    let when = lang.event_time(&civicpub_i18n::EventTime {
        starts: starts.naive_local(),
        ends: ends
            .map(|e| e.naive_local())
            .unwrap_or(starts.naive_local()),
        all_day,
        zone: item.timezone.as_deref(),
        utc_offset: Some(chrono::Offset::fix(starts.offset()).local_minus_utc()),
    });
    Some(NetEvent {
        date: DateBlock::new(site, start_day),
        times,
        when,
        starts_iso: if all_day {
            start_day.format("%Y-%m-%d").to_string()
        } else {
            starts.to_rfc3339()
        },
    })
}

/// A network item as a card, in the text `site` chooses.
pub fn card(
    state: &AppState,
    site: &Frame,
    item: &NetworkItem,
    authors: &HashMap<String, Author>,
    matcher: Option<&Matcher>,
) -> Card {
    let langs: Vec<&str> = item.texts.iter().map(|t| t.lang.as_str()).collect();
    let text = item.texts.get(site.choose_text(&langs));
    let lang = text.map(|t| t.lang.clone()).unwrap_or_default();
    let title = text
        .map(|t| t.title.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| item.title());
    let excerpt = text
        .map(|t| summary_paragraphs(t, item.kind).join(" "))
        .filter(|s| !s.is_empty())
        .or_else(|| {
            // Notes have no summary: their text is the excerpt (unless it is the title).
            text.map(|t| plain_text(&t.content_html))
                .filter(|c| !c.trim().is_empty() && !title.starts_with(c.trim()))
        })
        .map(|s| crate::pages::excerpt(&s, 220))
        .unwrap_or_default();
    Card {
        path: format!("/network/items/{}", item.id),
        kind: item.kind,
        title_html: highlight(&title, matcher, &lang),
        excerpt_html: highlight(&excerpt, matcher, &lang),
        lang,
        host: item.host.clone(),
        author: authors.get(&item.actor_uri).cloned(),
        shared_by: item
            .announced_by
            .as_ref()
            .and_then(|a| authors.get(a).cloned()),
        published: item.published_at,
        event: (item.kind == NetworkKind::Event)
            .then(|| net_event(site, item))
            .flatten(),
        place: item.place.clone(),
        image: item
            .image
            .as_ref()
            .map(|i| (image_src(state, &i.url), i.name.clone().unwrap_or_default())),
        cancelled: item.kind == NetworkKind::Event && cancelled(item),
    }
}

/// Whether an event's summary says it is cancelled, in any language we know.
pub fn cancelled(e: &NetworkItem) -> bool {
    e.texts.iter().any(|t| {
        let plain = plain_text(&t.summary_html);
        Locale::all()
            .iter()
            .any(|l| spaces(plain.trim_start()).starts_with(&spaces(&l.t("ap-event-cancelled"))))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_lines_are_known_in_every_language() {
        assert!(GENERATED.iter().any(|g| g == "When:"));
        assert!(GENERATED.iter().any(|g| g == "Quand :"));
        let text = NetworkText {
            lang: "fr".into(),
            title: "Assemblée".into(),
            summary_html: "<p>Quand\u{a0}: mardi 1er décembre 2026</p><p>Où\u{a0}: Mairie</p>\
                           <p>Venez nombreux.</p>"
                .into(),
            content_html: String::new(),
        };
        assert_eq!(
            summary_paragraphs(&text, NetworkKind::Event),
            ["Venez nombreux."]
        );
        // A news item keeps its summary as written.
        assert_eq!(summary_paragraphs(&text, NetworkKind::News).len(), 3);
    }

    #[test]
    fn matched_words_are_marked() {
        let m = Matcher::new("bike", None);
        assert_eq!(
            highlight("New bikes & <paths>", Some(&m), "en"),
            "New <mark>bikes</mark> &amp; &lt;paths&gt;"
        );
        assert_eq!(highlight("a < b", None, "en"), "a &lt; b");
    }
}
