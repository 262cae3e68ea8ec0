//! The web admin under `/admin`: city staff log in, write and schedule items,
//! moderate, and look after the network, in server-rendered pages that work
//! without JavaScript. It is a third front end over the same `Node` commands
//! as the CLI and the API: handlers read a form, call a command, render.
//!
//! Sessions are the service's ([`civicpub_service::staff`]): the cookie holds
//! the session's secret (HttpOnly, SameSite=Lax, `Secure` when the node is
//! served over https, path `/admin`); every form carries the session's CSRF
//! token, checked before anything is done. The login form, before any
//! session, carries a token that must match a short-lived cookie of its own.
//!
//! - [`login`]: logging in and out;
//! - [`content`]: the dashboard, the lists of items and drafts, and what is
//!   done to them (pin, delete, publish a draft);
//! - [`compose`]: writing and editing items and drafts, in every language side
//!   by side, with a preview and scheduling;
//! - [`network`]: follows, followers, the federation policy, deliveries;
//! - [`moderation`]: replies awaiting a decision, reports, the editors'
//!   inbox, blocked servers and accounts, consultations;
//! - [`library`]: the media library (uploads, where each is used, deleting
//!   unused ones);
//! - [`users`]: staff accounts (admins only);
//! - [`profile`]: the city's and channels' profiles (admins only);
//! - [`tokens`]: API tokens (admins only).

// A refusal here is the page that says so, handed straight back to axum:
// `Result<_, Response>` is the admin's error type, and boxing it would buy nothing.
#![allow(clippy::result_large_err)]

mod compose;
mod content;
mod forms;
mod library;
mod login;
mod moderation;
mod network;
mod profile;
mod tokens;
mod users;

pub use forms::Fields;

use crate::site::Frame;
use crate::AppState;
use askama::Template;
use axum::extract::{DefaultBodyLimit, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use civicpub_i18n::Locale;
use civicpub_service::staff::Staff;
use civicpub_service::ServiceError;

/// The session cookie.
pub const SESSION_COOKIE: &str = "civicpub_admin";
/// The login form's own token, before there is a session.
const LOGIN_COOKIE: &str = "civicpub_login";
/// The admin's stylesheet, beside the public one.
pub const ADMIN_CSS: &str = include_str!("../../static/admin.css");

/// Every admin route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(|| async { Redirect::to("/admin/login") }))
        .route("/admin", get(content::dashboard))
        .route("/admin/", get(|| async { Redirect::to("/admin") }))
        .route("/admin/login", get(login::form).post(login::submit))
        .route("/admin/logout", post(login::logout))
        .route("/admin/content/{kind}", get(content::list))
        .route(
            "/admin/content/{kind}/new",
            get(compose::new_form).post(compose::create),
        )
        .route(
            "/admin/content/{kind}/{id}",
            get(compose::edit_form).post(compose::update),
        )
        .route("/admin/content/{kind}/{id}/delete", post(content::delete))
        .route("/admin/content/{kind}/{id}/pin", post(content::pin))
        .route("/admin/drafts", get(content::drafts))
        .route(
            "/admin/drafts/{id}",
            get(compose::draft_form).post(compose::save_draft),
        )
        .route("/admin/drafts/{id}/discard", post(content::discard_draft))
        .route("/admin/network", get(network::overview))
        .route("/admin/network/follow", post(network::follow))
        .route("/admin/network/unfollow", post(network::unfollow))
        .route("/admin/network/followers", post(network::decide))
        .route("/admin/network/federation", post(network::federation))
        .route("/admin/moderation", get(moderation::queue))
        .route("/admin/moderation/comments/{id}", post(moderation::decide))
        .route("/admin/moderation/reports/{id}", post(moderation::resolve))
        .route("/admin/users", get(users::list).post(users::create))
        .route("/admin/users/{name}", post(users::set_state))
        .route("/admin/tokens", get(tokens::list).post(tokens::create))
        .route("/admin/tokens/{id}/revoke", post(tokens::revoke))
        .route("/admin/media", get(library::list))
        .route("/admin/media/{sha256}/delete", post(library::delete))
        .route("/admin/profile", get(profile::list))
        .route(
            "/admin/profile/{username}",
            get(profile::edit).post(profile::update),
        )
        .layer(DefaultBodyLimit::max(
            2 * civicpub_service::media::UPLOAD_LIMIT as usize,
        ))
        .route("/static/admin.css", get(stylesheet))
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        ADMIN_CSS,
    )
        .into_response()
}

