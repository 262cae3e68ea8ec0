//! The node's public HTML pages, rendered on the server; they work without
//! JavaScript and load nothing from other servers. Every page is written in
//! the reader's language ([`Frame`]) and kept in the page cache until the data
//! changes ([`PageRequest::render`]).
//!
//! - [`home`]: the home page;
//! - [`lists`]: news, events, documents and tags;
//! - [`item`]: one item, and a document's earlier versions;
//! - [`profile`]: an account's page;
//! - [`conversation`]: replies and their counts under an item or a
//!   consultation, and "reply or follow from your own server";
//! - [`consultation`]: a consultation with its results, and the list of them;
//! - [`site_pages`]: About, Contact, Privacy, Accessibility, `robots.txt`,
//!   `sitemap.xml`, the stylesheet and the favicon;
//! - [`errors`]: error pages for browsers.

pub mod consultation;
pub mod conversation;
pub mod errors;
pub mod home;
pub mod item;
pub mod lists;
pub mod profile;
pub mod site_pages;
mod views;

pub use site_pages::STYLESHEET;
pub use views::*;

use crate::page_cache::{Conditional, Rendered};
use crate::site::Frame;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use civicpub_domain::Timestamp;

/// A request for a page: the frame it is written in, and what the cache
/// needs to know.
pub struct PageRequest {
    pub site: Frame,
    pub cond: Conditional,
}

impl FromRequestParts<AppState> for PageRequest {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        PageRequest::new(state, &parts.uri, &parts.headers).await
    }
}

impl PageRequest {
    /// The page request of `uri` with these headers.
    pub async fn new(state: &AppState, uri: &Uri, headers: &HeaderMap) -> Result<Self, WebError> {
        let data = state.site_data.get(state).await?;
        let site = Frame::new(data, uri.path(), uri.query(), headers);
        let target = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        // Searches are not kept: their words are too many.
        let searched = uri.query().is_some_and(|q| {
            url::form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k == "q" && !v.trim().is_empty())
        });
        let cond = Conditional::new(target, headers, !searched);
        Ok(PageRequest { site, cond })
    }

    /// The page: from the cache while the data has not changed, else
    /// `render`'s (then kept).
    pub async fn render<F, Fut>(&self, state: &AppState, render: F) -> Result<Response, WebError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Rendered, WebError>>,
    {
        state
            .pages
            .serve(state.node.generation(), &self.cond, render)
            .await
    }
}

/// A template as an HTML page; `modified` is the latest change it shows.
pub fn html(t: impl Template, modified: Option<Timestamp>) -> Result<Rendered, WebError> {
    Ok(Rendered::html(
        t.render().map_err(WebError::internal)?,
        modified,
    ))
}

/// The latest of some times, and of the site's own (branding, pages).
pub fn latest(site: &Frame, times: impl IntoIterator<Item = Timestamp>) -> Option<Timestamp> {
    times
        .into_iter()
        .chain([site.data.updated])
        .max()
        .filter(|t| t.millis() > 0)
}
