//! Inboxes: the shared one (`/inbox`) and each actor's. Only activities whose
//! HTTP signature verifies get in; bad input gets a 4xx with a reason, never a 500.

use crate::{AppState, WebError};
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, Method, StatusCode, Uri},
    response::{IntoResponse, Response},
    Json,
};
use civicpub_service::inbox::Received;
use serde::Serialize;
use serde_json::Value;

/// Largest activity accepted (Mastodon's limit, rule 10); larger bodies get 413.
pub const MAX_BODY: usize = 1024 * 1024;

/// What an inbox answers an accepted activity.
#[derive(Serialize)]
struct Accepted {
    #[serde(skip_serializing_if = "Option::is_none")]
    ignored: Option<String>,
}

/// Takes an activity in, and counts what became of it for `/metrics`.
async fn receive(
    state: AppState,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let result = take_in(state, method, uri, headers, body).await;
    let counted = match &result {
        Ok((None, _)) => ("accepted", "stored"),
        Ok((Some(_), _)) => ("ignored", "ignored"),
        Err(e) => ("refused", refusal(e)),
    };
    civicpub_service::metrics::global().inbox(counted.0, counted.1);
    result.map(|(_, r)| r)
}

/// Why an activity was refused, as a short fixed label.
fn refusal(e: &WebError) -> &'static str {
    match e.status().as_u16() {
        400 => "malformed",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "no_such_actor",
        413 => "too_large",
        422 => "invalid",
        429 => "rate_limited",
        500..=599 => "error",
        _ => "other",
    }
}

async fn take_in(
    state: AppState,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(Option<String>, Response), WebError> {
    let activity: Value = serde_json::from_slice(&body)
        .map_err(|e| WebError::bad_request(format!("malformed JSON: {e}")))?;
    let target = uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| uri.path().to_string());
    let request = crate::signed_request(&state, method.as_str(), &target, &headers, Some(&body));
    let sender = state.node.authenticate(&request).await.inspect_err(|e| {
        tracing::info!(reason = %e.detail(), "inbox refused a request");
    })?;
    let ignored = match state.node.receive(&sender, &activity).await? {
        Received::Stored => None,
        Received::Ignored(why) => {
            tracing::info!(%why, actor = %sender.uri, "ignored an activity");
            Some(why)
        }
    };
    let response = (
        StatusCode::ACCEPTED,
        Json(Accepted {
            ignored: ignored.clone(),
        }),
    )
        .into_response();
    Ok((ignored, response))
}

pub async fn shared(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    receive(state, method, uri, headers, body).await
}

pub async fn actor(
    State(state): State<AppState>,
    Path(username): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    state.node.publishing_actor(&username).await?;
    receive(state, method, uri, headers, body).await
}
