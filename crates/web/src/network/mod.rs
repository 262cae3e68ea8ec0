//! The network views: news, the events calendar, the policy library and search
//! across every followed city, the directory of cities, their feeds, and the
//! proxy that serves remote images from this node's own origin. The same
//! filters serve the pages, the feeds and the API (`api::network`).

pub mod feeds;
pub mod pages;
pub mod proxy;

use crate::{AppState, WebError};
use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use civicpub_domain::{NetworkItem, NetworkKind, Timestamp};
use civicpub_service::convert::ingest::proxied;
use civicpub_store::{City, Cursor, NetworkQuery};
use serde::Deserialize;
use serde_json::Value;

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

pub(crate) fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

pub(crate) fn day(v: &Option<String>, what: &str) -> Result<Option<NaiveDate>, WebError> {
    given(v)
        .map(|s| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
                WebError::bad_request(format!("{what} '{s}' is not a date (YYYY-MM-DD)"))
            })
        })
        .transpose()
}

pub(crate) fn millis(d: NaiveDate) -> Timestamp {
    Timestamp(
        d.and_hms_opt(0, 0, 0)
            .map(|t| Utc.from_utc_datetime(&t).timestamp_millis())
            .unwrap_or_default(),
    )
}

impl Filters {
    /// The store query, with `kinds` when the view fixes them.
    pub(crate) fn query(&self, kinds: &[NetworkKind]) -> Result<NetworkQuery, WebError> {
        let kinds = match given(&self.kind) {
            Some(k) => vec![NetworkKind::parse(k).ok_or_else(|| {
                WebError::bad_request(format!(
                    "unknown kind '{k}': use news, event, document, note or video"
                ))
            })?],
            None => kinds.to_vec(),
        };
        let from = day(&self.from, "from")?;
        let to = day(&self.to, "to")?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(WebError::bad_request("'from' is after 'to'"));
            }
        }
        let before = given(&self.before).map(crate::page_cursor).transpose()?;
        if let Some(q) = given(&self.q) {
            if q.chars().count() > 200 {
                return Err(WebError::bad_request("the search is over 200 characters"));
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
    pub(crate) fn query_string(&self, before: Option<String>) -> String {
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

pub(crate) fn cursor_of(items: &[NetworkItem], limit: i64) -> Option<String> {
    (items.len() as i64 == limit)
        .then(|| items.last())
        .flatten()
        .map(|i| Cursor::after(i).to_string())
}

/// Where a page loads an image from: the node's own files directly, anything
/// else through the proxy.
pub(crate) fn image_src(state: &AppState, url: &str) -> String {
    match url.strip_prefix(state.base.as_str().trim_end_matches('/')) {
        Some(path) if path.starts_with('/') => path.to_string(),
        _ => proxied(url),
    }
}

pub(crate) fn date(t: Timestamp) -> String {
    t.to_datetime().format("%-d %B %Y").to_string()
}

/// An event's time in its own time zone when it gave one, else in UTC.
pub(crate) fn event_time(item: &NetworkItem) -> Option<String> {
    let t = event_start(item)?;
    Some(format!(
        "{} ({})",
        t.format("%A %-d %B %Y, %H:%M"),
        t.timezone().name()
    ))
}

/// An event's start in its own time zone when it gave one, else in UTC.
pub(crate) fn event_start(item: &NetworkItem) -> Option<chrono::DateTime<chrono_tz::Tz>> {
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

pub(crate) fn card(state: &AppState, item: &NetworkItem) -> Card {
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

/// A followed or following city as the directory shows it.
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

pub(crate) fn city_view(state: &AppState, c: &City) -> CityView {
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
        summary_html: civicpub_service::convert::ingest::sanitize_html(summary).html,
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

#[derive(Deserialize, Default)]
pub struct MonthChoice {
    pub month: Option<String>,
}

pub(crate) fn month_start(s: Option<&str>) -> Result<NaiveDate, WebError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        Some(m) => NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d")
            .map_err(|_| WebError::bad_request(format!("month '{m}' is not YYYY-MM"))),
        None => {
            let now = Utc::now().date_naive();
            Ok(now.with_day(1).unwrap_or(now))
        }
    }
}

pub(crate) fn next_month(d: NaiveDate) -> NaiveDate {
    d.checked_add_months(chrono::Months::new(1)).unwrap_or(d)
}
