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
use civicpub_protocol::activity::ActivityType;
use civicpub_protocol::collection::{Collection, CollectionPage};
use civicpub_protocol::context::object_context;
use civicpub_protocol::ACTIVITY_JSON;
use civicpub_service::convert::actor::{actor_document, instance_actor_document, ActorUrls};
use civicpub_service::convert::item::{item_object, public_activity};
use civicpub_store::Cursor;
use serde::Serialize;
use serde_json::value::RawValue;
use url::Url;

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
    Ok(state.node.publishing_actor(username).await?)
}

fn json_bytes(doc: &impl Serialize) -> Result<Bytes, WebError> {
    Ok(Bytes::from(
        serde_json::to_vec(doc).map_err(WebError::internal)?,
    ))
}

pub async fn actor(
    State(state): State<AppState>,
    Path(username): Path<String>,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    match choose(&headers)? {
        Representation::ActivityJson => {
            // Keyed by the username alone (no '/' in it), so a hit allocates nothing.
            let generation = state.node.generation();
            if let Some(body) = state.cache.get(&username, generation) {
                return Ok(activity_json(body));
            }
            let actor = publishing_actor(&state, &username).await?;
            let body = json_bytes(&actor_document(&state.base, &actor))?;
            state.cache.put(username, generation, body.clone());
            Ok(activity_json(body))
        }
        Representation::Html => {
            let actor = publishing_actor(&state, &username).await?;
            let Query(p) = Query::<pages::lists::PageChoice>::try_from_uri(&uri)
                .map_err(|e| WebError::bad_request(e.body_text()))?;
            let req = pages::PageRequest::new(&state, &uri, &headers).await?;
            pages::profile::page(&state, req, p, actor).await
        }
    }
}

pub async fn instance_actor(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    match choose(&headers)? {
        Representation::ActivityJson => {
            let generation = state.node.generation();
            if let Some(body) = state.cache.get(INSTANCE_KEY, generation) {
                return Ok(activity_json(body));
            }
            let actor = state
                .store
                .instance_actor()
                .await?
                .ok_or_else(|| WebError::internal("the node has no instance actor"))?;
            let body = json_bytes(&instance_actor_document(&state.base, &actor))?;
            state
                .cache
                .put(INSTANCE_KEY.into(), generation, body.clone());
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
/// Largest outbox page: under the 1 MiB receivers accept, with room to spare.
const MAX_PAGE_BYTES: usize = 1_000_000;

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
        return Err(WebError::not_found(format!("no collection '{name}'")));
    }
    let actor = publishing_actor(&state, &username).await?;
    let urls = ActorUrls::new(&state.base, &actor);
    if choose(&headers)? == Representation::Html {
        return Ok(Redirect::to(urls.id.path()).into_response());
    }
    crate::require_signed_get(&state, &uri, &headers).await?;
    let body = match name.as_str() {
        "outbox" if q.page.is_some() || q.before.is_some() => {
            json_bytes(&outbox_page(&state, &actor, &urls, q.before.as_deref()).await?)?
        }
        "outbox" => {
            let total = state.store.count_items(Some(actor.id)).await?;
            let first =
                Url::parse(&format!("{}?page=true", urls.outbox)).map_err(WebError::internal)?;
            json_bytes(&Collection::<Url>::counted(urls.outbox, total, Some(first)))?
        }
        "featured" => {
            let pinned = state.store.pinned_items(actor.id).await?;
            let ids = pinned.iter().map(|i| state.base.url(&i.path())).collect();
            json_bytes(&Collection::inline(urls.featured, ids))?
        }
        "followers" => {
            let total = state.store.count_followers(actor.id).await?;
            // The count is public; who follows is shown only when the node allows it.
            if state.site.show_followers {
                let followers = state.store.followers(actor.id, true).await?;
                let items: Vec<Url> = followers
                    .iter()
                    .filter_map(|f| Url::parse(&f.follower_uri).ok())
                    .collect();
                accounts(urls.followers, items, q.page.as_deref())?
            } else {
                json_bytes(&Collection::<Url>::counted(urls.followers, total, None))?
            }
        }
        _ => {
            let following = state.node.following(&actor).await?;
            let items: Vec<Url> = following
                .iter()
                .filter(|f| f.state == civicpub_store::FollowState::Accepted)
                .filter_map(|f| Url::parse(&f.target_uri).ok())
                .collect();
            accounts(urls.following, items, q.page.as_deref())?
        }
    };
    Ok(activity_json(body))
}

/// Accounts listed per page: a page of ids stays far under 1 MiB.
const ACCOUNTS_PAGE: usize = 1000;

/// A collection of accounts: inline when small, else paged (`?page=1`, …), so
/// that no document grows past what receivers accept.
fn accounts(id: Url, items: Vec<Url>, page: Option<&str>) -> Result<Bytes, WebError> {
    if items.len() <= ACCOUNTS_PAGE && page.is_none() {
        return json_bytes(&Collection::inline(id, items));
    }
    let Some(page) = page else {
        let first = Url::parse(&format!("{id}?page=1")).map_err(WebError::internal)?;
        return json_bytes(&Collection::<Url>::counted(
            id,
            items.len() as u64,
            Some(first),
        ));
    };
    let n: usize = page
        .parse()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| WebError::bad_request(format!("no page '{page}'")))?;
    let start = (n - 1).saturating_mul(ACCOUNTS_PAGE).min(items.len());
    let end = (start + ACCOUNTS_PAGE).min(items.len());
    let next = (end < items.len())
        .then(|| Url::parse(&format!("{id}?page={}", n + 1)))
        .transpose()
        .map_err(WebError::internal)?;
    let this = Url::parse(&format!("{id}?page={n}")).map_err(WebError::internal)?;
    let mut p = CollectionPage::ordered(this, id, items[start..end].to_vec(), next);
    p.context = Some(civicpub_protocol::context::activity_streams());
    json_bytes(&p)
}

