//! Inboxes: the shared one (`/inbox`) and each actor's. Only activities whose
//! HTTP signature verifies get in; bad input gets a 4xx with a reason, never a 500.

use crate::AppState;
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, Method, StatusCode, Uri},
    response::{IntoResponse, Response},
    Json,
};
use civicpub_federation::signatures::Request;
use civicpub_service::federation::{InboxError, Received};
use serde_json::{json, Value};

/// Largest activity accepted (Mastodon's limit, rule 10); larger bodies get 413.
pub const MAX_BODY: usize = 1024 * 1024;

fn reply(status: StatusCode, reason: impl Into<String>) -> Response {
    (status, Json(json!({ "error": reason.into() }))).into_response()
}

fn refuse(e: InboxError) -> Response {
    match e {
        InboxError::Unauthorized(m) => reply(StatusCode::UNAUTHORIZED, m),
        InboxError::Forbidden(m) => reply(StatusCode::FORBIDDEN, m),
        InboxError::BadRequest(m) => reply(StatusCode::BAD_REQUEST, m),
        InboxError::NotFound(m) => reply(StatusCode::NOT_FOUND, m),
        InboxError::Store(e) => {
            tracing::error!(error = %e, "inbox storage failed");
            reply(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
        }
    }
}

async fn receive(
    state: AppState,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let activity: Value = match serde_json::from_slice(&body) {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => return reply(StatusCode::BAD_REQUEST, "an activity is a JSON object"),
        Err(e) => return reply(StatusCode::BAD_REQUEST, format!("malformed JSON: {e}")),
    };
    let target = uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| uri.path().to_string());
    let request = Request {
        method: method.as_str(),
        target: &target,
        scheme: state.base.as_url().scheme(),
        headers: headers
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect(),
        body: Some(&body),
    };
    let sender = match state.fed.authenticate(&request).await {
        Ok(s) => s,
        Err(e) => {
            tracing::info!(reason = %e, "inbox refused a request");
            return refuse(e);
        }
    };
    match state.fed.receive(&sender, &activity).await {
        Ok(Received::Stored) => (StatusCode::ACCEPTED, Json(json!({}))).into_response(),
        Ok(Received::Ignored(why)) => {
            tracing::info!(%why, actor = %sender.uri, "ignored an activity");
            (StatusCode::ACCEPTED, Json(json!({ "ignored": why }))).into_response()
        }
        Err(e) => refuse(e),
    }
}

pub async fn shared(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    receive(state, method, uri, headers, body).await
}

pub async fn actor(
    State(state): State<AppState>,
    Path(username): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match state.store.actor_by_username(&username).await {
        Ok(Some(_)) => receive(state, method, uri, headers, body).await,
        Ok(None) => reply(StatusCode::NOT_FOUND, format!("no actor '{username}'")),
        Err(e) => refuse(e.into()),
    }
}
