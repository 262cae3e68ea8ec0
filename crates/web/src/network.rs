//! The network views: news, the events calendar, the policy library and search
//! across every followed city, the directory of cities, their feeds and JSON,
//! and the proxy that serves remote images from this node's own origin.

use crate::api::{ApiCaller, ApiError};
use crate::{AppState, WebError};
use askama::Template;
use axum::{
    extract::{Path, Query, State},
    http::{header, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
    Json,
};
use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use civicpub_domain::{NetworkItem, NetworkKind, Timestamp};
use civicpub_federation::ingest::proxied;
use civicpub_store::{City, Cursor, NetworkQuery};
use serde::Deserialize;
use serde_json::{json, Value};

/// Remote images kept by the proxy, at most.
const PROXY_CACHE_BYTES: i64 = 512 * 1024 * 1024;
const PAGE_SIZE: i64 = 20;

/// Filters, as the pages' forms and the API take them. Empty values do not filter.
#[derive(Debug, Default, Deserialize, Clone)]
pub struct Filters {
    pub q: Option<String>,
    pub city: Option<String>,
    pub kind: Option<String>,
    pub tag: Option<String>,
    pub lang: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub before: Option<String>,
    pub limit: Option<i64>,
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn day(v: &Option<String>, what: &str) -> Result<Option<NaiveDate>, WebError> {
    given(v)
        .map(|s| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
                WebError::BadRequest(format!("{what} '{s}' is not a date (YYYY-MM-DD)"))
            })
        })
        .transpose()
}

fn millis(d: NaiveDate) -> Timestamp {
    Timestamp(
        d.and_hms_opt(0, 0, 0)
            .map(|t| Utc.from_utc_datetime(&t).timestamp_millis())
            .unwrap_or_default(),
    )
}

impl Filters {
    /// The store query, with `kinds` when the view fixes them.
    fn query(&self, kinds: &[NetworkKind]) -> Result<NetworkQuery, WebError> {
        let kinds = match given(&self.kind) {
            Some(k) => vec![NetworkKind::parse(k).ok_or_else(|| {
                WebError::BadRequest(format!(
                    "unknown kind '{k}': use news, event, document, note or video"
                ))
            })?],
            None => kinds.to_vec(),
        };
        let from = day(&self.from, "from")?;
        let to = day(&self.to, "to")?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(WebError::BadRequest("'from' is after 'to'".into()));
            }
        }
        let before = given(&self.before).map(crate::page_cursor).transpose()?;
        if let Some(q) = given(&self.q) {
            if q.chars().count() > 200 {
                return Err(WebError::BadRequest(
                    "the search is over 200 characters".into(),
                ));
            }
        }
        Ok(NetworkQuery {
            kinds,
            text: given(&self.q).map(str::to_string),
            host: given(&self.city).map(str::to_lowercase),
            tag: given(&self.tag).map(|t| t.trim_start_matches('#').to_lowercase()),
            language: given(&self.lang).map(str::to_string),
            from: from.map(millis),
            to: to.and_then(|t| t.succ_opt()).map(millis),
            before,
            limit: self.limit.unwrap_or(PAGE_SIZE).clamp(1, 100),
        })
    }

    /// The filters as a query string, with `before` replaced.
    fn query_string(&self, before: Option<String>) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", &self.q),
            ("city", &self.city),
            ("kind", &self.kind),
            ("tag", &self.tag),
            ("lang", &self.lang),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if let Some(v) = given(v) {
                s.append_pair(k, v);
            }
        }
        if let Some(b) = before {
            s.append_pair("before", &b);
        }
        s.finish()
    }
}

fn cursor_of(items: &[NetworkItem], limit: i64) -> Option<String> {
    (items.len() as i64 == limit)
        .then(|| items.last())
        .flatten()
        .map(|i| Cursor::after(i).to_string())
}

/// Where a page loads an image from: the node's own files directly, anything
/// else through the proxy.
fn image_src(state: &AppState, url: &str) -> String {
    match url.strip_prefix(state.base.as_str().trim_end_matches('/')) {
        Some(path) if path.starts_with('/') => path.to_string(),
        _ => proxied(url),
    }
}

fn date(t: Timestamp) -> String {
    t.to_datetime().format("%-d %B %Y").to_string()
}

/// An event's time in its own time zone when it gave one, else in UTC.
fn event_time(item: &NetworkItem) -> Option<String> {
    let t = event_start(item)?;
    Some(format!(
        "{} ({})",
        t.format("%A %-d %B %Y, %H:%M"),
        t.timezone().name()
    ))
}

