//! The network views: news, the events calendar, the policy library and search
//! across every followed city, the directory of cities, their feeds, and the
//! proxy that serves remote images from this node's own origin. The same
//! filters serve the pages, the feeds and the API (`api::network`).

pub mod calendar;
pub mod cards;
pub mod cities;
pub mod feeds;
pub mod pages;
pub mod proxy;

use crate::{AppState, WebError};
use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use civicpub_domain::{NetworkItem, NetworkKind, Timestamp};
use civicpub_service::convert::ingest::proxied;
use civicpub_store::{City, NetworkQuery};
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
    /// The language filter of the pages, whose `lang` is the page's language.
    #[serde(rename = "in")]
    pub written_in: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub before: Option<String>,
    pub limit: Option<i64>,
    /// The page's number, for people (the cursor decides).
    pub page: Option<String>,
}

pub(crate) fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// What is wrong with a filter, said to the API in English and to people on
/// the pages in their language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterProblem {
    BadDate(&'static str, String),
    DatesReversed,
    UnknownKind(String),
    TooLong,
    BadCursor(String),
}

impl FilterProblem {
    pub fn english(&self) -> String {
        match self {
            FilterProblem::BadDate(what, v) => format!("{what} '{v}' is not a date (YYYY-MM-DD)"),
            FilterProblem::DatesReversed => "'from' is after 'to'".into(),
            FilterProblem::UnknownKind(k) => {
                format!("unknown kind '{k}': use news, event, document, note or video")
            }
            FilterProblem::TooLong => "the search is over 200 characters".into(),
            FilterProblem::BadCursor(c) => format!("malformed page cursor '{c}'"),
        }
    }

    /// The problem in `lang`, for the form.
    pub fn say(&self, lang: civicpub_i18n::Locale) -> String {
        match self {
            FilterProblem::BadDate(_, v) => {
                lang.t_with("error-bad-date", &[("value", v.as_str().into())])
            }
            FilterProblem::DatesReversed => lang.t("error-dates-reversed"),
            FilterProblem::UnknownKind(k) => {
                lang.t_with("error-unknown-kind", &[("value", k.as_str().into())])
            }
            FilterProblem::TooLong => lang.t("error-search-too-long"),
            FilterProblem::BadCursor(_) => lang.t("error-bad-request-text"),
        }
    }
}

impl From<FilterProblem> for WebError {
    fn from(p: FilterProblem) -> Self {
        WebError::bad_request(p.english())
    }
}

pub(crate) fn day(
    v: &Option<String>,
    what: &'static str,
) -> Result<Option<NaiveDate>, FilterProblem> {
    given(v)
        .map(|s| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| FilterProblem::BadDate(what, s.to_string()))
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
        Ok(self.check(kinds)?)
    }

    /// The store query, or what is wrong with the filters.
    pub(crate) fn check(&self, kinds: &[NetworkKind]) -> Result<NetworkQuery, FilterProblem> {
        let kinds =
            match given(&self.kind) {
                Some(k) => vec![NetworkKind::parse(k)
                    .ok_or_else(|| FilterProblem::UnknownKind(k.to_string()))?],
                None => kinds.to_vec(),
            };
        let from = day(&self.from, "from")?;
        let to = day(&self.to, "to")?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(FilterProblem::DatesReversed);
            }
        }
        let before = given(&self.before)
            .map(|b| {
                civicpub_store::Cursor::parse(b).ok_or_else(|| FilterProblem::BadCursor(b.into()))
            })
            .transpose()?;
        if let Some(q) = given(&self.q) {
            if q.chars().count() > 200 {
                return Err(FilterProblem::TooLong);
            }
        }
        Ok(NetworkQuery {
            kinds,
            text: given(&self.q).map(str::to_string),
            host: given(&self.city).map(str::to_lowercase),
            tag: given(&self.tag).map(|t| t.trim_start_matches('#').to_lowercase()),
            language: given(&self.written_in)
                .or(given(&self.lang))
                .map(str::to_string),
            from: from.map(millis),
            to: to.and_then(|t| t.succ_opt()).map(millis),
            before,
            limit: self.limit.unwrap_or(PAGE_SIZE).clamp(1, 100),
        })
    }

    /// The filters as a query string, with `before` and the page's number replaced.
    pub(crate) fn query_string(&self, before: Option<&str>, page: Option<i64>) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", &self.q),
            ("city", &self.city),
            ("kind", &self.kind),
            ("tag", &self.tag),
            ("lang", &self.lang),
            ("in", &self.written_in),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if let Some(v) = given(v) {
                s.append_pair(k, v);
            }
        }
        if let Some(b) = before {
            s.append_pair("before", b);
        }
        if let Some(p) = page {
            s.append_pair("page", &p.to_string());
        }
        s.finish()
    }

    /// Whether any filter is set (the page is then a search, not a listing).
    pub(crate) fn any(&self) -> bool {
        [
            &self.q,
            &self.city,
            &self.kind,
            &self.tag,
            &self.lang,
            &self.written_in,
            &self.from,
            &self.to,
        ]
        .iter()
        .any(|v| given(v).is_some())
    }
}

