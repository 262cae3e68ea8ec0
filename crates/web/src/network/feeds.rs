//! The network's feeds: Atom of what the filters select, and iCalendar of the
//! network's events, written by the same writers as the node's own feeds.

use super::Filters;
use crate::feeds::{atom, ical, ics_response};
use crate::{AppState, WebError};
use axum::{
    extract::{Query, State},
    http::header,
    response::{IntoResponse, Response},
};
use civicpub_domain::{plain_text, Timestamp};

/// `/network/calendar.ics`: the network's events from a month ago to a year
/// ahead, for calendar apps.
pub async fn calendar_ics(State(state): State<AppState>) -> Result<Response, WebError> {
    let name = state.site_data.get(&state).await?.name.clone();
    let lang = state.node.locale();
    let now = Timestamp::now().millis();
    let day = 86_400_000;
    let items = state
        .store
        .network_events(Timestamp(now - 31 * day), Timestamp(now + 366 * day), 2000)
        .await?;
    // Each event's organiser by the name its city gives itself.
    let names: std::collections::HashMap<String, String> = state
        .store
        .cities()
        .await?
        .into_iter()
        .filter_map(|c| {
            let actor: civicpub_protocol::actor::Actor = serde_json::from_str(&c.document).ok()?;
            let name = actor.name.filter(|n| !n.trim().is_empty())?;
            Some((c.uri, plain_text(&name)))
        })
        .collect();
    let events: Vec<ical::Event> = items
        .iter()
        .filter_map(|e| {
            let starts = e.starts_at?;
            let ends = e
                .ends_at
                .filter(|end| *end > starts)
                .unwrap_or(Timestamp(starts.millis() + 3_600_000));
            let text = e
                .text()
                .map(|t| plain_text(&format!("{} {}", t.summary_html, t.content_html)))
                .unwrap_or_default();
            Some(ical::Event {
                uid: e.uri.clone(),
                stamp: e.updated_at,
                created: None,
                last_modified: None,
                when: ical::When::Utc { starts, ends },
                summary: e.title(),
                description: Some(text.chars().take(2000).collect()),
                location: e.place.clone(),
                geo: None,
                url: e.url.clone(),
                status: None,
                categories: e.tags.clone(),
                organizer: Some((
                    match e.local_item_id {
                        Some(_) => state.site.node_name.clone(),
                        None => names
                            .get(&e.actor_uri)
                            .cloned()
                            .unwrap_or_else(|| e.host.clone()),
                    },
                    e.actor_uri.clone(),
                )),
            })
        })
        .collect();
    Ok(ics_response(
        ical::write(
            &lang.t_with(
                "feed-network-calendar-name",
                &[("site", name.as_str().into())],
            ),
            &events,
        ),
        "network",
    ))
}

/// `/network/feed.atom`: network items matching the filters, as Atom.
pub async fn atom(
    State(state): State<AppState>,
    Query(f): Query<Filters>,
) -> Result<Response, WebError> {
    let q = f.query(&[])?;
    let items = state.store.network_items(&q).await?;
    let self_url = state
        .base
        .url(&format!(
            "/network/feed.atom?{}",
            f.query_string(None, None)
        ))
        .to_string();
    let name = state.site_data.get(&state).await?.name.clone();
    let title = state
        .node
        .locale()
        .t_with("feed-network-title", &[("site", name.as_str().into())]);
    let absolute = state.base.url("/").to_string();
    let entries: Vec<atom::Entry> = items
        .iter()
        .map(|i| {
            let text = i.text();
            atom::Entry {
                id: i.uri.clone(),
                title: i.title(),
                url: i.url.clone(),
                lang: i.language().map(str::to_string),
                author: Some((i.host.clone(), i.actor_uri.clone())),
                published: i.published_at,
                updated: i.updated_at,
                summary: text.map(|t| t.summary_html.clone()).unwrap_or_default(),
                summary_is_html: true,
                // The proxy's addresses are relative: readers need them whole.
                content_html: text
                    .map(|t| {
                        t.content_html
                            .replace("src=\"/", &format!("src=\"{absolute}"))
                    })
                    .unwrap_or_default(),
                categories: i.tags.clone(),
                enclosures: Vec::new(),
            }
        })
        .collect();
    let body = atom::write(
        &atom::Feed {
            id: &self_url,
            title: &title,
            updated: items
                .iter()
                .map(|i| i.updated_at)
                .max()
                .unwrap_or(Timestamp(0)),
            self_url: &self_url,
            alternate: state.base.url("/network").as_str(),
            lang: None,
            author: None,
        },
        &entries,
    );
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        body,
    )
        .into_response())
}
