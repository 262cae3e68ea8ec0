//! `/api/v1/{news,events,documents}`: create, read, update, delete, list and
//! pin items; `/api/v1/media`: uploads.

use super::views::{ItemList, ItemView, MediaView};
use super::{Api, Body};
use crate::{AppState, WebError};
use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use civicpub_domain::{ItemKind, MediaKind};
use civicpub_service::items::ItemInput;
use civicpub_service::media::MediaUse;
use civicpub_service::ServiceError;
use serde::Deserialize;

fn kind_of(segment: &str) -> Result<ItemKind, WebError> {
    ItemKind::from_path(segment)
        .ok_or_else(|| WebError::not_found(format!("no collection '{segment}' in the API")))
}

fn parse_id(id: &str) -> Result<i64, WebError> {
    id.parse()
        .map_err(|_| WebError::not_found(format!("no item '{id}'")))
}

#[derive(Deserialize)]
pub struct ListQuery {
    limit: Option<i64>,
}

pub async fn list(
    State(state): State<AppState>,
    Api(caller): Api,
    Path(kind): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Json<ItemList>, WebError> {
    caller.require("read")?;
    let kind = kind_of(&kind)?;
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let items = state
        .store
        .items(Some(kind), Some(caller.actor.id), None, limit)
        .await?;
    Ok(Json(ItemList {
        items: items
            .iter()
            .map(|i| ItemView::new(&state.base, &caller.actor, i))
            .collect(),
    }))
}

pub async fn create(
    State(state): State<AppState>,
    Api(caller): Api,
    Path(kind): Path<String>,
    Body(input): Body<ItemInput>,
) -> Result<Response, WebError> {
    caller.require("write")?;
    let item = state
        .node
        .publish(&caller.actor, kind_of(&kind)?, input)
        .await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, state.base.url(&item.path()).to_string())],
        Json(ItemView::new(&state.base, &caller.actor, &item)),
    )
        .into_response())
}

pub async fn read(
    State(state): State<AppState>,
    Api(caller): Api,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    caller.require("read")?;
    let kind = kind_of(&kind)?;
    let id = parse_id(&id)?;
    let (item, actor) = state.node.item_with_actor(kind, id).await?;
    if actor.id != caller.actor.id {
        return Err(WebError::not_found(format!("no {} {id}", kind.as_str())));
    }
    let status = if item.deleted_at.is_some() {
        StatusCode::GONE
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(ItemView::new(&state.base, &caller.actor, &item)),
    )
        .into_response())
}

pub async fn update(
    State(state): State<AppState>,
    Api(caller): Api,
    Path((kind, id)): Path<(String, String)>,
    Body(input): Body<ItemInput>,
) -> Result<Json<ItemView>, WebError> {
    caller.require("write")?;
    let item = state
        .node
        .update_item(&caller.actor, kind_of(&kind)?, parse_id(&id)?, input)
        .await?;
    Ok(Json(ItemView::new(&state.base, &caller.actor, &item)))
}

pub async fn delete(
    State(state): State<AppState>,
    Api(caller): Api,
    Path((kind, id)): Path<(String, String)>,
) -> Result<StatusCode, WebError> {
    caller.require("write")?;
    state
        .node
        .delete_item(&caller.actor, kind_of(&kind)?, parse_id(&id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn set_pinned(
    state: AppState,
    caller: Api,
    kind: String,
    id: String,
    pinned: bool,
) -> Result<StatusCode, WebError> {
    let Api(caller) = caller;
    caller.require("write")?;
    state
        .node
        .pin(&caller.actor, kind_of(&kind)?, parse_id(&id)?, pinned)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn pin(
    State(state): State<AppState>,
    caller: Api,
    Path((kind, id)): Path<(String, String)>,
) -> Result<StatusCode, WebError> {
    set_pinned(state, caller, kind, id, true).await
}

pub async fn unpin(
    State(state): State<AppState>,
    caller: Api,
    Path((kind, id)): Path<(String, String)>,
) -> Result<StatusCode, WebError> {
    set_pinned(state, caller, kind, id, false).await
}

/// `POST /api/v1/media`: the raw file as the body, its type in `Content-Type`.
pub async fn upload(
    State(state): State<AppState>,
    Api(caller): Api,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    caller.require("write")?;
    let claimed = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
    let claimed = match claimed.as_deref() {
        None | Some("application/octet-stream") => None,
        Some(t) => Some(MediaKind::from_media_type(t).ok_or_else(|| {
            ServiceError::field(
                "content-type",
                format!("'{t}' is not accepted: PNG, JPEG, GIF, WebP or PDF"),
            )
        })?),
    };
    let media = state.node.upload(&body, claimed, MediaUse::Any).await?;
    Ok((
        StatusCode::CREATED,
        Json(MediaView::new(&state.base, &media)),
    )
        .into_response())
}
