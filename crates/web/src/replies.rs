//! What citizens said and did about the node's objects, for other servers: each
//! object's `replies` (the approved ones, paged), `likes` and `shares` (counted,
//! never listed).

use crate::actors::activity_json;
use crate::negotiate::{negotiate, Representation};
use crate::{AppState, WebError};
use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use civicpub_protocol::collection::{Collection, CollectionPage};
use civicpub_protocol::object::Counted;
use serde::Deserialize;
use url::Url;

/// Replies listed per page of a `replies` collection.
const REPLIES_PAGE: u32 = 50;

#[derive(Deserialize)]
pub struct PageNumber {
    page: Option<String>,
}

async fn collection(
    state: AppState,
    path: String,
    name: &str,
    page: Option<String>,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    if !matches!(name, "replies" | "likes" | "shares") {
        return Err(WebError::not_found(format!("no collection '{name}'")));
    }
    let object_url = state.base.url(&path);
    let object = state
        .node
        .local_object(&object_url)
        .await?
        .ok_or_else(|| WebError::not_found(format!("nothing at {path}")))?;
    if negotiate(
        &headers,
        &[Representation::ActivityJson, Representation::Html],
    )
    .map_err(WebError::NotAcceptable)?
        == Representation::Html
    {
        return Ok(Redirect::to(&path).into_response());
    }
    crate::require_signed_get(&state, &uri, &headers).await?;
    let id = state.base.url(&format!("{path}/{name}"));
    let body = match (name, page) {
        ("replies", None) => {
            let reactions = state.node.reactions(&object).await?;
            let mut first = id.clone();
            first.set_query(Some("page=1"));
            serde_json::to_vec(&Collection::<Url>::counted(
                id,
                reactions.replies,
                Some(first),
            ))
        }
        ("replies", Some(page)) => {
            let n: u64 = page
                .parse()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| WebError::bad_request(format!("malformed page '{page}'")))?;
            let listed = state
                .store
                .approved_reply_ids(
                    object_url.as_str(),
                    (n - 1) * u64::from(REPLIES_PAGE),
                    REPLIES_PAGE,
                )
                .await?;
            let items: Vec<Url> = listed
                .entries
                .iter()
                .filter_map(|u| Url::parse(u).ok())
                .collect();
            let page_url = |n: u64| {
                let mut u = id.clone();
                u.set_query(Some(&format!("page={n}")));
                u
            };
            let next = (n * u64::from(REPLIES_PAGE) < listed.total).then(|| page_url(n + 1));
            let mut doc = CollectionPage::ordered(page_url(n), id.clone(), items, next);
            doc.context = Some(civicpub_protocol::context::activity_streams());
            doc.total_items = Some(listed.total);
            serde_json::to_vec(&doc)
        }
        (_, _) => {
            let reactions = state.node.reactions(&object).await?;
            let total = if name == "likes" {
                reactions.likes
            } else {
                reactions.shares
            };
            // Counted, never listed: who liked or boosted is theirs to tell.
            let mut doc = serde_json::to_value(Counted::total(Some(id), total))
                .map_err(WebError::internal)?;
            doc["@context"] = civicpub_protocol::context::activity_streams();
            serde_json::to_vec(&doc)
        }
    }
    .map_err(WebError::internal)?;
    Ok(activity_json(Bytes::from(body)))
}

macro_rules! collection_route {
    ($name:ident, $prefix:literal) => {
        pub async fn $name(
            State(state): State<AppState>,
            Path((id, name)): Path<(String, String)>,
            Query(q): Query<PageNumber>,
            uri: axum::http::Uri,
            headers: HeaderMap,
        ) -> Result<Response, WebError> {
            collection(
                state,
                format!("/{}/{id}", $prefix),
                &name,
                q.page,
                uri,
                headers,
            )
            .await
        }
    };
}

collection_route!(news_collection, "news");
collection_route!(event_collection, "events");
collection_route!(document_collection, "documents");
collection_route!(consultation_collection, "consultations");