/// The admin part of the site a page belongs to, for the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Dashboard,
    News,
    Events,
    Documents,
    Drafts,
    Network,
    Moderation,
    Users,
    Tokens,
    Media,
    Profile,
    Login,
}

/// What every admin page shares: the site's frame (language, name), who is
/// logged in, and where the page is.
pub struct AdminPage {
    pub site: Frame,
    pub staff: Option<Staff>,
    pub area: Area,
    /// What was just done, said once at the top (`?done=`).
    pub notice: Option<String>,
}

impl AdminPage {
    pub fn t(&self, id: &str) -> String {
        self.site.t(id)
    }

    /// The message `prefix` + `key`: `t_of("admin-role-", "editor")`.
    pub fn t_of(&self, prefix: &str, key: impl AsRef<str>) -> String {
        self.site.t(&format!("{prefix}{}", key.as_ref()))
    }

    pub fn lang(&self) -> Locale {
        self.site.lang
    }

    pub fn csrf(&self) -> &str {
        self.staff.as_ref().map_or("", |s| s.csrf_token.as_str())
    }

    pub fn is_admin(&self) -> bool {
        self.staff.as_ref().is_some_and(Staff::is_admin)
    }

    pub fn current(&self, area: &str) -> &'static str {
        let name = match self.area {
            Area::Dashboard => "dashboard",
            Area::News => "news",
            Area::Events => "events",
            Area::Documents => "documents",
            Area::Drafts => "drafts",
            Area::Network => "network",
            Area::Moderation => "moderation",
            Area::Users => "users",
            Area::Tokens => "tokens",
            Area::Media => "media",
            Area::Profile => "profile",
            Area::Login => "login",
        };
        if name == area {
            " aria-current=\"page\""
        } else {
            ""
        }
    }

    pub fn who(&self) -> String {
        match &self.staff {
            Some(s) => self.site.t_with(
                "admin-logged-in-as",
                &[
                    ("name", s.user.name.as_str().into()),
                    (
                        "role",
                        self.t(&format!("admin-role-{}", s.role.as_str())).into(),
                    ),
                ],
            ),
            None => String::new(),
        }
    }

    pub fn stylesheet(&self) -> String {
        self.site.stylesheet()
    }

    pub fn link(&self, target: &str) -> String {
        self.site.link(target)
    }
}

/// A logged-in request: the session's staff member and the page's frame.
/// Without a valid session, a browser is sent to the login page.
pub struct Admin {
    pub page: AdminPage,
}

impl Admin {
    pub fn staff(&self) -> &Staff {
        self.page
            .staff
            .as_ref()
            .expect("an admin request has a session")
    }

    /// Refuses a form whose CSRF token is missing or not this session's.
    pub fn check(&self, fields: &Fields) -> Result<(), Response> {
        if self.staff().csrf_matches(fields.get("csrf")) {
            Ok(())
        } else {
            Err(self.fail(ServiceError::Forbidden(
                "the form's security token is missing or out of date: reload the page and try again"
                    .into(),
            )))
        }
    }

    /// Refuses an editor what only admins may do.
    pub fn require_admin(&self) -> Result<(), Response> {
        self.staff().require_admin().map_err(|e| self.fail(e))
    }

