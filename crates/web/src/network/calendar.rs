//! The network's joint calendar, a month at a time.

use super::cards::{authors, card};
use super::{event_start, millis, month_or, next_month, MonthChoice};
use crate::pages::{html, latest, PageRequest};
use crate::site::{Frame, Section};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Datelike, NaiveDate};

/// A day of the month grid.
pub struct Day {
    pub date: NaiveDate,
    pub number: u32,
    pub in_month: bool,
    pub today: bool,
    pub events: Vec<CalendarEvent>,
    /// "Tuesday 1 December", for the list of days on phones.
    pub heading: String,
}

/// An event in the calendar: its time and title.
pub struct CalendarEvent {
    pub path: String,
    pub title: String,
    pub lang: String,
    pub time: String,
    pub city: String,
    pub cancelled: bool,
}

#[derive(Template)]
#[template(path = "network_calendar.html")]
struct CalendarPage<'a> {
    site: &'a Frame,
    tab: &'a str,
    month: String,
    previous: String,
    next: String,
    today: String,
    weekdays: [String; 7],
    weekdays_short: [String; 7],
    weeks: Vec<Vec<Day>>,
    count: String,
    problem: Option<String>,
}

impl CalendarPage<'_> {
    /// The days that have events, for the list view.
    fn busy_days(&self) -> Vec<&Day> {
        self.weeks
            .iter()
            .flatten()
            .filter(|d| d.in_month && !d.events.is_empty())
            .collect()
    }
}

/// `/network/calendar?month=YYYY-MM`: the month's events across all cities,
/// as a month grid (a list of days on phones).
pub async fn calendar(
    State(state): State<AppState>,
    Query(m): Query<MonthChoice>,
    req: PageRequest,
) -> Result<Response, WebError> {
    let site = req.site.clone().in_section(Section::Network);
    let state = &state;
    req.render(state, || async move {
        let (start, problem) = match month_or(m.month.as_deref()) {
            Ok(s) => (s, None),
            Err(bad) => (
                month_or(None).unwrap_or_default(),
                Some(site.t_with("error-bad-month", &[("value", bad.as_str().into())])),
            ),
        };
        let end = next_month(start);
        // Events a little either side, for the days of other months in the grid.
        let events = state
            .store
            .network_events(
                millis(start - chrono::Days::new(7)),
                millis(end + chrono::Days::new(7)),
                2000,
            )
            .await?;
        let who = authors(state, &events).await?;
        let today = chrono::Utc::now().date_naive();
        let first = start - chrono::Days::new(start.weekday().num_days_from_monday() as u64);
        let last_day = end.pred_opt().unwrap_or(start);
        let last =
            last_day + chrono::Days::new(6 - last_day.weekday().num_days_from_monday() as u64);
        let mut weeks: Vec<Vec<Day>> = Vec::new();
        let mut d = first;
        let mut in_month_events = 0;
        while d <= last {
            if d.weekday() == chrono::Weekday::Mon {
                weeks.push(Vec::new());
            }
            let day_events: Vec<CalendarEvent> = events
                .iter()
                .filter(|e| event_start(e).is_some_and(|s| s.date_naive() == d))
                .map(|e| {
                    let c = card(state, &site, e, &who, None);
                    let time = c
                        .event
                        .as_ref()
                        .map(|ev| ev.times.clone())
                        .unwrap_or_default();
                    CalendarEvent {
                        path: c.path.clone(),
                        title: e
                            .texts
                            .iter()
                            .find(|t| t.lang == c.lang)
                            .map(|t| t.title.clone())
                            .filter(|t| !t.trim().is_empty())
                            .unwrap_or_else(|| e.title()),
                        lang: c.lang.clone(),
                        time,
                        city: c.source().to_string(),
                        cancelled: c.cancelled,
                    }
                })
                .collect();
            let in_month = d.month() == start.month() && d.year() == start.year();
            if in_month {
                in_month_events += day_events.len();
            }
            if let Some(w) = weeks.last_mut() {
                w.push(Day {
                    date: d,
                    number: d.day(),
                    in_month,
                    today: d == today,
                    heading: site.lang.day_heading(d),
                    events: day_events,
                });
            }
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
        }
        let previous = start
            .checked_sub_months(chrono::Months::new(1))
            .unwrap_or(start);
        let modified = latest(&site, events.iter().map(|e| e.updated_at));
        let page = CalendarPage {
            month: site.lang.month_year(start),
            previous: previous.format("%Y-%m").to_string(),
            next: end.format("%Y-%m").to_string(),
            today: today.format("%Y-%m").to_string(),
            weekdays: site.lang.weekdays(),
            weekdays_short: site.lang.weekdays_short(),
            count: site.t_with("calendar-events", &[("count", in_month_events.into())]),
            weeks,
            problem: problem.clone(),
            tab: "calendar",
            site: &site,
        };
        let rendered = html(page, modified)?;
        Ok(if problem.is_some() {
            rendered.with_status(StatusCode::BAD_REQUEST)
        } else {
            rendered
        })
    })
    .await
}
