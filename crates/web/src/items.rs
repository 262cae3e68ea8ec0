//! Published items at their own URLs: ActivityPub JSON for servers, a page for
//! browsers, and 410 with a `Tombstone` once deleted (rule 18).

use crate::actors::activity_json;
use crate::negotiate::{negotiate, Representation};
use crate::{pages, AppState, WebError};
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use civicpub_domain::{Item, ItemKind, LocalActor};
use civicpub_service::convert::item::{item_object, tombstone};

const BOTH: [Representation; 2] = [Representation::Html, Representation::ActivityJson];

/// Loads item `id` of `kind` (deleted ones too) with its actor; 404 otherwise.
pub async fn load(
    state: &AppState,
    kind: ItemKind,
    id: &str,
) -> Result<(Item, LocalActor), WebError> {
    let id: i64 = id
        .parse()
        .map_err(|_| WebError::not_found(format!("no {} '{id}' on this node", kind.as_str())))?;
    Ok(state.node.item_with_actor(kind, id).await?)
}

async fn serve(
    state: AppState,
    kind: ItemKind,
    id: String,
    headers: HeaderMap,
    uri: axum::http::Uri,
) -> Result<Response, WebError> {
    let rep = negotiate(&headers, &BOTH).map_err(WebError::NotAcceptable)?;
    if rep == Representation::Html {
        // The page cache answers before anything is read.
        let req = pages::PageRequest::new(&state, &uri, &headers).await?;
        return pages::item::page(&state, req, kind, id).await;
    }
    crate::require_signed_get(&state, &uri, &headers).await?;
    let (item, actor) = load(&state, kind, &id).await?;
    if item.deleted_at.is_some() {
        let body =
            serde_json::to_vec(&tombstone(&state.base, &item)).map_err(WebError::internal)?;
        return Ok((StatusCode::GONE, activity_json(Bytes::from(body))).into_response());
    }
    let object = item_object(&state.base, &actor, &item, state.node.locale())
        .ok_or_else(|| WebError::internal("live item without content"))?;
    let reactions = state
        .node
        .reactions(&civicpub_service::comments::LocalObject::Item(Box::new(
            item.clone(),
        )))
        .await?;
    let object = civicpub_service::convert::reply::with_reactions(object, &reactions);
    Ok(activity_json(Bytes::from(
        serde_json::to_vec(&object).map_err(WebError::internal)?,
    )))
}

pub async fn news(
    State(s): State<AppState>,
    Path(id): Path<String>,
    uri: axum::http::Uri,
    h: HeaderMap,
) -> Result<Response, WebError> {
    serve(s, ItemKind::News, id, h, uri).await
}

pub async fn event(
    State(s): State<AppState>,
    Path(id): Path<String>,
    uri: axum::http::Uri,
    h: HeaderMap,
) -> Result<Response, WebError> {
    serve(s, ItemKind::Event, id, h, uri).await
}

pub async fn document(
    State(s): State<AppState>,
    Path(id): Path<String>,
    uri: axum::http::Uri,
    h: HeaderMap,
) -> Result<Response, WebError> {
    serve(s, ItemKind::Document, id, h, uri).await
}
