//! Feeds for readers and calendar apps: RSS 2.0 and Atom per kind, an iCalendar
//! (RFC 5545) feed of all events and one `.ics` per event. The Atom and
//! iCalendar writers serve the network's feeds too.

pub mod atom;
pub mod ical;

use crate::page_cache::{Conditional, Rendered};
use crate::pages::kind_plural;
use crate::{AppState, WebError};
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap},
    response::{IntoResponse, Response},
};
use civicpub_domain::{escape_html as xml, Item, ItemDetails, ItemKind, Timestamp};
use civicpub_i18n::Locale;
use civicpub_service::convert::item::summary_lines;
use civicpub_service::convert::item_body_html;

const FEED_SIZE: i64 = 50;

/// An item's summary as feeds give it: what the kind needs said in words (in
/// the text's language), then the text's own summary.
fn summary_text(item: &Item, lang: Locale) -> String {
    let Some(draft) = &item.draft else {
        return String::new();
    };
    match draft.texts.first() {
        Some(t) => summary_lines(&draft.details, t, lang).join("\n"),
        None => String::new(),
    }
}

/// The latest change among `items`: a feed's own date moves when any of its
/// items is updated.
fn last_change(items: &[Item]) -> Timestamp {
    items
        .iter()
        .map(|i| i.updated_at)
        .max()
        .unwrap_or(Timestamp(0))
}

/// What a feed is written with: the site's name and the node's language.
struct FeedContext {
    name: String,
    lang: Locale,
}

async fn context(state: &AppState) -> Result<FeedContext, WebError> {
    Ok(FeedContext {
        name: state.site_data.get(state).await?.name.clone(),
        lang: state.node.locale(),
    })
}

/// `/feeds/{news,events,documents}.{rss,atom}` and `/feeds/events.ics`, kept
/// until the data changes, with `ETag` and `Last-Modified`.
pub async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let no_feed = || WebError::not_found(format!("no feed '{file}'"));
    let (name, ext) = file.rsplit_once('.').ok_or_else(no_feed)?;
    let ext = ext.to_string();
    let kind = ItemKind::from_path(name).ok_or_else(no_feed)?;
    if !matches!(ext.as_str(), "rss" | "atom") && file != "events.ics" {
        return Err(no_feed());
    }
    let cond = Conditional::keyed(&format!("/feeds/{file}"), &headers);
    let state = &state;
    state
        .pages
        .serve(state.node.generation(), &cond, || async move {
            let cx = context(state).await?;
            if ext == "ics" {
                let items = state
                    .store
                    .items(Some(ItemKind::Event), None, None, 500)
                    .await?;
                return Ok(calendar(state, &cx, &items, "events"));
            }
            let items = state.store.items(Some(kind), None, None, FEED_SIZE).await?;
            let modified = Some(last_change(&items)).filter(|t| t.millis() > 0);
            Ok(if ext == "rss" {
                Rendered::file(
                    "application/rss+xml; charset=utf-8",
                    rss(state, &cx, kind, &file, &items),
                    modified,
                )
            } else {
                Rendered::file(
                    "application/atom+xml; charset=utf-8",
                    local_atom(state, &cx, kind, &file, &items),
                    modified,
                )
            })
        })
        .await
}

fn rss(state: &AppState, cx: &FeedContext, kind: ItemKind, file: &str, items: &[Item]) -> String {
    let section = cx.lang.t(kind_plural(kind));
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    out += &format!(
        "<title>{} – {}</title>\n<link>{}</link>\n<description>{}</description>\n<language>{}</language>\n<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml(&cx.name),
        xml(&section),
        state.base.url(&format!("/{}", kind.path())),
        xml(&cx.lang.t_with(
            "feed-rss-description",
            &[("section", section.as_str().into()), ("site", cx.name.as_str().into())]
        )),
        cx.lang,
        state.base.url(&format!("/feeds/{file}")),
    );
    if !items.is_empty() {
        out += &format!(
            "<lastBuildDate>{}</lastBuildDate>\n",
            last_change(items).to_datetime().to_rfc2822()
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
            xml(&summary_text(item, cx.lang)),
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

fn local_atom(
    state: &AppState,
    cx: &FeedContext,
    kind: ItemKind,
    file: &str,
    items: &[Item],
) -> String {
    let self_url = state.base.url(&format!("/feeds/{file}")).to_string();
    let title = format!("{} – {}", cx.name, cx.lang.t(kind_plural(kind)));
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
                summary: summary_text(item, cx.lang),
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
            updated: last_change(items),
            self_url: &self_url,
            alternate: &alternate,
            lang: Some(cx.lang.as_str()),
            author: Some(&cx.name),
        },
        &entries,
    )
}

/// `/events/{id}/calendar.ics`: one event for a calendar app.
pub async fn event_ics(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (item, _) = crate::items::load(&state, ItemKind::Event, &id).await?;
    if item.deleted_at.is_some() {
        return Err(WebError::not_found(format!("event {id} was deleted")));
    }
    let cond = Conditional::keyed(&format!("/events/{id}/calendar.ics"), &headers);
    let state = &state;
    state
        .pages
        .serve(state.node.generation(), &cond, || async move {
            let cx = context(state).await?;
            Ok(calendar(state, &cx, &[item], &format!("event-{id}")))
        })
        .await
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

/// A calendar file of the node's events.
fn calendar(state: &AppState, cx: &FeedContext, items: &[Item], name: &str) -> Rendered {
    let events: Vec<ical::Event> = items
        .iter()
        .filter_map(|item| local_event(state, item))
        .collect();
    let body = ical::write(
        &cx.lang
            .t_with("feed-calendar-name", &[("site", cx.name.as_str().into())]),
        &events,
    );
    let mut r = Rendered::file(
        "text/calendar; charset=utf-8",
        body,
        Some(last_change(items)).filter(|t| t.millis() > 0),
    );
    r.extra.push((
        header::CONTENT_DISPOSITION,
        format!("inline; filename=\"{name}.ics\""),
    ));
    r
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
