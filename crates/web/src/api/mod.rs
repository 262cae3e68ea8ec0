//! The JSON API under `/api/v1`, for a city's own staff tools: items, media,
//! followers and following, the delivery queue, the federation policy, and the
//! network views. Authenticated with bearer tokens (`civicpub token create`);
//! the network's listings are public.
//!
//! Every route is added through [`Routes`], which remembers its method and
//! path, so that a test can hold `openapi.json` to the routes that exist.

mod consultations;
mod deliveries;
mod follows;
mod items;
mod moderation;
mod network;
mod policy;
mod site;
pub mod views;

use crate::{AppState, WebError};
use axum::{
    extract::{rejection::JsonRejection, DefaultBodyLimit, FromRequest, FromRequestParts, Request},
    handler::Handler,
    http::{header, request::Parts, Method},
    response::{IntoResponse, Response},
    routing::{on, MethodFilter},
    Router,
};
use civicpub_service::tokens::Caller;
use civicpub_service::ServiceError;
use serde::de::DeserializeOwned;

/// The API's routes, and the (method, path) of each for the OpenAPI check.
pub struct Routes {
    router: Router<AppState>,
    listed: Vec<(Method, String)>,
}

impl Routes {
    fn new() -> Self {
        Routes {
            router: Router::new(),
            listed: Vec::new(),
        }
    }

    fn add<H, T>(
        mut self,
        method: Method,
        path: &str,
        handler: H,
        body_limit: Option<usize>,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone()).expect("an HTTP method axum routes");
        let mut route = on(filter, handler);
        if let Some(limit) = body_limit {
            route = route.layer(DefaultBodyLimit::max(limit));
        }
        self.router = self.router.route(path, route);
        self.listed.push((method, path.to_string()));
        self
    }

    fn get<H: Handler<T, AppState>, T: 'static>(self, path: &str, h: H) -> Self {
        self.add(Method::GET, path, h, None)
    }

    fn post<H: Handler<T, AppState>, T: 'static>(self, path: &str, h: H) -> Self {
        self.add(Method::POST, path, h, None)
    }

    fn put<H: Handler<T, AppState>, T: 'static>(self, path: &str, h: H) -> Self {
        self.add(Method::PUT, path, h, None)
    }

    fn delete<H: Handler<T, AppState>, T: 'static>(self, path: &str, h: H) -> Self {
        self.add(Method::DELETE, path, h, None)
    }

    /// The routes, every error answered in JSON (axum's own rejections of a
    /// malformed query or path, and `405`, come as text: they are rewritten),
    /// and unknown `/api/` paths answered `404` in JSON too.
    pub fn router(self) -> Router<AppState> {
        self.router
            .route("/api/{*rest}", axum::routing::any(unknown))
            .layer(axum::middleware::map_response(errors_in_json))
    }

    /// Every route: (method, path).
    pub fn listed(&self) -> &[(Method, String)] {
        &self.listed
    }
}

/// The whole API.
pub fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/openapi.json", openapi)
        .add(
            Method::POST,
            "/api/v1/media",
            items::upload,
            Some(civicpub_service::media::UPLOAD_LIMIT as usize),
        )
        .get("/api/v1/followers", follows::followers)
        .post("/api/v1/followers/{verdict}", follows::decide)
        .get("/api/v1/following", follows::following)
        .post("/api/v1/following", follows::follow)
        .delete("/api/v1/following", follows::unfollow)
        .get("/api/v1/deliveries", deliveries::deliveries)
        .get("/api/v1/federation", policy::policy)
        .put("/api/v1/federation", policy::set_mode)
        .put("/api/v1/federation/domains/{domain}", policy::set_rule)
        .delete("/api/v1/federation/domains/{domain}", policy::remove_rule)
        .get("/api/v1/network/items", network::items)
        .get("/api/v1/network/items/{id}", network::item)
        .post("/api/v1/network/items/{id}/republish", network::republish)
        .delete("/api/v1/network/items/{id}/republish", network::unrepublish)
        .get("/api/v1/network/events", network::events)
        .get("/api/v1/network/cities", network::cities)
        .get("/api/v1/consultations", consultations::list)
        .post("/api/v1/consultations", consultations::create)
        .get("/api/v1/consultations/{id}", consultations::read)
        .delete("/api/v1/consultations/{id}", consultations::delete)
        .post(
            "/api/v1/consultations/{id}/translations",
            consultations::translate,
        )
        .get("/api/v1/comments", moderation::comments)
        .post("/api/v1/comments/{id}/{action}", moderation::decide)
        .get("/api/v1/messages", moderation::messages)
        .get("/api/v1/reports", moderation::reports)
        .post("/api/v1/reports/{id}/resolve", moderation::resolve)
        .get("/api/v1/blocks", moderation::blocks)
        .post("/api/v1/blocks", moderation::block)
        .delete("/api/v1/blocks", moderation::unblock)
        .get("/api/v1/moderation", moderation::defaults)
        .put("/api/v1/moderation/{kind}", moderation::set_default)
        .put("/api/v1/moderation/{kind}/{id}", moderation::set_for_object)
        .get("/api/v1/site", site::site)
        .put("/api/v1/site/branding", site::set_branding)
        .get("/api/v1/site/pages/{page}/{lang}", site::page)
        .put("/api/v1/site/pages/{page}/{lang}", site::set_page)
        .delete("/api/v1/site/pages/{page}/{lang}", site::delete_page)
        .get("/api/v1/{kind}", items::list)
        .post("/api/v1/{kind}", items::create)
        .get("/api/v1/{kind}/{id}", items::read)
        .put("/api/v1/{kind}/{id}", items::update)
        .delete("/api/v1/{kind}/{id}", items::delete)
        .post("/api/v1/{kind}/{id}/pin", items::pin)
        .delete("/api/v1/{kind}/{id}/pin", items::unpin)
}