/// An event's start in its own time zone when it gave one, else in UTC.
fn event_start(item: &NetworkItem) -> Option<chrono::DateTime<chrono_tz::Tz>> {
    let tz: chrono_tz::Tz = item
        .timezone
        .as_deref()
        .and_then(|z| z.parse().ok())
        .unwrap_or(chrono_tz::UTC);
    Some(item.starts_at?.to_datetime().with_timezone(&tz))
}

/// A network item as a page shows it.
pub struct Card {
    pub path: String,
    pub kind: &'static str,
    pub title: String,
    pub lang: String,
    pub summary_html: String,
    pub city: String,
    pub author: String,
    pub published: String,
    pub when: Option<String>,
    pub place: Option<String>,
    pub image: Option<(String, String)>,
    pub announced_by: Option<String>,
}

fn card(state: &AppState, item: &NetworkItem) -> Card {
    let text = item.text();
    Card {
        path: format!("/network/items/{}", item.id),
        kind: item.kind.as_str(),
        title: item.title(),
        lang: item.language().unwrap_or("").to_string(),
        summary_html: text.map(|t| t.summary_html.clone()).unwrap_or_default(),
        city: item.host.clone(),
        author: item.actor_uri.clone(),
        published: date(item.published_at),
        when: event_time(item),
        place: item.place.clone(),
        image: item
            .image
            .as_ref()
            .map(|i| (image_src(state, &i.url), i.name.clone().unwrap_or_default())),
        announced_by: item.announced_by.clone(),
    }
}

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

pub struct CityView {
    pub name: String,
    pub handle: String,
    pub uri: String,
    pub host: String,
    pub summary_html: String,
    pub icon: Option<String>,
    pub relation: String,
    pub items: i64,
    pub last_published: Option<String>,
    pub health: String,
    pub healthy: bool,
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

async fn load(state: &AppState, id: &str) -> Result<NetworkItem, WebError> {
    let n: i64 = id
        .parse()
        .map_err(|_| WebError::NotFound(format!("no network item '{id}'")))?;
    state
        .store
        .network_item(n)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("no network item {n}")))
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
    let item = load(&state, &id).await?;
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

#[derive(Deserialize, Default)]
pub struct MonthChoice {
    month: Option<String>,
}

fn month_start(s: Option<&str>) -> Result<NaiveDate, WebError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        Some(m) => NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d")
            .map_err(|_| WebError::BadRequest(format!("month '{m}' is not YYYY-MM"))),
        None => {
            let now = Utc::now().date_naive();
            Ok(now.with_day(1).unwrap_or(now))
        }
    }
}