/// A page of the outbox: `Create` activities, newest first, with the object inline.
async fn outbox_page(
    state: &AppState,
    actor: &LocalActor,
    urls: &ActorUrls,
    before: Option<&str>,
) -> Result<impl Serialize, WebError> {
    let cursor = before.map(crate::page_cursor).transpose()?;
    let items = state
        .store
        .items(None, Some(actor.id), cursor, OUTBOX_PAGE)
        .await?;
    // Whatever the items, a page stays under what receivers accept: it ends
    // early when the next activity would take it over (one always fits: items
    // too large to deliver are refused when published).
    let mut activities: Vec<Box<RawValue>> = Vec::new();
    let mut size = 0;
    let mut last = None;
    for i in &items {
        let Some(object) = item_object(&state.base, actor, i, state.node.locale()) else {
            continue;
        };
        let id = Url::parse(&format!("{}/activity", state.base.url(&i.path())))
            .map_err(WebError::internal)?;
        let mut a = public_activity(
            &state.base,
            actor,
            ActivityType::Create,
            id,
            object,
            i.published_at,
        );
        a.context = None;
        let raw = serde_json::value::to_raw_value(&a).map_err(WebError::internal)?;
        if !activities.is_empty() && size + raw.get().len() > MAX_PAGE_BYTES {
            break;
        }
        size += raw.get().len();
        activities.push(raw);
        last = Some(i);
    }
    let full = activities.len() < items.len() || items.len() as i64 == OUTBOX_PAGE;
    let this = match before {
        Some(b) => format!("{}?before={b}", urls.outbox),
        None => format!("{}?page=true", urls.outbox),
    };
    let next = match last {
        Some(last) if full => {
            let next = Cursor {
                published_at: last.published_at.millis(),
                id: last.id,
            };
            Some(format!("{}?before={next}", urls.outbox))
        }
        _ => None,
    };
    let mut page = CollectionPage::ordered(
        Url::parse(&this).map_err(WebError::internal)?,
        urls.outbox.clone(),
        activities,
        next.map(|n| Url::parse(&n))
            .transpose()
            .map_err(WebError::internal)?,
    );
    page.context = Some(object_context());
    Ok(page)
}