/// The caller a valid bearer token stands for.
pub struct Api(pub Caller);

fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
}

impl FromRequestParts<AppState> for Api {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let secret = bearer(parts)
            .ok_or_else(|| WebError::BearerRequired("a bearer token is required".into()))?;
        match state.node.caller(secret).await {
            Ok(caller) => Ok(Api(caller)),
            Err(ServiceError::Unauthorized(m)) => Err(WebError::BearerRequired(m)),
            Err(e) => Err(e.into()),
        }
    }
}

/// The caller when the request carries a valid token, for public routes that
/// show more to staff.
pub struct MaybeApi(pub Option<Caller>);

impl FromRequestParts<AppState> for MaybeApi {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        match bearer(parts) {
            None => Ok(MaybeApi(None)),
            Some(_) => Api::from_request_parts(parts, state)
                .await
                .map(|Api(c)| MaybeApi(Some(c))),
        }
    }
}

/// A JSON body: a document of the wrong shape is invalid input (422, the
/// `body` field), broken JSON a bad request (400), too much of it 413.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for Body<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, WebError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Body(v)),
            Err(JsonRejection::JsonDataError(e)) => {
                Err(ServiceError::field("body", e.body_text()).into())
            }
            Err(r) if r.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(ServiceError::TooLarge("the request body is too large".into()).into())
            }
            Err(r) => Err(WebError::bad_request(r.body_text())),
        }
    }
}

/// Any path under `/api/` that is not an endpoint.
async fn unknown(uri: axum::http::Uri) -> WebError {
    WebError::not_found(format!("no API endpoint at {}", uri.path()))
}

/// Rewrites an error answered in plain text (or with no body) as the API's
/// JSON error: `{"error": "..."}`.
async fn errors_in_json(res: Response) -> Response {
    let status = res.status();
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || json {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let reason = if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_lowercase()
    } else {
        text
    };
    let body = serde_json::to_string(&crate::error::ErrorBody {
        error: reason,
        fields: None,
    })
    .unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json; charset=utf-8"),
    );
    Response::from_parts(parts, axum::body::Body::from(body))
}

/// `GET /api/v1/openapi.json`: the API's description.
pub async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("../../openapi.json"),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// (METHOD, path) of every operation `openapi.json` describes.
    fn documented() -> BTreeSet<(String, String)> {
        let doc: serde_json::Value =
            serde_json::from_str(include_str!("../../openapi.json")).unwrap();
        let prefix = doc["servers"][0]["url"].as_str().unwrap().to_string();
        let mut out = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                    out.insert((method.to_uppercase(), format!("{prefix}{path}")));
                }
            }
        }
        out
    }

    fn routed() -> BTreeSet<(String, String)> {
        routes()
            .listed()
            .iter()
            .map(|(m, p)| (m.to_string(), p.clone()))
            .collect()
    }

    #[test]
    fn openapi_describes_every_route_and_no_other() {
        let (documented, routed) = (documented(), routed());
        let missing: Vec<_> = routed.difference(&documented).collect();
        assert!(
            missing.is_empty(),
            "routes without a description in openapi.json: {missing:?}"
        );
        let extra: Vec<_> = documented.difference(&routed).collect();
        assert!(
            extra.is_empty(),
            "openapi.json describes routes that do not exist: {extra:?}"
        );
    }
}
