//! Actor documents and their collections, negotiated between ActivityPub JSON and
//! the actor's public HTML profile.

use crate::negotiate::{negotiate, Representation};
use crate::{pages, AppState, WebError};
use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Redirect, Response},
};
use civicpub_domain::LocalActor;
use civicpub_federation::documents::{actor_document, ordered_collection, ActorUrls};
use civicpub_federation::objects::{activity, item_object, object_context};
use civicpub_protocol::ACTIVITY_JSON;
use civicpub_store::Cursor;

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

#[derive(serde::Deserialize)]
pub struct PageQuery {
    page: Option<String>,
    before: Option<String>,
}

const OUTBOX_PAGE: i64 = 20;

pub async fn collection(
    State(state): State<AppState>,
    Path((username, name)): Path<(String, String)>,
    Query(q): Query<PageQuery>,
    uri: axum::http::Uri,
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
    crate::require_signed_get(&state, &uri, &headers).await?;
    let doc = match name.as_str() {
        "outbox" if q.page.is_some() || q.before.is_some() => {
            outbox_page(&state, &actor, &urls, q.before.as_deref()).await?
        }
        "outbox" => {
            let total = state.store.count_items(Some(actor.id)).await?;
            serde_json::json!({
                "@context": civicpub_protocol::context::ACTIVITY_STREAMS,
                "id": urls.outbox,
                "type": "OrderedCollection",
                "totalItems": total,
                "first": format!("{}?page=true", urls.outbox),
            })
        }
        "featured" => {
            let pinned = state.store.pinned_items(actor.id).await?;
            let ids = pinned.iter().map(|i| state.base.url(&i.path())).collect();
            serde_json::to_value(ordered_collection(urls.featured, ids))
                .map_err(WebError::internal)?
        }
        "followers" => {
            let followers = state.store.followers(actor.id, true).await?;
            let total = followers.len() as u64;
            // The count is public; who follows is shown only when the node allows it.
            let items = if state.site.show_followers {
                followers
                    .iter()
                    .filter_map(|f| url::Url::parse(&f.follower_uri).ok())
                    .collect()
            } else {
                Vec::new()
            };
            let mut c = ordered_collection(urls.followers, items);
            c.total_items = Some(total);
            if !state.site.show_followers {
                c.ordered_items = None;
            }
            serde_json::to_value(c).map_err(WebError::internal)?
        }
        _ => {
            let following = state.store.following(actor.id).await?;
            let items = following
                .iter()
                .filter(|(_, accepted)| *accepted)
                .filter_map(|(u, _)| url::Url::parse(u).ok())
                .collect();
            serde_json::to_value(ordered_collection(urls.following, items))
                .map_err(WebError::internal)?
        }
    };
    Ok(activity_json(Bytes::from(
        serde_json::to_vec(&doc).map_err(WebError::internal)?,
    )))
}

/// A page of the outbox: `Create` activities, newest first, with the object inline.
async fn outbox_page(
    state: &AppState,
    actor: &LocalActor,
    urls: &ActorUrls,
    before: Option<&str>,
) -> Result<serde_json::Value, WebError> {
    let cursor = before.map(crate::page_cursor).transpose()?;
    let items = state
        .store
        .items(None, Some(actor.id), cursor, OUTBOX_PAGE)
        .await?;
    let activities: Vec<serde_json::Value> = items
        .iter()
        .filter_map(|i| {
            let object = item_object(&state.base, actor, i)?;
            let id = format!("{}/activity", state.base.url(&i.path()));
            let mut a = activity(&state.base, actor, "Create", id, object, i.published_at);
            a.as_object_mut()?.remove("@context");
            Some(a)
        })
        .collect();
    let this = match before {
        Some(b) => format!("{}?before={b}", urls.outbox),
        None => format!("{}?page=true", urls.outbox),
    };
    let mut page = serde_json::json!({
        "@context": object_context(),
        "id": this,
        "type": "OrderedCollectionPage",
        "partOf": urls.outbox,
        "orderedItems": activities,
    });
    if items.len() as i64 == OUTBOX_PAGE {
        if let Some(last) = items.last() {
            let next = Cursor {
                published_at: last.published_at.millis(),
                id: last.id,
            };
            page["next"] = serde_json::json!(format!("{}?before={next}", urls.outbox));
        }
    }
    Ok(page)
}
