//! The HTTP face of a civicpub node: discovery (WebFinger, host-meta, NodeInfo),
//! ActivityPub documents and inboxes, the public HTML pages and feeds, the
//! network views, and the JSON API, as one axum [`Router`].
//!
//! Handlers stay thin: they parse the request, call the service layer
//! (`civicpub_service::Node`) or read the store, and render. Errors are mapped
//! to HTTP once, in [`WebError`].

mod actors;
pub mod admin;
pub mod api;
mod cache;
mod consultations;
mod discovery;
mod error;
mod feeds;
pub mod inbox;
mod items;
mod media;
pub mod negotiate;
mod network;
pub mod observe;
mod page_cache;
mod pages;
mod replies;
mod site;

pub use error::WebError;

use axum::{
    extract::DefaultBodyLimit,
    http::{header, HeaderValue},
    response::Response,
    routing::{get, post},
    Router,
};
use civicpub_domain::NodeBase;
use civicpub_service::{Node, ServiceError};
use civicpub_store::Store;
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
    /// The service layer: every command goes through it.
    pub node: Arc<Node>,
    /// The node's database, for what pages and feeds read.
    pub store: Store,
    pub base: NodeBase,
    pub site: SiteSettings,
    cache: cache::DocumentCache,
    /// Rendered pages and feeds, until the data changes.
    pages: page_cache::PageCache,
    /// The site's name, branding and pages, as of the data's generation.
    site_data: site::SiteCache,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(node: Arc<Node>, site: SiteSettings) -> Self {
        AppState(Arc::new(Inner {
            store: node.store.clone(),
            base: node.base.clone(),
            node,
            site,
            cache: cache::DocumentCache::new(std::time::Duration::from_secs(2)),
            pages: page_cache::PageCache::default(),
            site_data: site::SiteCache::default(),
        }))
    }
}

/// The node's whole HTTP interface.
pub fn app(state: AppState) -> Router {
    let csp = content_security_policy(&state.base);
    Router::new()
        .route("/", get(pages::home::home))
        .route("/healthz", get(observe::healthz))
        .route("/readyz", get(observe::readyz))
        .route("/metrics", get(observe::metrics))
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
        .route("/news", get(pages::lists::news))
        .route("/events", get(pages::lists::events))
        .route("/documents", get(pages::lists::documents))
        .route("/news/{id}", get(items::news))
        .route("/events/{id}", get(items::event))
        .route("/documents/{id}", get(items::document))
        .route(
            "/documents/{id}/versions/{number}",
            get(pages::item::revision),
        )
        .route("/news/{id}/{collection}", get(replies::news_collection))
        .route("/events/{id}/{collection}", get(replies::event_collection))
        .route(
            "/documents/{id}/{collection}",
            get(replies::document_collection),
        )
        .route("/consultations", get(pages::consultation::list))
        .route("/consultations/{id}", get(consultations::consultation))
        .route(
            "/consultations/{id}/results.csv",
            get(consultations::results_csv_file),
        )
        .route(
            "/consultations/{id}/results.json",
            get(consultations::results_json),
        )
        .route(
            "/consultations/{id}/{collection}",
            get(replies::consultation_collection),
        )
        .route("/interact", get(pages::conversation::interact))
        .route("/events/{id}/calendar.ics", get(feeds::event_ics))
        .route("/feeds/{file}", get(feeds::feed))
        .route("/tags/{tag}", get(pages::lists::tag))
        .route("/media/{file}", get(media::media))
        .route("/about", get(pages::site_pages::about))
        .route("/contact", get(pages::site_pages::contact))
        .route("/privacy", get(pages::site_pages::privacy))
        .route("/accessibility", get(pages::site_pages::accessibility))
        .route("/robots.txt", get(pages::site_pages::robots))
        .route("/sitemap.xml", get(pages::site_pages::sitemap))
        .route("/favicon.ico", get(pages::site_pages::favicon))
        .route("/network", get(network::pages::news))
        .route("/network/library", get(network::pages::library))
        .route("/network/search", get(network::pages::search))
        .route("/network/calendar", get(network::calendar::calendar))
        .route("/network/calendar.ics", get(network::feeds::calendar_ics))
        .route("/network/feed.atom", get(network::feeds::atom))
        .route("/network/cities", get(network::cities::cities))
        .route("/network/items/{id}", get(network::pages::item))
        .route("/proxy/media", get(network::proxy::proxy))
        .merge(api::routes().router())
        .merge(admin::routes())
        .route("/static/civicpub.css", get(pages::site_pages::stylesheet))
        .route("/static/favicon.svg", get(pages::site_pages::favicon_svg))
        .route("/static/icons/{name}", get(pages::site_pages::icon))
        .fallback(pages::errors::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            pages::errors::for_browsers,
        ))
        .layer(axum::middleware::map_response(move |res| {
            security_headers(res, csp.clone())
        }))
        .layer(axum::middleware::from_fn(observe::track))
        .with_state(state)
}

/// A page link's `before=` value, or 400 with the reason.
pub(crate) fn page_cursor(before: &str) -> Result<civicpub_store::Cursor, WebError> {
    civicpub_store::Cursor::parse(before)
        .ok_or_else(|| WebError::bad_request(format!("malformed page cursor '{before}'")))
}

/// The signature part of a request, as the service layer checks it.
pub(crate) fn signed_request<'a>(
    state: &AppState,
    method: &'a str,
    target: &'a str,
    headers: &axum::http::HeaderMap,
    body: Option<&'a [u8]>,
) -> civicpub_transport::signatures::Request<'a> {
    civicpub_transport::signatures::Request {
        method,
        target,
        scheme: if state.base.as_str().starts_with("http://") {
            "http"
        } else {
            "https"
        },
        headers: headers
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect(),
        body,
    }
}

/// In secure mode, checks that an ActivityPub GET is signed by a server the node
/// federates with: 401 when unsigned or forged, 403 when blocked.
pub(crate) async fn require_signed_get(
    state: &AppState,
    uri: &axum::http::Uri,
    headers: &axum::http::HeaderMap,
) -> Result<(), WebError> {
    if !state.site.secure_mode {
        return Ok(());
    }
    let target = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let request = signed_request(state, "GET", target, headers, None);
    match state.node.authenticate(&request).await {
        Ok(sender) if state.node.host_allowed(&sender.host).await? => Ok(()),
        Ok(sender) => {
            Err(ServiceError::Forbidden(format!("{} is not federated with", sender.host)).into())
        }
        Err(ServiceError::Unauthorized(m)) => Err(ServiceError::Unauthorized(format!(
            "this node requires signed fetches: {m}"
        ))
        .into()),
        Err(e) => Err(e.into()),
    }
}

/// Headers every response carries: no third-party content can load, no referrer
/// leaks to other sites, nothing is sniffed.
///
/// Forms may lead to another server (`form-action … https:`): "reply from your
/// own server" sends the citizen on to theirs.
async fn security_headers(mut res: Response, csp: HeaderValue) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.entry(header::CONTENT_SECURITY_POLICY).or_insert(csp);
    res
}

/// The pages' content security policy: nothing but this node, and forms that
/// lead to this node or, through it, to a citizen's own server.
fn content_security_policy(base: &NodeBase) -> HeaderValue {
    let elsewhere = if base.as_url().scheme() == "http" {
        "https: http:"
    } else {
        "https:"
    };
    HeaderValue::from_str(&format!(
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' {elsewhere}; \
         base-uri 'none'; frame-ancestors 'none'"
    ))
    .expect("a policy is a header value")
}
