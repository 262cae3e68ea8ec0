//! A submitted form, URL-encoded or multipart, read the same way: its values
//! by name, and its files.

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use civicpub_domain::MediaKind;
use civicpub_service::media::MediaInput;

/// A file chosen in a form.
#[derive(Debug, Clone)]
pub struct Upload {
    pub bytes: Vec<u8>,
    pub file_name: String,
    pub content_type: Option<String>,
}

impl Upload {
    /// The file as the service takes it, claiming the kind its
    /// `Content-Type` or its name says (the service checks the bytes).
    pub fn media_input(&self) -> MediaInput {
        let claimed = self
            .content_type
            .as_deref()
            .and_then(MediaKind::from_media_type)
            .or_else(|| {
                self.file_name
                    .rsplit_once('.')
                    .and_then(|(_, ext)| MediaKind::from_extension(ext))
            });
        MediaInput::Upload {
            bytes: self.bytes.clone(),
            claimed,
        }
    }
}

/// A form's values and files, in the order sent.
#[derive(Debug, Default)]
pub struct Fields {
    values: Vec<(String, String)>,
    files: Vec<(String, Upload)>,
}

impl Fields {
    /// The first value named `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.values
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// The value named `name`, trimmed, when not empty.
    pub fn opt(&self, name: &str) -> Option<String> {
        Some(self.get(name).trim().to_string()).filter(|v| !v.is_empty())
    }

    /// Whether a checkbox named `name` was ticked.
    pub fn checked(&self, name: &str) -> bool {
        self.values.iter().any(|(k, _)| k == name)
    }

    /// The non-empty file chosen for `name`.
    pub fn file(&self, name: &str) -> Option<&Upload> {
        self.files
            .iter()
            .find(|(k, f)| k == name && !f.bytes.is_empty())
            .map(|(_, f)| f)
    }
}

fn bad(e: impl std::fmt::Display) -> Response {
    (StatusCode::BAD_REQUEST, format!("unreadable form: {e}")).into_response()
}

impl<S: Send + Sync> FromRequest<S> for Fields {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("multipart/form-data"));
        let mut fields = Fields::default();
        if multipart {
            let mut form = Multipart::from_request(req, state)
                .await
                .map_err(IntoResponse::into_response)?;
            while let Some(field) = form.next_field().await.map_err(bad)? {
                let name = field.name().unwrap_or_default().to_string();
                match field.file_name().map(str::to_string) {
                    Some(file_name) => {
                        let content_type = field.content_type().map(str::to_string);
                        let bytes = field.bytes().await.map_err(bad)?;
                        fields.files.push((
                            name,
                            Upload {
                                bytes: bytes.to_vec(),
                                file_name,
                                content_type,
                            },
                        ));
                    }
                    None => {
                        let text = field.text().await.map_err(bad)?;
                        fields.values.push((name, text));
                    }
                }
            }
        } else {
            let body = Bytes::from_request(req, state)
                .await
                .map_err(IntoResponse::into_response)?;
            fields.values = url::form_urlencoded::parse(&body).into_owned().collect();
        }
        Ok(fields)
    }
}
