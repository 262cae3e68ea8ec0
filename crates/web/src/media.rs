use crate::{AppState, WebError};
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};

/// Serves a stored file by its content address (`<sha256>.<ext>`). The bytes
/// behind a name never change, so clients may cache them for good.
pub async fn media(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let not_found = || WebError::not_found(format!("no media '{file}'"));
    let (sha256, _ext) = file.split_once('.').ok_or_else(not_found)?;
    if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(not_found());
    }
    let media = state.store.media(sha256).await?.ok_or_else(not_found)?;
    if media.file_name() != file {
        return Err(not_found());
    }
    let etag = format!("\"{sha256}\"");
    let cache = [
        (header::ETAG, etag.clone()),
        (
            header::CACHE_CONTROL,
            "public, max-age=31536000, immutable".to_string(),
        ),
    ];
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag))
    {
        return Ok((StatusCode::NOT_MODIFIED, cache).into_response());
    }
    let bytes = tokio::fs::read(state.node.media.path(sha256))
        .await
        .map_err(|e| WebError::internal(format!("media {sha256}: {e}")))?;
    Ok((
        [(header::CONTENT_TYPE, media.media_type.clone())],
        cache,
        bytes,
    )
        .into_response())
}