fn next_month(d: NaiveDate) -> NaiveDate {
    d.checked_add_months(chrono::Months::new(1)).unwrap_or(d)
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

/// `/network/calendar.ics`: the network's events from a month ago to a year
/// ahead, for calendar apps.
pub async fn calendar_ics(State(state): State<AppState>) -> Result<Response, WebError> {
    let now = Timestamp::now().millis();
    let day = 86_400_000;
    let events = state
        .store
        .network_events(Timestamp(now - 31 * day), Timestamp(now + 366 * day), 2000)
        .await?;
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        format!(
            "PRODID:-//civicpub//{}//EN",
            civicpub_domain::SOFTWARE_VERSION
        ),
        "CALSCALE:GREGORIAN".into(),
        format!(
            "X-WR-CALNAME:{}",
            crate::feeds::ical_text(&format!("{} – network events", state.site.node_name))
        ),
    ];
    let utc = |t: Timestamp| t.to_datetime().format("%Y%m%dT%H%M%SZ").to_string();
    for e in &events {
        let Some(start) = e.starts_at else { continue };
        let end = e
            .ends_at
            .filter(|end| *end > start)
            .unwrap_or(Timestamp(start.millis() + 3_600_000));
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", e.uri));
        lines.push(format!("DTSTAMP:{}", utc(e.updated_at)));
        lines.push(format!("DTSTART:{}", utc(start)));
        lines.push(format!("DTEND:{}", utc(end)));
        lines.push(format!("SUMMARY:{}", crate::feeds::ical_text(&e.title())));
        if let Some(p) = &e.place {
            lines.push(format!("LOCATION:{}", crate::feeds::ical_text(p)));
        }
        let text = e
            .text()
            .map(|t| civicpub_domain::plain_text(&format!("{} {}", t.summary_html, t.content_html)))
            .unwrap_or_default();
        lines.push(format!(
            "DESCRIPTION:{}",
            crate::feeds::ical_text(&text.chars().take(2000).collect::<String>())
        ));
        lines.push(format!("URL:{}", e.url));
        lines.push(format!(
            "ORGANIZER;CN={}:{}",
            crate::feeds::ical_text(&e.host),
            e.actor_uri
        ));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let body: String = lines.iter().map(|l| crate::feeds::fold(l)).collect();
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "inline; filename=\"network.ics\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// `/network/feed.atom`: network items matching the filters, as Atom.
pub async fn feed(
    State(state): State<AppState>,
    Query(f): Query<Filters>,
) -> Result<Response, WebError> {
    let q = f.query(&[])?;
    let items = state.store.network_items(&q).await?;
    let xml = civicpub_federation::documents::escape_html;
    let self_url = state
        .base
        .url(&format!("/network/feed.atom?{}", f.query_string(None)));
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<id>{}</id>\n<title>{} – network</title>\n<updated>{}</updated>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<generator>civicpub</generator>\n",
        xml(self_url.as_str()),
        xml(&state.site.node_name),
        items
            .iter()
            .map(|i| i.updated_at)
            .max()
            .unwrap_or(Timestamp(0))
            .to_rfc3339(),
        xml(self_url.as_str()),
        state.base.url("/network"),
    );
    for i in &items {
        let text = i.text();
        out += &format!(
            "<entry{}>\n<id>{}</id>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<author><name>{}</name><uri>{}</uri></author>\n<published>{}</published>\n<updated>{}</updated>\n<summary type=\"html\">{}</summary>\n<content type=\"html\">{}</content>\n",
            i.language().map(|l| format!(" xml:lang=\"{}\"", xml(l))).unwrap_or_default(),
            xml(&i.uri),
            xml(&i.title()),
            xml(&i.url),
            xml(&i.host),
            xml(&i.actor_uri),
            i.published_at.to_rfc3339(),
            i.updated_at.to_rfc3339(),
            xml(&text.map(|t| t.summary_html.clone()).unwrap_or_default()),
            xml(&text.map(|t| t.content_html.replace("src=\"/", &format!("src=\"{}", state.base.url("/")))).unwrap_or_default()),
        );
        for t in &i.tags {
            out += &format!("<category term=\"{}\"/>\n", xml(t));
        }
        out += "</entry>\n";
    }
    out += "</feed>\n";
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        out,
    )
        .into_response())
}

