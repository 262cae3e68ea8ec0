//! `/admin/login` and `/admin/logout`. The login form carries a token that
//! must match a cookie set with the form (a login from another site's form
//! is refused); failures are counted by the service per account and per
//! address.

use super::{
    cookie, frame, page, set_cookie, Admin, AdminPage, Area, Fields, LOGIN_COOKIE, SESSION_COOKIE,
};
use crate::AppState;
use askama::Template;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use civicpub_service::staff::{random_token, SESSION_LIFETIME};
use civicpub_service::ServiceError;
use std::net::{IpAddr, SocketAddr};

#[derive(Template)]
#[template(path = "admin/login.html")]
struct LoginView<'a> {
    page: &'a AdminPage,
    token: String,
    name: String,
    error: Option<String>,
}

/// Where a request comes from, for the limit on failed logins: the peer's
/// address, or the last `X-Forwarded-For` hop when the peer is a proxy on
/// this machine or the private network.
pub struct PeerAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PeerAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let proxied = |ip: &IpAddr| match ip {
            IpAddr::V4(v4) => v4.is_loopback() || v4.is_private(),
            IpAddr::V6(v6) => v6.is_loopback(),
        };
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(|v| v.trim().to_string())
            .filter(|v| v.parse::<IpAddr>().is_ok());
        Ok(PeerAddress(match (peer, forwarded) {
            (Some(ip), Some(f)) if proxied(&ip) => f,
            (Some(ip), _) => ip.to_string(),
            // Without the peer's address (a test calling the router), a header
            // anyone can write is not believed.
            (None, _) => "unknown".into(),
        }))
    }
}

async fn login_page(
    state: &AppState,
    uri: &Uri,
    headers: &HeaderMap,
    name: String,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let site = match frame(state, uri, headers).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let notice = uri
        .query()
        .is_some_and(|q| q.contains("done=logged-out"))
        .then(|| site.t("admin-logged-out"));
    let admin = AdminPage {
        site,
        staff: None,
        area: Area::Login,
        notice,
    };
    let token = match random_token() {
        Ok(t) => t,
        Err(e) => return super::fail(&admin, e),
    };
    let mut res = page(
        LoginView {
            page: &admin,
            token: token.clone(),
            name,
            error,
        },
        status,
    );
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(state, LOGIN_COOKIE, Some(&token), 3600),
    );
    res
}

pub async fn form(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    login_page(&state, &uri, &headers, String::new(), None, StatusCode::OK).await
}

pub async fn submit(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    PeerAddress(address): PeerAddress,
    fields: Fields,
) -> Response {
    let name = fields.get("name").trim().to_string();
    let token_ok = matches!(cookie(&headers, LOGIN_COOKIE), Some(c) if c == fields.get("token"));
    let site = match frame(&state, &uri, &headers).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    if !token_ok {
        let error = site.t("admin-login-expired");
        return login_page(
            &state,
            &uri,
            &headers,
            name,
            Some(error),
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    match state
        .node
        .log_in(&name, fields.get("password"), &address)
        .await
    {
        Ok(session) => {
            let mut res = super::see("/admin");
            let h = res.headers_mut();
            h.append(
                header::SET_COOKIE,
                set_cookie(
                    &state,
                    SESSION_COOKIE,
                    Some(&session.secret),
                    SESSION_LIFETIME.as_secs(),
                ),
            );
            h.append(
                header::SET_COOKIE,
                set_cookie(&state, LOGIN_COOKIE, None, 0),
            );
            res
        }
        Err(ServiceError::Unauthorized(_)) => {
            let error = site.t("admin-login-failed");
            login_page(
                &state,
                &uri,
                &headers,
                name,
                Some(error),
                StatusCode::UNAUTHORIZED,
            )
            .await
        }
        Err(ServiceError::TooMany(_, _)) => {
            let error = site.t("admin-login-too-many");
            login_page(
                &state,
                &uri,
                &headers,
                name,
                Some(error),
                StatusCode::TOO_MANY_REQUESTS,
            )
            .await
        }
        Err(e) => crate::WebError::from(e).into_response(),
    }
}

pub async fn logout(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    fields: Fields,
) -> Response {
    if let Err(res) = admin.check(&fields) {
        return res;
    }
    if let Some(secret) = cookie(&headers, SESSION_COOKIE) {
        if let Err(e) = state.node.log_out(&secret).await {
            return admin.fail(e);
        }
    }
    let mut res = super::see("/admin/login?done=logged-out");
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&state, SESSION_COOKIE, None, 0),
    );
    res
}
