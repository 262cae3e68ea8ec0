//! One error type for every service command. Each front end maps it once: the
//! web to a status and a reason (`civicpub-web`), the CLI to a message and an
//! exit code (`src/main.rs`). Internal details go to the log, never to the
//! person asking.

use civicpub_domain::FieldError;
use civicpub_store::{MediaSaveError, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The input breaks rules, one or more fields at once; nothing was changed.
    #[error("invalid input: {}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    /// The request as a whole makes no sense (a malformed document, say).
    #[error("{0}")]
    BadRequest(String),
    /// Not signed, or not by whom it claims.
    #[error("{0}")]
    Unauthorized(String),
    /// Allowed to no one in this position (a blocked domain, a missing scope).
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    /// It was there and was deleted for good.
    #[error("{0}")]
    Gone(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    TooLarge(String),
    /// Too many requests from one source; it may try again after this many seconds.
    #[error("{0}")]
    TooMany(String, u64),
    /// Another server did not answer as it should; worth trying again later.
    #[error("{0}")]
    Unavailable(String),
    /// The node's own configuration is wrong (exit code 2 for the CLI).
    #[error("{0}")]
    Config(String),
    /// Something broke inside: logged in full, shown as "internal error".
    #[error("internal error")]
    Internal(String),
}

impl ServiceError {
    pub fn internal(e: impl std::fmt::Display) -> Self {
        ServiceError::Internal(e.to_string())
    }

    /// One problem with one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        ServiceError::Invalid(vec![FieldError {
            field: field.into(),
            message: message.into(),
        }])
    }

    /// The detail of an internal error, for the log.
    pub fn detail(&self) -> String {
        match self {
            ServiceError::Internal(d) => d.clone(),
            other => other.to_string(),
        }
    }
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => ServiceError::NotFound(format!("{what} was not found")),
            StoreError::Conflict(what) => ServiceError::Conflict(format!("{what} already exists")),
            StoreError::Config(m) => ServiceError::Config(m),
            other => ServiceError::Internal(other.to_string()),
        }
    }
}

impl From<MediaSaveError> for ServiceError {
    fn from(e: MediaSaveError) -> Self {
        match e {
            MediaSaveError::Invalid(e) => ServiceError::field("file", e.to_string()),
            MediaSaveError::Io(e) => ServiceError::Internal(format!("cannot write media: {e}")),
            MediaSaveError::Store(e) => e.into(),
        }
    }
}

/// Collects field errors, then fails with all of them at once.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    pub fn extend(&mut self, errors: Vec<FieldError>) {
        self.0.extend(errors);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when no problem was found.
    pub fn or<T>(self, value: T) -> Result<T, ServiceError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(ServiceError::Invalid(self.0))
        }
    }
}