fn city_view(state: &AppState, c: &City) -> CityView {
    let doc: Value = serde_json::from_str(&c.document).unwrap_or_default();
    let name = doc
        .get("name")
        .and_then(Value::as_str)
        .filter(|n| !n.trim().is_empty())
        .unwrap_or(&c.username)
        .to_string();
    let summary = doc.get("summary").and_then(Value::as_str).unwrap_or("");
    let icon = match doc.get("icon") {
        Some(Value::String(u)) => Some(u.clone()),
        Some(Value::Object(o)) => o.get("url").and_then(Value::as_str).map(str::to_string),
        Some(Value::Array(a)) => a
            .first()
            .and_then(|i| i.get("url"))
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => None,
    };
    let relation = match (c.following, c.follower) {
        (Some(true), true) => "follows each other",
        (Some(true), false) => "followed",
        (Some(false), true) => "follows us; our request is pending",
        (Some(false), false) => "follow request pending",
        (None, _) => "follows us",
    }
    .to_string();
    let healthy = c.paused_until.is_none() && c.failures == 0 && c.failed_deliveries == 0;
    let health = if let Some(p) = c.paused_until {
        format!(
            "deliveries paused until {} after {} failures",
            p.to_rfc3339(),
            c.failures
        )
    } else if c.failures > 0 || c.failed_deliveries > 0 {
        format!(
            "{} failed deliveries, {} recent failures{}",
            c.failed_deliveries,
            c.failures,
            c.last_error
                .as_deref()
                .map(|e| format!(" (last: {e})"))
                .unwrap_or_default()
        )
    } else {
        "deliveries succeed".to_string()
    };
    CityView {
        name: civicpub_domain::plain_text(&name),
        handle: format!("@{}@{}", c.username, c.host),
        uri: c.uri.clone(),
        host: c.host.clone(),
        summary_html: civicpub_federation::ingest::sanitize_html(summary).html,
        icon: icon.map(|u| image_src(state, &u)),
        relation,
        items: c.items,
        last_published: c.last_published.map(date),
        health: if c.pending_deliveries > 0 {
            format!("{health}; {} waiting", c.pending_deliveries)
        } else {
            health
        },
        healthy,
    }
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

#[derive(Deserialize)]
pub struct ProxyQuery {
    url: String,
}

/// `/proxy/media?url=...`: a remote image some gathered item shows, fetched and
/// cached by the node. Addresses no item refers to get 404.
pub async fn proxy(
    State(state): State<AppState>,
    Query(p): Query<ProxyQuery>,
) -> Result<Response, WebError> {
    use civicpub_service::network::ProxyError;
    if let Some(path) = p
        .url
        .strip_prefix(state.base.as_str().trim_end_matches('/'))
        .filter(|p| p.starts_with("/media/"))
    {
        return Ok(Redirect::permanent(path).into_response());
    }
    match state
        .fed
        .proxied_media(&state.media, &p.url, PROXY_CACHE_BYTES)
        .await
    {
        Ok((kind, bytes)) => Ok((
            [
                (header::CONTENT_TYPE, kind.media_type()),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            bytes,
        )
            .into_response()),
        Err(ProxyError::Unknown(m)) => Err(WebError::NotFound(m)),
        Err(ProxyError::Unavailable(m)) => Ok((
            StatusCode::BAD_GATEWAY,
            Json(json!({ "error": format!("the remote file could not be fetched: {m}") })),
        )
            .into_response()),
        Err(ProxyError::Store(e)) => Err(e.into()),
    }
}

/// `GET /api/v1/network/items`: the same filters as the pages, as JSON.
pub async fn api_items(
    State(state): State<AppState>,
    Query(f): Query<Filters>,
) -> Result<Response, WebError> {
    let q = f.query(&[])?;
    let items = state.store.network_items(&q).await?;
    let next = cursor_of(&items, q.limit).map(|c| {
        state
            .base
            .url(&format!(
                "/api/v1/network/items?{}",
                f.query_string(Some(c))
            ))
            .to_string()
    });
    Ok(Json(json!({ "items": items, "next": next })).into_response())
}

/// `GET /api/v1/network/items/{id}`.
pub async fn api_item(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    Ok(Json(load(&state, &id).await?).into_response())
}

/// `GET /api/v1/network/events?month=YYYY-MM`.
pub async fn api_events(
    State(state): State<AppState>,
    Query(m): Query<MonthChoice>,
) -> Result<Response, WebError> {
    let start = month_start(m.month.as_deref())?;
    let events = state
        .store
        .network_events(millis(start), millis(next_month(start)), 1000)
        .await?;
    Ok(
        Json(json!({ "month": start.format("%Y-%m").to_string(), "events": events }))
            .into_response(),
    )
}

/// `GET /api/v1/network/cities`.
pub async fn api_cities(State(state): State<AppState>) -> Result<Response, WebError> {
    let cities = state.store.cities().await?;
    let list: Vec<Value> = cities
        .iter()
        .map(|c| {
            let v = city_view(&state, c);
            json!({
                "actor": c.uri, "handle": v.handle, "name": v.name, "host": c.host,
                "following": c.following, "follower": c.follower,
                "items": c.items, "last_published": c.last_published.map(Timestamp::to_rfc3339),
                "delivery": {
                    "healthy": v.healthy, "failures": c.failures,
                    "paused_until": c.paused_until.map(Timestamp::to_rfc3339),
                    "pending": c.pending_deliveries, "failed": c.failed_deliveries,
                    "last_error": c.last_error,
                },
            })
        })
        .collect();
    Ok(Json(json!({ "cities": list })).into_response())
}

/// `POST /api/v1/network/items/{id}/republish` (`Announce` to the caller's
/// followers); `DELETE` takes it back (`Undo`).
pub async fn api_republish(
    State(state): State<AppState>,
    caller: ApiCaller,
    method: axum::http::Method,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    caller.require("write")?;
    let item = load(&state, &id).await?;
    if item.local_item_id.is_some() {
        return Err(ApiError::Web(WebError::BadRequest(
            "this is the node's own item; it reaches followers already".into(),
        )));
    }
    let result = if method == axum::http::Method::DELETE {
        state
            .fed
            .unrepublish(&caller.actor, &item.uri)
            .await
            .map(|_| StatusCode::NO_CONTENT.into_response())
    } else {
        state
            .fed
            .republish(&caller.actor, &item)
            .await
            .map(|id| (StatusCode::ACCEPTED, Json(json!({ "activity": id }))).into_response())
    };
    result.map_err(crate::api_federation::fed_error)
}
