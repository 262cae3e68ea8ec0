//! Lists of the node's items: news (cards), events (upcoming and past, by
//! date), documents, and the items of a hashtag, a page at a time.

use super::{html, kind_plural, latest, ItemCard, PageRequest};
use crate::site::{Frame, Section};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use civicpub_domain::{Item, ItemKind, Timestamp};
use civicpub_store::Cursor;
use serde::Deserialize;

/// Items on one page of a list.
pub const PAGE_SIZE: i64 = 24;

/// Where a page of a list starts: the cursor of the item above it, and the
/// page's number (for people; the cursor decides).
#[derive(Deserialize, Default)]
pub struct PageChoice {
    pub before: Option<String>,
    pub page: Option<String>,
}

impl PageChoice {
    /// The cursor, and the page's number (1 without a cursor).
    pub fn read(&self) -> Result<(Option<Cursor>, i64), WebError> {
        let before = self
            .before
            .as_deref()
            .filter(|b| !b.is_empty())
            .map(crate::page_cursor)
            .transpose()?;
        let number = match before {
            Some(_) => self
                .page
                .as_deref()
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(2)
                .clamp(2, 100_000),
            None => 1,
        };
        Ok((before, number))
    }
}

/// Links between the pages of a list.
#[derive(Default)]
pub struct Pager {
    pub first: Option<String>,
    pub older: Option<String>,
    pub number: i64,
}

impl Pager {
    /// For a page at `number` of `path` holding `items`, `limit` at most.
    pub fn new(site: &Frame, path: &str, number: i64, items: &[Item], limit: i64) -> Pager {
        let older = (items.len() as i64 == limit)
            .then(|| items.last())
            .flatten()
            .map(|last| {
                let cursor = Cursor {
                    published_at: last.published_at.millis(),
                    id: last.id,
                };
                site.link(&format!("{path}?before={cursor}&page={}", number + 1))
            });
        Pager {
            first: (number > 1).then(|| site.link(path)),
            older,
            number,
        }
    }
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPage<'a> {
    site: &'a Frame,
    heading: String,
    /// "cards", "events", "documents" or "mixed".
    layout: &'static str,
    sections: Vec<(String, Vec<ItemCard>)>,
    /// (href, type) of the list's feed for readers, and of its calendar.
    feed: Option<(String, &'static str)>,
    calendar: Option<(String, &'static str)>,
    pager: Pager,
}

fn cards(site: &Frame, items: &[Item]) -> Vec<ItemCard> {
    items
        .iter()
        .filter_map(|i| ItemCard::new(site, i))
        .collect()
}

fn modified(items: &[Item]) -> impl Iterator<Item = Timestamp> + '_ {
    items.iter().map(|i| i.updated_at)
}

pub async fn news(
    State(state): State<AppState>,
    Query(p): Query<PageChoice>,
    req: PageRequest,
) -> Result<Response, WebError> {
    list(&state, req, p, ItemKind::News).await
}

pub async fn documents(
    State(state): State<AppState>,
    Query(p): Query<PageChoice>,
    req: PageRequest,
) -> Result<Response, WebError> {
    list(&state, req, p, ItemKind::Document).await
}

async fn list(
    state: &AppState,
    req: PageRequest,
    p: PageChoice,
    kind: ItemKind,
) -> Result<Response, WebError> {
    let (before, number) = p.read()?;
    let section = if kind == ItemKind::News {
        Section::News
    } else {
        Section::Documents
    };
    let site = req.site.clone().in_section(section);
    req.render(state, || async move {
        let items = state
            .store
            .items(Some(kind), None, before, PAGE_SIZE)
            .await?;
        let path = format!("/{}", kind.path());
        html(
            ListPage {
                heading: site.t(kind_plural(kind)),
                layout: if kind == ItemKind::News {
                    "cards"
                } else {
                    "documents"
                },
                sections: vec![(String::new(), cards(&site, &items))],
                feed: Some((format!("/feeds/{}.rss", kind.path()), "application/rss+xml")),
                calendar: None,
                pager: Pager::new(&site, &path, number, &items, PAGE_SIZE),
                site: &site,
            },
            latest(&site, modified(&items)),
        )
    })
    .await
}

pub async fn events(State(state): State<AppState>, req: PageRequest) -> Result<Response, WebError> {
    let site = req.site.clone().in_section(Section::Events);
    let state = &state;
    req.render(state, || async move {
        let now = Timestamp::now();
        let upcoming = state.store.events(now, true, 100).await?;
        let past = state.store.events(now, false, 30).await?;
        html(
            ListPage {
                heading: site.t("kind-event-plural"),
                layout: "events",
                sections: vec![
                    (site.t("event-list-upcoming"), cards(&site, &upcoming)),
                    (site.t("event-list-past"), cards(&site, &past)),
                ],
                feed: Some(("/feeds/events.rss".into(), "application/rss+xml")),
                calendar: Some(("/feeds/events.ics".into(), "text/calendar")),
                pager: Pager::default(),
                site: &site,
            },
            latest(&site, modified(&upcoming).chain(modified(&past))),
        )
    })
    .await
}

/// `/tags/{tag}`: the newest items carrying a hashtag (the `href` of `Hashtag`s).
pub async fn tag(
    State(state): State<AppState>,
    Path(tag): Path<String>,
    req: PageRequest,
) -> Result<Response, WebError> {
    let site = req.site.clone();
    let state = &state;
    req.render(state, || async move {
        // Tags live in each item's content: the newest items are scanned.
        let items: Vec<Item> = state
            .store
            .items(None, None, None, 500)
            .await?
            .into_iter()
            .filter(|i| {
                i.draft
                    .as_ref()
                    .is_some_and(|d| d.tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)))
            })
            .collect();
        html(
            ListPage {
                heading: site.t_with("list-tag-heading", &[("tag", tag.as_str().into())]),
                layout: "mixed",
                sections: vec![(String::new(), cards(&site, &items))],
                feed: None,
                calendar: None,
                pager: Pager::default(),
                site: &site,
            },
            latest(&site, modified(&items)),
        )
    })
    .await
}
