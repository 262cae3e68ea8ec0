//! `/proxy/media`: remote images, fetched and cached by the node.

use crate::{AppState, WebError};
use axum::{
    extract::{Query, State},
    http::header,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

/// Remote images kept by the proxy, at most.
const PROXY_CACHE_BYTES: i64 = 512 * 1024 * 1024;

#[derive(Deserialize)]
pub struct ProxyQuery {
    url: String,
}

/// `/proxy/media?url=...`: a remote image some gathered item shows, fetched and
/// cached by the node. Addresses no item refers to get 404.
pub async fn proxy(
    State(state): State<AppState>,
    Query(p): Query<ProxyQuery>,
) -> Result<Response, WebError> {
    if let Some(path) = p
        .url
        .strip_prefix(state.base.as_str().trim_end_matches('/'))
        .filter(|p| p.starts_with("/media/"))
    {
        return Ok(Redirect::permanent(path).into_response());
    }
    let (kind, bytes) = state.node.proxied_media(&p.url, PROXY_CACHE_BYTES).await?;
    Ok((
        [
            (header::CONTENT_TYPE, kind.media_type()),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        bytes,
    )
        .into_response())
}
