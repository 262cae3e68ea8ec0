//! Feeds for readers and calendar apps: RSS 2.0 and Atom per kind, an iCalendar
//! (RFC 5545) feed of all events and one `.ics` per event. The Atom and
//! iCalendar writers serve the network's feeds too.

pub mod atom;
pub mod ical;

use crate::{AppState, WebError};
use axum::{
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};
use civicpub_domain::{escape_html as xml, Item, ItemDetails, ItemKind, Timestamp};
use civicpub_service::convert::item::event_in_words;
use civicpub_service::convert::item_body_html;

const FEED_SIZE: i64 = 50;

fn kind_from_file(file: &str, ext: &str) -> Result<ItemKind, WebError> {
    file.strip_suffix(ext)
        .and_then(ItemKind::from_path)
        .ok_or_else(|| WebError::not_found(format!("no feed '{file}'")))
}

async fn feed_items(state: &AppState, kind: ItemKind) -> Result<Vec<Item>, WebError> {
    Ok(state.store.items(Some(kind), None, None, FEED_SIZE).await?)
}

fn summary_text(item: &Item) -> String {
    let Some(draft) = &item.draft else {
        return String::new();
    };
    let mut lines = match &draft.details {
        ItemDetails::Event(e) => event_in_words(e),
        _ => Vec::new(),
    };
    if let Some(t) = draft.texts.first() {
        if !t.summary.trim().is_empty() {
            lines.push(t.summary.trim().to_string());
        }
    }
    lines.join("\n")
}

/// `/feeds/{news,events,documents}.rss` and `.atom`, and `/feeds/events.ics`.
pub async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, WebError> {
    if file.ends_with(".rss") {
        let kind = kind_from_file(&file, ".rss")?;
        let items = feed_items(&state, kind).await?;
        Ok((
            [(header::CONTENT_TYPE, "application/rss+xml; charset=utf-8")],
            rss(&state, kind, &file, &items),
        )
            .into_response())
    } else if file.ends_with(".atom") {
        let kind = kind_from_file(&file, ".atom")?;
        let items = feed_items(&state, kind).await?;
        Ok((
            [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
            local_atom(&state, kind, &file, &items),
        )
            .into_response())
    } else if file == "events.ics" {
        let items = state
            .store
            .items(Some(ItemKind::Event), None, None, 500)
            .await?;
        Ok(calendar_response(&state, &items, "events"))
    } else {
        Err(WebError::not_found(format!("no feed '{file}'")))
    }
}

fn rss(state: &AppState, kind: ItemKind, file: &str, items: &[Item]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    out += &format!(
        "<title>{} – {}</title>\n<link>{}</link>\n<description>{} from {}</description>\n<language>{}</language>\n<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml(&state.site.node_name),
        kind.label(),
        state.base.url(&format!("/{}", kind.path())),
        kind.label(),
        xml(&state.site.node_name),
        xml(&state.site.language),
        state.base.url(&format!("/feeds/{file}")),
    );
    if let Some(first) = items.first() {
        out += &format!(
            "<lastBuildDate>{}</lastBuildDate>\n",
            first.updated_at.to_datetime().to_rfc2822()
        );
    }
    for item in items {
        let Some(draft) = &item.draft else { continue };
        let text = &draft.texts[0];
        let url = state.base.url(&item.path());
        out += &format!(
            "<item>\n<title>{}</title>\n<link>{url}</link>\n<guid isPermaLink=\"true\">{url}</guid>\n<pubDate>{}</pubDate>\n<description>{}</description>\n",
            xml(&text.title),
            item.published_at.to_datetime().to_rfc2822(),
            xml(&summary_text(item)),
        );
        for tag in &draft.tags {
            out += &format!("<category>{}</category>\n", xml(tag));
        }
        if let ItemDetails::Document(d) = &draft.details {
            if let Some(f) = d.files.first() {
                out += &format!(
                    "<enclosure url=\"{}\" length=\"{}\" type=\"{}\"/>\n",
                    state.base.url(&f.media.path()),
                    f.media.size,
                    xml(&f.media.media_type)
                );
            }
        }
        out += "</item>\n";
    }
    out += "</channel>\n</rss>\n";
    out
}

fn local_atom(state: &AppState, kind: ItemKind, file: &str, items: &[Item]) -> String {
    let self_url = state.base.url(&format!("/feeds/{file}")).to_string();
    let title = format!("{} – {}", state.site.node_name, kind.label());
    let alternate = state.base.url(&format!("/{}", kind.path())).to_string();
    let entries: Vec<atom::Entry> = items
        .iter()
        .filter_map(|item| {
            let draft = item.draft.as_ref()?;
            let text = &draft.texts[0];
            let url = state.base.url(&item.path()).to_string();
            Some(atom::Entry {
                id: url.clone(),
                title: text.title.clone(),
                url,
                lang: Some(text.lang.clone()),
                author: None,
                published: item.published_at,
                updated: item.updated_at,
                summary: summary_text(item),
                summary_is_html: false,
                content_html: item_body_html(&text.body, &state.base),
                categories: draft.tags.clone(),
                enclosures: match &draft.details {
                    ItemDetails::Document(d) => d
                        .files
                        .iter()
                        .map(|f| {
                            (
                                f.media.media_type.clone(),
                                f.media.size,
                                state.base.url(&f.media.path()).to_string(),
                            )
                        })
                        .collect(),
                    _ => Vec::new(),
                },
            })
        })
        .collect();
    atom::write(
        &atom::Feed {
            id: &self_url,
            title: &title,
            updated: items.first().map_or(Timestamp(0), |i| i.updated_at),
            self_url: &self_url,
            alternate: &alternate,
            lang: Some(&state.site.language),
            author: Some(&state.site.node_name),
        },
        &entries,
    )
}

/// `/events/{id}/calendar.ics`: one event for a calendar app.
pub async fn event_ics(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let (item, _) = crate::items::load(&state, ItemKind::Event, &id).await?;
    if item.deleted_at.is_some() {
        return Err(WebError::not_found(format!("event {id} was deleted")));
    }
    Ok(calendar_response(&state, &[item], &format!("event-{id}")))
}

/// An iCalendar file for download (or subscription).
pub(crate) fn ics_response(body: String, name: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}.ics\""),
            ),
        ],
        body,
    )
        .into_response()
}

