//! Public HTML pages, rendered on the server; they work without JavaScript and
//! load nothing from other servers.

use crate::{AppState, WebError};
use askama::Template;
use axum::{
    extract::State,
    http::{header, StatusCode, Uri},
    response::{Html, IntoResponse, Response},
};
use civicpub_domain::LocalActor;
use civicpub_federation::documents::{plain_text_to_html, ActorUrls};
use civicpub_protocol::ACTIVITY_JSON;

/// A local actor as pages show it.
pub struct ActorCard {
    pub name: String,
    pub handle: String,
    pub path: String,
    pub summary_html: String,
    pub icon: Option<(String, String)>,
}

impl ActorCard {
    fn new(state: &AppState, actor: &LocalActor) -> Self {
        ActorCard {
            name: actor.display_name.clone(),
            handle: format!("@{}@{}", actor.username, state.base.domain()),
            path: ActorUrls::new(&state.base, actor).id.path().to_string(),
            summary_html: plain_text_to_html(&actor.summary),
            icon: actor
                .icon
                .as_ref()
                .map(|m| (m.path(), actor.icon_alt.clone().unwrap_or_default())),
        }
    }
}

pub struct Field {
    pub name: &'static str,
    pub value_html: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    lang: &'a str,
    node_name: &'a str,
    actors: Vec<ActorCard>,
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage<'a> {
    lang: &'a str,
    node_name: &'a str,
    actor: ActorCard,
    actor_id: String,
    fields: Vec<Field>,
    activity_json: &'a str,
    og_image: Option<String>,
}

#[derive(Template)]
#[template(path = "not_found.html")]
struct NotFoundPage<'a> {
    lang: &'a str,
    node_name: &'a str,
}

fn page(t: impl Template) -> Result<Response, WebError> {
    let html = t.render().map_err(WebError::internal)?;
    Ok((
        [
            (header::VARY, "Accept"),
            (header::CACHE_CONTROL, "public, max-age=60"),
        ],
        Html(html),
    )
        .into_response())
}

pub async fn home(State(state): State<AppState>) -> Result<Response, WebError> {
    let actors = state.store.publishing_actors().await?;
    page(HomePage {
        lang: &state.site.language,
        node_name: &state.site.node_name,
        actors: actors.iter().map(|a| ActorCard::new(&state, a)).collect(),
    })
}

pub fn profile(state: &AppState, actor: &LocalActor) -> Result<Response, WebError> {
    let doc = civicpub_federation::actor_document(&state.base, actor);
    let fields = doc
        .property_values()
        .map(|p| Field {
            name: if p.name == "Website" {
                "Website"
            } else {
                "Contact"
            },
            value_html: p.value.clone(),
        })
        .collect();
    page(ProfilePage {
        lang: &state.site.language,
        node_name: &state.site.node_name,
        actor: ActorCard::new(state, actor),
        actor_id: doc.id.to_string(),
        fields,
        activity_json: ACTIVITY_JSON,
        og_image: actor
            .icon
            .as_ref()
            .map(|m| state.base.url(&m.path()).to_string()),
    })
}

pub async fn not_found(State(state): State<AppState>, uri: Uri) -> Response {
    tracing::debug!(%uri, "no route");
    let body = NotFoundPage {
        lang: &state.site.language,
        node_name: &state.site.node_name,
    }
    .render()
    .unwrap_or_else(|_| "Not found".into());
    (StatusCode::NOT_FOUND, Html(body)).into_response()
}

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/civicpub.css"),
    )
        .into_response()
}
