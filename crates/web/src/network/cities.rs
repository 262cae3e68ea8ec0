//! The directory of the network's cities.

use super::{city_healthy, city_name, image_src};
use crate::pages::{html, latest, PageRequest};
use crate::site::{Frame, Section};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;

/// A followed or following city as the directory shows it.
pub struct CityCard {
    pub name: String,
    pub handle: String,
    pub uri: String,
    pub host: String,
    pub summary_html: String,
    pub icon: Option<String>,
    pub relation: String,
    pub items: String,
    pub last_published: Option<(String, String)>,
    pub health: String,
    pub healthy: bool,
}

fn city_card(state: &AppState, site: &Frame, c: &civicpub_store::City) -> CityCard {
    let (_, icon) = super::actor_name_and_icon(&c.document);
    let doc: serde_json::Value = serde_json::from_str(&c.document).unwrap_or_default();
    let summary = doc.get("summary").and_then(|s| s.as_str()).unwrap_or("");
    let relation = match (c.following, c.follower) {
        (Some(true), true) => "network-relation-mutual",
        (Some(true), false) => "network-relation-following",
        (Some(false), true) => "network-relation-follower-pending",
        (Some(false), false) => "network-relation-pending",
        (None, _) => "network-relation-follower",
    };
    let mut health = if let Some(p) = c.paused_until {
        vec![site.t_with(
            "network-delivery-paused",
            &[("date", site.date(&p).into()), ("count", c.failures.into())],
        )]
    } else if c.failures > 0 || c.failed_deliveries > 0 {
        vec![
            site.t_with(
                "network-delivery-failed",
                &[("count", c.failed_deliveries.into())],
            ),
            site.t_with(
                "network-delivery-recent-failures",
                &[("count", c.failures.into())],
            ),
        ]
    } else {
        vec![site.t("network-delivery-ok")]
    };
    if c.pending_deliveries > 0 {
        health.push(site.t_with(
            "network-delivery-waiting",
            &[("count", c.pending_deliveries.into())],
        ));
    }
    CityCard {
        name: city_name(c),
        handle: format!("@{}@{}", c.username, c.host),
        uri: c.uri.clone(),
        host: c.host.clone(),
        summary_html: civicpub_service::convert::ingest::sanitize_html(summary).html,
        icon: icon.map(|u| image_src(state, &u)),
        relation: site.t(relation),
        items: site.number(&c.items),
        last_published: c.last_published.map(|t| (t.to_rfc3339(), site.date(&t))),
        health: health.join(" · "),
        healthy: city_healthy(c),
    }
}

#[derive(Template)]
#[template(path = "network_cities.html")]
struct CitiesPage<'a> {
    site: &'a Frame,
    tab: &'a str,
    cities: Vec<CityCard>,
}

/// `/network/cities`: followed and following accounts, what they published
/// last, and how deliveries to them fare.
pub async fn cities(State(state): State<AppState>, req: PageRequest) -> Result<Response, WebError> {
    let site = req.site.clone().in_section(Section::Network);
    let state = &state;
    req.render(state, || async move {
        let cities = state.store.cities().await?;
        html(
            CitiesPage {
                cities: cities.iter().map(|c| city_card(state, &site, c)).collect(),
                tab: "cities",
                site: &site,
            },
            latest(&site, cities.iter().filter_map(|c| c.last_published)),
        )
    })
    .await
}
