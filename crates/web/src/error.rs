//! How a failed request is answered: every service error mapped to a status and
//! a reason, once. Clients get the reason as JSON; internal details go to the
//! log, never into the response.

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use civicpub_service::ServiceError;
use civicpub_store::StoreError;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error(transparent)]
    Service(#[from] ServiceError),
    /// No representation of the resource is acceptable to the client (406).
    #[error("{0}")]
    NotAcceptable(String),
    /// The API needs a bearer token (401 with `WWW-Authenticate: Bearer`).
    #[error("{0}")]
    BearerRequired(String),
}

impl WebError {
    pub fn internal(e: impl std::fmt::Display) -> Self {
        ServiceError::internal(e).into()
    }

    pub fn bad_request(m: impl Into<String>) -> Self {
        ServiceError::BadRequest(m.into()).into()
    }

    pub fn not_found(m: impl Into<String>) -> Self {
        ServiceError::NotFound(m.into()).into()
    }

    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotAcceptable(_) => StatusCode::NOT_ACCEPTABLE,
            WebError::BearerRequired(_) => StatusCode::UNAUTHORIZED,
            WebError::Service(e) => match e {
                ServiceError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
                ServiceError::BadRequest(_) => StatusCode::BAD_REQUEST,
                ServiceError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
                ServiceError::Forbidden(_) => StatusCode::FORBIDDEN,
                ServiceError::NotFound(_) => StatusCode::NOT_FOUND,
                ServiceError::Gone(_) => StatusCode::GONE,
                ServiceError::Conflict(_) => StatusCode::CONFLICT,
                ServiceError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
                ServiceError::TooMany(_, _) => StatusCode::TOO_MANY_REQUESTS,
                ServiceError::Unavailable(_) => StatusCode::BAD_GATEWAY,
                ServiceError::Config(_) | ServiceError::Internal(_) => {
                    StatusCode::INTERNAL_SERVER_ERROR
                }
            },
        }
    }
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        WebError::Service(e.into())
    }
}

/// The JSON body of every error.
#[derive(Serialize)]
pub struct ErrorBody {
    pub error: String,
    /// For invalid input: each field's problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<BTreeMap<String, String>>,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = match &self {
            WebError::Service(ServiceError::Invalid(errors)) => ErrorBody {
                error: "the input is not valid; nothing was stored".into(),
                fields: Some(
                    errors
                        .iter()
                        .map(|e| (e.field.clone(), e.message.clone()))
                        .collect(),
                ),
            },
            WebError::Service(e @ (ServiceError::Internal(_) | ServiceError::Config(_))) => {
                tracing::error!(detail = %e.detail(), "request failed");
                ErrorBody {
                    error: "internal error".into(),
                    fields: None,
                }
            }
            other => ErrorBody {
                error: other.to_string(),
                fields: None,
            },
        };
        let mut res = (
            status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            serde_json::to_string(&body).unwrap_or_default(),
        )
            .into_response();
        match self {
            WebError::BearerRequired(_) => {
                res.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    header::HeaderValue::from_static("Bearer"),
                );
            }
            WebError::Service(ServiceError::TooMany(_, after)) => {
                res.headers_mut()
                    .insert(header::RETRY_AFTER, header::HeaderValue::from(after));
            }
            _ => {}
        }
        res
    }
}