fn calendar_response(state: &AppState, items: &[Item], name: &str) -> Response {
    let events: Vec<ical::Event> = items
        .iter()
        .filter_map(|item| local_event(state, item))
        .collect();
    ics_response(
        ical::write(&format!("{} – Events", state.site.node_name), &events),
        name,
    )
}

/// A live event of the node's as a calendar event, in its own time zone.
fn local_event(state: &AppState, item: &Item) -> Option<ical::Event> {
    let draft = item.draft.as_ref()?;
    let ItemDetails::Event(e) = &draft.details else {
        return None;
    };
    let text = &draft.texts[0];
    let when = match e.tz() {
        _ if e.all_day => ical::When::AllDay {
            first: e.starts.date(),
            last: e.ends.date(),
        },
        Some(zone) => ical::When::Local {
            starts: e.starts,
            ends: e.ends,
            zone,
        },
        None => return None,
    };
    let url = state.base.url(&item.path()).to_string();
    Some(ical::Event {
        uid: url.clone(),
        stamp: item.updated_at,
        created: Some(item.published_at),
        last_modified: Some(item.updated_at),
        when,
        summary: text.title.clone(),
        description: Some(text.summary.trim().to_string()).filter(|s| !s.is_empty()),
        location: match (&e.place, &e.online_url) {
            (Some(p), _) => Some(match &p.address {
                Some(a) => format!("{}, {a}", p.name),
                None => p.name.clone(),
            }),
            (None, Some(u)) => Some(u.to_string()),
            (None, None) => None,
        },
        geo: e.place.as_ref().and_then(|p| p.latitude.zip(p.longitude)),
        url,
        status: Some(e.status),
        categories: draft.tags.clone(),
        organizer: None,
    })
}
