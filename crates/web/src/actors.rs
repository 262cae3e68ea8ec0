//! Actor documents and their collections, negotiated between ActivityPub JSON and
//! the actor's public HTML profile.

use crate::negotiate::{negotiate, Representation};
use crate::{pages, AppState, WebError};
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Redirect, Response},
};
use civicpub_domain::LocalActor;
use civicpub_federation::documents::{actor_document, ordered_collection, ActorUrls};
use civicpub_protocol::ACTIVITY_JSON;

/// Cache key of the instance actor's document; never a username, as it holds a '/'.
const INSTANCE_KEY: &str = "/actor";

const BOTH: [Representation; 2] = [Representation::Html, Representation::ActivityJson];

fn choose(headers: &HeaderMap) -> Result<Representation, WebError> {
    negotiate(headers, &BOTH).map_err(WebError::NotAcceptable)
}

/// An ActivityPub JSON response; `Vary: Accept` because the URL also serves HTML.
pub fn activity_json(body: Bytes) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(ACTIVITY_JSON),
    );
    h.insert(header::VARY, HeaderValue::from_static("Accept"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    res
}

async fn publishing_actor(state: &AppState, username: &str) -> Result<LocalActor, WebError> {
    state
        .store
        .actor_by_username(username)
        .await?
        .filter(|a| !a.is_instance_actor())
        .ok_or_else(|| WebError::NotFound(format!("no actor '{username}' on this node")))
}

pub async fn actor(
    State(state): State<AppState>,
    Path(username): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    match choose(&headers)? {
        Representation::ActivityJson => {
            // Keyed by the username alone (no '/' in it), so a hit allocates nothing.
            if let Some(body) = state.cache.get(&username) {
                return Ok(activity_json(body));
            }
            let actor = publishing_actor(&state, &username).await?;
            let body = Bytes::from(
                serde_json::to_vec(&actor_document(&state.base, &actor))
                    .map_err(WebError::internal)?,
            );
            state.cache.put(username, body.clone());
            Ok(activity_json(body))
        }
        Representation::Html => {
            let actor = publishing_actor(&state, &username).await?;
            pages::profile(&state, &actor)
        }
    }
}

pub async fn instance_actor(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    match choose(&headers)? {
        Representation::ActivityJson => {
            if let Some(body) = state.cache.get(INSTANCE_KEY) {
                return Ok(activity_json(body));
            }
            let actor = state
                .store
                .instance_actor()
                .await?
                .ok_or_else(|| WebError::internal("the node has no instance actor"))?;
            let doc = civicpub_federation::instance_actor_document(&state.base, &actor);
            let body = Bytes::from(serde_json::to_vec(&doc).map_err(WebError::internal)?);
            state.cache.put(INSTANCE_KEY.into(), body.clone());
            Ok(activity_json(body))
        }
        Representation::Html => Ok(Redirect::to("/").into_response()),
    }
}

pub async fn collection(
    State(state): State<AppState>,
    Path((username, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    if !matches!(
        name.as_str(),
        "outbox" | "followers" | "following" | "featured"
    ) {
        return Err(WebError::NotFound(format!("no collection '{name}'")));
    }
    let actor = publishing_actor(&state, &username).await?;
    let urls = ActorUrls::new(&state.base, &actor);
    if choose(&headers)? == Representation::Html {
        return Ok(Redirect::to(urls.id.path()).into_response());
    }
    let id = match name.as_str() {
        "outbox" => urls.outbox,
        "followers" => urls.followers,
        "following" => urls.following,
        _ => urls.featured,
    };
    // Nothing is published, followed or pinned until publishing and federation land.
    let doc = ordered_collection(id, Vec::new());
    Ok(activity_json(Bytes::from(
        serde_json::to_vec(&doc).map_err(WebError::internal)?,
    )))
}
