//! The HTTP face of a civicpub node: discovery (WebFinger, host-meta, NodeInfo),
//! ActivityPub documents, and the public HTML pages, as one axum [`Router`].
//!
//! Handlers stay thin: they negotiate the representation, ask the store or the
//! document cache, and hand domain types to `civicpub-federation` for the wire form.

mod actors;
pub mod api;
mod api_federation;
mod cache;
mod discovery;
mod error;
mod feeds;
pub mod inbox;
mod items;
mod media;
pub mod negotiate;
mod network;
mod pages;

pub use error::WebError;

use axum::{
    extract::DefaultBodyLimit,
    http::{header, HeaderValue},
    response::Response,
    routing::{get, post, put},
    Router,
};
use civicpub_domain::NodeBase;
use civicpub_store::{MediaFiles, Store};
use std::sync::Arc;

/// What the pages need to know about the node beyond its database.
#[derive(Debug, Clone)]
pub struct SiteSettings {
    /// The node's name in page titles and NodeInfo (usually the city's name).
    pub node_name: String,
    /// BCP 47 tag of the node's default language, for `lang` on pages.
    pub language: String,
    /// Whether the followers collection lists who follows (it always counts them).
    pub show_followers: bool,
    /// Authorized fetch: ActivityPub GETs of objects and collections must be
    /// signed (actor documents and their keys stay public).
    pub secure_mode: bool,
    /// `@user@host` of the city's actor, credited by link previews on every page
    /// (`fediverse:creator`, rule 20).
    pub creator: String,
}

/// Shared state of every request; cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub store: Store,
    pub fed: std::sync::Arc<civicpub_service::federation::Federation>,
    pub base: NodeBase,
    pub media: MediaFiles,
    pub site: SiteSettings,
    cache: cache::DocumentCache,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(
        fed: Arc<civicpub_service::federation::Federation>,
        media: MediaFiles,
        site: SiteSettings,
    ) -> Self {
        AppState(Arc::new(Inner {
            store: fed.store.clone(),
            base: fed.base.clone(),
            fed,
            media,
            site,
            cache: cache::DocumentCache::new(std::time::Duration::from_secs(2)),
        }))
    }

    /// Forgets cached documents, so that a change made in this process shows at once
    /// (changes made by other processes show within the cache's two seconds).
    pub fn invalidate_documents(&self) {
        self.cache.clear();
    }
}

/// The node's whole HTTP interface.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::home))
        .route("/.well-known/webfinger", get(discovery::webfinger))
        .route("/.well-known/host-meta", get(discovery::host_meta))
        .route(
            "/.well-known/host-meta.json",
            get(discovery::host_meta_json),
        )
        .route("/.well-known/nodeinfo", get(discovery::nodeinfo_links))
        .route("/nodeinfo/2.1", get(discovery::nodeinfo))
        .route("/actor", get(actors::instance_actor))
        .route("/actors/{username}", get(actors::actor))
        .route("/actors/{username}/{collection}", get(actors::collection))
        .route(
            "/actors/{username}/inbox",
            post(inbox::actor).layer(DefaultBodyLimit::max(inbox::MAX_BODY)),
        )
        .route(
            "/inbox",
            post(inbox::shared).layer(DefaultBodyLimit::max(inbox::MAX_BODY)),
        )
        .route("/news", get(pages::news_list))
        .route("/events", get(pages::events_list))
        .route("/documents", get(pages::documents_list))
        .route("/news/{id}", get(items::news))
        .route("/events/{id}", get(items::event))
        .route("/documents/{id}", get(items::document))
        .route("/documents/{id}/versions/{number}", get(pages::revision))
        .route("/events/{id}/calendar.ics", get(feeds::event_ics))
        .route("/feeds/{file}", get(feeds::feed))
        .route("/tags/{tag}", get(pages::tag))
        .route("/media/{file}", get(media::media))
        .route("/network", get(network::news))
        .route("/network/library", get(network::library))
        .route("/network/search", get(network::search))
        .route("/network/calendar", get(network::calendar))
        .route("/network/calendar.ics", get(network::calendar_ics))
        .route("/network/feed.atom", get(network::feed))
        .route("/network/cities", get(network::cities))
        .route("/network/items/{id}", get(network::item))
        .route("/proxy/media", get(network::proxy))
        .route("/api/v1/network/items", get(network::api_items))
        .route("/api/v1/network/items/{id}", get(network::api_item))
        .route(
            "/api/v1/network/items/{id}/republish",
            post(network::api_republish).delete(network::api_republish),
        )
        .route("/api/v1/network/events", get(network::api_events))
        .route("/api/v1/network/cities", get(network::api_cities))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route(
            "/api/v1/media",
            post(api::upload).layer(DefaultBodyLimit::max(api::UPLOAD_LIMIT)),
        )
        .route("/api/v1/followers", get(api_federation::followers))
        .route("/api/v1/followers/{verdict}", post(api_federation::decide))
        .route(
            "/api/v1/following",
            get(api_federation::following)
                .post(api_federation::follow)
                .delete(api_federation::unfollow),
        )
        .route("/api/v1/deliveries", get(api_federation::deliveries))
        .route(
            "/api/v1/federation",
            get(api_federation::policy).put(api_federation::set_mode),
        )
        .route(
            "/api/v1/federation/domains/{domain}",
            put(api_federation::set_rule).delete(api_federation::remove_rule),
        )
        .route("/api/v1/{kind}", get(api::list).post(api::create))
        .route(
            "/api/v1/{kind}/{id}",
            get(api::read).put(api::update).delete(api::delete),
        )
        .route("/api/v1/{kind}/{id}/pin", post(api::pin).delete(api::pin))
        .route("/static/civicpub.css", get(pages::stylesheet))
        .fallback(pages::not_found)
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// A page link's `before=` value, or 400 with the reason.
pub(crate) fn page_cursor(before: &str) -> Result<civicpub_store::Cursor, WebError> {
    civicpub_store::Cursor::parse(before)
        .ok_or_else(|| WebError::BadRequest(format!("malformed page cursor '{before}'")))
}

/// In secure mode, checks that an ActivityPub GET is signed by a server the node
/// federates with: 401 when unsigned or forged, 403 when blocked.
pub(crate) async fn require_signed_get(
    state: &AppState,
    uri: &axum::http::Uri,
    headers: &axum::http::HeaderMap,
) -> Result<(), WebError> {
    use civicpub_service::federation::InboxError;
    if !state.site.secure_mode {
        return Ok(());
    }
    let target = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let request = civicpub_federation::signatures::Request {
        method: "GET",
        target,
        scheme: state.base.as_url().scheme(),
        headers: headers
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect(),
        body: None,
    };
    match state.fed.authenticate(&request).await {
        Ok(sender) if state.fed.host_allowed(&sender.host).await? => Ok(()),
        Ok(sender) => Err(WebError::Forbidden(format!(
            "{} is not federated with",
            sender.host
        ))),
        Err(InboxError::Forbidden(m)) => Err(WebError::Forbidden(m)),
        Err(InboxError::Store(e)) => Err(e.into()),
        Err(e) => Err(WebError::Unauthorized(format!(
            "this node requires signed fetches: {e}"
        ))),
    }
}

/// Headers every response carries: no third-party content can load, no referrer
/// leaks to other sites, nothing is sniffed.
async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
         base-uri 'none'; frame-ancestors 'none'",
        ));
    res
}
