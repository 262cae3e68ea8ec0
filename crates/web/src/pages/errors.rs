//! Error pages for people: a browser that asks for a page that is not there
//! (or no longer is, or cannot be shown) gets a page in its language with a
//! way home; the API and ActivityPub clients keep getting JSON.

use crate::negotiate::{negotiate, Representation};
use crate::site::Frame;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    site: &'a Frame,
    title: String,
    heading: String,
    text: String,
}

/// The error page for `status`, in the frame's language.
pub fn error_page(site: &Frame, status: StatusCode) -> Response {
    let (title, heading, text) = match status {
        StatusCode::NOT_FOUND => (
            "error-not-found-title",
            "error-not-found-heading",
            "error-not-found-text",
        ),
        StatusCode::GONE => ("error-gone-title", "error-gone-heading", "error-gone-text"),
        s if s.is_client_error() => (
            "error-bad-request-title",
            "error-bad-request-heading",
            "error-bad-request-text",
        ),
        _ => (
            "error-server-title",
            "error-server-title",
            "error-server-text",
        ),
    };
    let body = ErrorPage {
        site,
        title: site.t(title),
        heading: site.t(heading),
        text: site.t(text),
    }
    .render()
    .unwrap_or_else(|_| site.t(heading));
    let mut res = (status, Html(body)).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Turns the JSON error of a page a browser asked for into an error page.
pub async fn for_browsers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let wants_page = matches!(*req.method(), Method::GET | Method::HEAD)
        && !path.starts_with("/api/")
        && !path.starts_with("/.well-known/")
        && !path.starts_with("/nodeinfo/")
        && !path.starts_with("/proxy/")
        && negotiate(
            req.headers(),
            &[Representation::Html, Representation::ActivityJson],
        ) == Ok(Representation::Html);
    if !wants_page {
        return next.run(req).await;
    }
    let query = req.uri().query().map(str::to_string);
    let headers = req.headers().clone();
    let res = next.run(req).await;
    let status = res.status();
    let is_json_error = (status.is_client_error() || status.is_server_error())
        && status != StatusCode::NOT_ACCEPTABLE
        && status != StatusCode::UNAUTHORIZED
        && res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("application/json"));
    if !is_json_error {
        return res;
    }
    let Ok(data) = state.site_data.get(&state).await else {
        return res;
    };
    let site = Frame::new(data, &path, query.as_deref(), &headers);
    let mut page = error_page(&site, status);
    page.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Accept, Accept-Language"),
    );
    page
}

/// The answer to a path nothing is at.
pub async fn not_found() -> Result<Response, WebError> {
    Err(WebError::not_found("nothing is at this address"))
}
