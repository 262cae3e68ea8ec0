//! The network's pages: lists (news, library, search), one item, the calendar
//! and the directory of cities.

use super::{
    card, city_view, cursor_of, event_start, image_src, millis, month_start, next_month, Card,
    CityView, Filters, MonthChoice,
};
use crate::{AppState, WebError};
use askama::Template;
use axum::{
    extract::{Path, Query, State},
    http::header,
    response::{Html, IntoResponse, Response},
};
use civicpub_domain::NetworkKind;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "network.html")]
struct ListPage<'a> {
    lang: &'a str,
    node_name: &'a str,
    creator: &'a str,
    heading: &'a str,
    action: &'a str,
    filters: Filters,
    kinds: Vec<&'static str>,
    items: Vec<Card>,
    next: Option<String>,
    feed: String,
    searched: bool,
}

#[derive(Template)]
#[template(path = "network_item.html")]
struct ItemPage<'a> {
    lang: &'a str,
    node_name: &'a str,
    creator: &'a str,
    card: Card,
    text_lang: String,
    languages: Vec<String>,
    content_html: String,
    url: String,
    tags: Vec<String>,
    attachments: Vec<(String, String, bool)>,
    calendar: bool,
}

#[derive(Template)]
#[template(path = "network_calendar.html")]
struct CalendarPage<'a> {
    lang: &'a str,
    node_name: &'a str,
    creator: &'a str,
    month: String,
    previous: String,
    next: String,
    days: Vec<(String, Vec<Card>)>,
}

#[derive(Template)]
#[template(path = "network_cities.html")]
struct CitiesPage<'a> {
    lang: &'a str,
    node_name: &'a str,
    creator: &'a str,
    cities: Vec<CityView>,
}

fn html(t: impl Template) -> Result<Response, WebError> {
    let body = t.render().map_err(WebError::internal)?;
    Ok(([(header::CACHE_CONTROL, "public, max-age=30")], Html(body)).into_response())
}

#[derive(Clone, Copy)]
pub enum View {
    News,
    Library,
    Search,
}

impl View {
    fn kinds(self) -> Vec<NetworkKind> {
        match self {
            View::Library => vec![NetworkKind::Document],
            _ => Vec::new(),
        }
    }
}

async fn list_page(state: AppState, filters: Filters, view: View) -> Result<Response, WebError> {
    let q = filters.query(&view.kinds())?;
    let searched = q.text.is_some();
    let items = if matches!(view, View::Search) && !searched {
        Vec::new()
    } else {
        state.store.network_items(&q).await?
    };
    let (heading, action) = match view {
        View::News => ("Network news", "/network"),
        View::Library => ("Policy library", "/network/library"),
        View::Search => ("Search the network", "/network/search"),
    };
    let next =
        cursor_of(&items, q.limit).map(|c| format!("{action}?{}", filters.query_string(Some(c))));
    let mut feed_filters = filters.clone();
    if matches!(view, View::Library) {
        feed_filters.kind = Some("document".into());
    }
    html(ListPage {
        lang: &state.site.language,
        node_name: &state.site.node_name,
        creator: &state.site.creator,
        heading,
        action,
        kinds: NetworkKind::ALL.iter().map(|k| k.as_str()).collect(),
        items: items.iter().map(|i| card(&state, i)).collect(),
        next,
        feed: match feed_filters.query_string(None) {
            q if q.is_empty() => "/network/feed.atom".to_string(),
            q => format!("/network/feed.atom?{q}"),
        },
        filters,
        searched,
    })
}

/// `/network`: everything local and followed, newest first.
pub async fn news(
    State(state): State<AppState>,
    Query(f): Query<Filters>,
) -> Result<Response, WebError> {
    list_page(state, f, View::News).await
}

/// `/network/library`: policy documents across cities.
pub async fn library(
    State(state): State<AppState>,
    Query(f): Query<Filters>,
) -> Result<Response, WebError> {
    list_page(state, f, View::Library).await
}

/// `/network/search?q=...`: full-text search with filters.
pub async fn search(
    State(state): State<AppState>,
    Query(f): Query<Filters>,
) -> Result<Response, WebError> {
    list_page(state, f, View::Search).await
}

#[derive(Deserialize, Default)]
pub struct LangChoice {
    lang: Option<String>,
}

/// `/network/items/{id}`: one gathered item, its text cleaned, its images proxied.
pub async fn item(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(choice): Query<LangChoice>,
) -> Result<Response, WebError> {
    let item = state.node.network_item(&id).await?;
    let text = match choice.lang.as_deref() {
        Some(l) => item.text_in(l),
        None => item.text(),
    };
    let card = card(&state, &item);
    html(ItemPage {
        lang: &state.site.language,
        node_name: &state.site.node_name,
        creator: &state.site.creator,
        text_lang: text.map(|t| t.lang.clone()).unwrap_or_default(),
        languages: item
            .texts
            .iter()
            .map(|t| t.lang.clone())
            .filter(|l| !l.is_empty())
            .collect(),
        card: Card {
            title: text
                .map(|t| t.title.clone())
                .filter(|t| !t.is_empty())
                .unwrap_or(card.title.clone()),
            summary_html: text.map(|t| t.summary_html.clone()).unwrap_or_default(),
            ..card
        },
        content_html: text.map(|t| t.content_html.clone()).unwrap_or_default(),
        url: item.url.clone(),
        tags: item.tags.clone(),
        attachments: item
            .attachments
            .iter()
            .map(|a| {
                let image = a
                    .media_type
                    .as_deref()
                    .is_some_and(|t| t.starts_with("image/"));
                let href = if image {
                    image_src(&state, &a.url)
                } else {
                    a.url.clone()
                };
                (href, a.name.clone().unwrap_or_else(|| a.url.clone()), image)
            })
            .collect(),
        calendar: item.kind == NetworkKind::Event && item.starts_at.is_some(),
    })
}

/// `/network/calendar?month=YYYY-MM`: the month's events across all cities, by day.
pub async fn calendar(
    State(state): State<AppState>,
    Query(m): Query<MonthChoice>,
) -> Result<Response, WebError> {
    let start = month_start(m.month.as_deref())?;
    let end = next_month(start);
    let events = state
        .store
        .network_events(millis(start), millis(end), 1000)
        .await?;
    let mut days: Vec<(String, Vec<Card>)> = Vec::new();
    for e in &events {
        // The day in the event's own time zone, as its time is shown.
        let label = event_start(e)
            .map(|t| t.format("%A %-d %B").to_string())
            .unwrap_or_default();
        match days.last_mut() {
            Some((l, cards)) if *l == label => cards.push(card(&state, e)),
            _ => days.push((label, vec![card(&state, e)])),
        }
    }
    let previous = start
        .checked_sub_months(chrono::Months::new(1))
        .unwrap_or(start);
    html(CalendarPage {
        lang: &state.site.language,
        node_name: &state.site.node_name,
        creator: &state.site.creator,
        month: start.format("%B %Y").to_string(),
        previous: previous.format("%Y-%m").to_string(),
        next: end.format("%Y-%m").to_string(),
        days,
    })
}

/// `/network/cities`: followed and following accounts, what they published
/// last, and how deliveries to them fare.
pub async fn cities(State(state): State<AppState>) -> Result<Response, WebError> {
    let cities = state.store.cities().await?;
    html(CitiesPage {
        lang: &state.site.language,
        node_name: &state.site.node_name,
        creator: &state.site.creator,
        cities: cities.iter().map(|c| city_view(&state, c)).collect(),
    })
}