pub(crate) fn cursor_of(items: &[NetworkItem], limit: i64) -> Option<String> {
    (items.len() as i64 == limit)
        .then(|| items.last())
        .flatten()
        .map(|i| civicpub_store::Cursor::after(i).to_string())
}

/// Where a page loads an image from: the node's own files directly, anything
/// else through the proxy.
pub(crate) fn image_src(state: &AppState, url: &str) -> String {
    match url.strip_prefix(state.base.as_str().trim_end_matches('/')) {
        Some(path) if path.starts_with('/') => path.to_string(),
        _ => proxied(url),
    }
}

/// An event's start in its own time zone when it gave one, else in UTC.
pub(crate) fn event_start(item: &NetworkItem) -> Option<chrono::DateTime<chrono_tz::Tz>> {
    Some(item.starts_at?.to_datetime().with_timezone(&zone(item)))
}

pub(crate) fn zone(item: &NetworkItem) -> chrono_tz::Tz {
    item.timezone
        .as_deref()
        .and_then(|z| z.parse().ok())
        .unwrap_or(chrono_tz::UTC)
}

/// What an account's actor document says of it: its name and its icon.
pub(crate) fn actor_name_and_icon(document: &str) -> (Option<String>, Option<String>) {
    let doc: Value = serde_json::from_str(document).unwrap_or_default();
    let name = doc
        .get("name")
        .and_then(Value::as_str)
        .map(civicpub_domain::plain_text)
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
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
    (name, icon)
}

/// A city's name: its actor's display name, else its username.
pub(crate) fn city_name(c: &City) -> String {
    actor_name_and_icon(&c.document)
        .0
        .unwrap_or_else(|| c.username.clone())
}

/// Whether deliveries to a city's server succeed.
pub(crate) fn city_healthy(c: &City) -> bool {
    c.paused_until.is_none() && c.failures == 0 && c.failed_deliveries == 0
}

#[derive(Deserialize, Default)]
pub struct MonthChoice {
    pub month: Option<String>,
}

pub(crate) fn month_start(s: Option<&str>) -> Result<NaiveDate, WebError> {
    month_or(s).map_err(|m| WebError::bad_request(format!("month '{m}' is not YYYY-MM")))
}

/// The first day of the month `YYYY-MM` (this month when empty), or the
/// value that is not a month.
pub(crate) fn month_or(s: Option<&str>) -> Result<NaiveDate, String> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        Some(m) => {
            NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").map_err(|_| m.to_string())
        }
        None => {
            let now = Utc::now().date_naive();
            Ok(now.with_day(1).unwrap_or(now))
        }
    }
}

pub(crate) fn next_month(d: NaiveDate) -> NaiveDate {
    d.checked_add_months(chrono::Months::new(1)).unwrap_or(d)
}