    /// An error page for what a command refused.
    pub fn fail(&self, e: ServiceError) -> Response {
        fail(&self.page, e)
    }
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let site = frame(state, &parts.uri, &parts.headers).await?;
        let to_login = || {
            let mut res = Redirect::to("/admin/login").into_response();
            if parts.method == axum::http::Method::GET {
                *res.status_mut() = StatusCode::SEE_OTHER;
            }
            res
        };
        let Some(secret) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(to_login());
        };
        let staff = match state.node.staff_session(&secret).await {
            Ok(staff) => staff,
            Err(ServiceError::Unauthorized(_)) => return Err(to_login()),
            Err(e) => {
                let page = AdminPage {
                    site,
                    staff: None,
                    area: Area::Login,
                    notice: None,
                };
                return Err(fail(&page, e));
            }
        };
        let notice = done_notice(&site, parts.uri.query());
        Ok(Admin {
            page: AdminPage {
                site,
                staff: Some(staff),
                area: Area::Dashboard,
                notice,
            },
        })
    }
}

/// The frame of an admin page: the site's name and the reader's language.
pub async fn frame(state: &AppState, uri: &Uri, headers: &HeaderMap) -> Result<Frame, Response> {
    let data = state
        .site_data
        .get(state)
        .await
        .map_err(IntoResponse::into_response)?;
    Ok(Frame::new(data, uri.path(), uri.query(), headers))
}

/// `?done=published` and friends: what the last action did, in words.
fn done_notice(site: &Frame, query: Option<&str>) -> Option<String> {
    let done = url::form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == "done")
        .map(|(_, v)| v.into_owned())?;
    let id = match done.as_str() {
        "published" => "admin-done-published",
        "saved" => "admin-done-saved",
        "scheduled" => "admin-done-scheduled",
        "deleted" => "admin-done-deleted",
        "discarded" => "admin-done-discarded",
        "pinned" => "admin-done-pinned",
        "unpinned" => "admin-done-unpinned",
        "decided" => "admin-done-decided",
        "followed" => "admin-done-followed",
        "unfollowed" => "admin-done-unfollowed",
        "policy" => "admin-done-policy",
        "user" => "admin-done-user",
        "revoked" => "admin-done-revoked",
        "media-deleted" => "admin-done-media-deleted",
        "profile" => "admin-done-profile",
        _ => return None,
    };
    Some(site.t(id))
}

/// A cookie's value from the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` for the admin: HttpOnly, SameSite=Lax, path `/admin`, and
/// `Secure` when the node is served over https. `None` clears it.
pub fn set_cookie(state: &AppState, name: &str, value: Option<&str>, max_age: u64) -> HeaderValue {
    let secure = if state.base.as_url().scheme() == "https" {
        "; Secure"
    } else {
        ""
    };
    let (value, age) = match value {
        Some(v) => (v, max_age),
        None => ("", 0),
    };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/admin; HttpOnly; SameSite=Lax; Max-Age={age}{secure}"
    ))
    .expect("cookie values are URL-safe base64")
}

/// See `path` after a change (303, so the browser GETs it).
pub fn see(path: &str) -> Response {
    Redirect::to(path).into_response()
}

/// A rendered admin page: never cached, never stored.
pub fn page(t: impl Template, status: StatusCode) -> Response {
    match t.render() {
        Ok(body) => {
            let mut res = (status, Html(body)).into_response();
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
        Err(e) => crate::WebError::internal(e).into_response(),
    }
}

#[derive(Template)]
#[template(path = "admin/error.html")]
struct ErrorView<'a> {
    page: &'a AdminPage,
    heading: String,
    message: String,
}

/// The page for a command's refusal: its status and reason (an internal
/// error is logged and only named).
pub fn fail(page_: &AdminPage, e: ServiceError) -> Response {
    let web = crate::WebError::from(e);
    let status = web.status();
    let message = match &web {
        crate::WebError::Service(ServiceError::Internal(detail)) => {
            tracing::error!(error = %detail, "admin request failed");
            page_.t("error-server-text")
        }
        crate::WebError::Service(ServiceError::Invalid(errors)) => errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    };
    let heading = match status {
        StatusCode::FORBIDDEN => page_.t("admin-error-forbidden"),
        StatusCode::NOT_FOUND => page_.t("error-not-found-heading"),
        StatusCode::GONE => page_.t("error-gone-heading"),
        s if s.is_client_error() => page_.t("admin-error-refused"),
        _ => page_.t("error-server-title"),
    };
    page(
        ErrorView {
            page: page_,
            heading,
            message,
        },
        status,
    )
}

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
