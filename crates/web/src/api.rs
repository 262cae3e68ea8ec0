//! The JSON API under `/api/v1`: news, events and documents (create, read,
//! update, delete, list) and media uploads, for a city's own staff tools.
//! Authenticated with bearer tokens from `civicpub token create`.

use crate::{AppState, WebError};
use axum::{
    body::Bytes,
    extract::{rejection::JsonRejection, FromRequestParts, Path, Query, State},
    http::{header, request::Parts, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use chrono::{NaiveDate, NaiveDateTime};
use civicpub_domain::{
    DocumentDetails, DocumentFile, Draft, EventDetails, EventStatus, FieldError, Item, ItemDetails,
    ItemKind, LocalActor, Media, MediaKind, Place, Text,
};
use civicpub_service::{tokens, PublishError, Publisher};
use civicpub_store::ApiToken;
use serde::{Deserialize, Serialize};
use serde_json::json;
use url::Url;

/// Largest upload accepted, in bytes.
pub const UPLOAD_LIMIT: usize = 25 * 1024 * 1024;

/// The actor a valid bearer token stands for.
pub struct ApiCaller {
    pub actor: LocalActor,
    pub token: ApiToken,
}

impl ApiCaller {
    pub(crate) fn require(&self, scope: &str) -> Result<(), ApiError> {
        if self.token.allows(scope) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "this token lacks the '{scope}' scope"
            )))
        }
    }
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let secret = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| ApiError::Unauthorized("a bearer token is required".into()))?;
        let token = tokens::authenticate(&state.store, secret.trim())
            .await
            .map_err(WebError::from)?
            .ok_or_else(|| ApiError::Unauthorized("the bearer token is not valid".into()))?;
        let actor = state
            .store
            .actor_by_id(token.actor_id)
            .await
            .map_err(WebError::from)?
            .ok_or_else(|| ApiError::Unauthorized("the token's actor is gone".into()))?;
        Ok(ApiCaller { actor, token })
    }
}

/// API failures: JSON bodies with a reason, and per-field messages for 422.
#[derive(Debug)]
pub enum ApiError {
    Unauthorized(String),
    Forbidden(String),
    Invalid(Vec<FieldError>),
    Web(WebError),
}

impl From<WebError> for ApiError {
    fn from(e: WebError) -> Self {
        ApiError::Web(e)
    }
}

impl From<PublishError> for ApiError {
    fn from(e: PublishError) -> Self {
        match e {
            PublishError::Invalid(errors) => ApiError::Invalid(errors),
            PublishError::NotFound(m) => ApiError::Web(WebError::NotFound(m)),
            PublishError::Conflict(m) => ApiError::Web(WebError::Conflict(m)),
            PublishError::Store(e) => ApiError::Web(WebError::from(e)),
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        match r {
            JsonRejection::JsonDataError(e) => ApiError::Invalid(vec![FieldError {
                field: "body".into(),
                message: e.body_text(),
            }]),
            other => ApiError::Web(WebError::BadRequest(other.body_text())),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Unauthorized(m) => (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer")],
                Json(json!({ "error": m })),
            )
                .into_response(),
            ApiError::Forbidden(m) => {
                (StatusCode::FORBIDDEN, Json(json!({ "error": m }))).into_response()
            }
            ApiError::Invalid(errors) => {
                let fields: serde_json::Map<String, serde_json::Value> = errors
                    .iter()
                    .map(|e| (e.field.clone(), json!(e.message)))
                    .collect();
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Json(json!({ "error": "the input is not valid; nothing was stored", "fields": fields })),
                )
                    .into_response()
            }
            ApiError::Web(e) => e.into_response(),
        }
    }
}

#[derive(Deserialize, Serialize, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct TextInput {
    pub lang: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub body: String,
}

#[derive(Deserialize, Serialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct MediaRef {
    /// The `id` (SHA-256) an upload answered with.
    pub media: String,
    #[serde(default)]
    pub alt: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Deserialize, Serialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct PlaceInput {
    pub name: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
}

/// One input shape for the three kinds; each kind reads the fields it has.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ItemInput {
    #[serde(default)]
    pub texts: Vec<TextInput>,
    #[serde(default)]
    pub tags: Vec<String>,
    // News
    #[serde(default)]
    pub hero: Option<MediaRef>,
    // Event
    #[serde(default)]
    pub starts: Option<String>,
    #[serde(default)]
    pub ends: Option<String>,
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default)]
    pub all_day: bool,
    #[serde(default)]
    pub place: Option<PlaceInput>,
    #[serde(default)]
    pub online_url: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    // Document
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub license: Option<String>,
    #[serde(default)]
    pub adopted_on: Option<String>,
    #[serde(default)]
    pub files: Vec<MediaRef>,
}

fn field(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

fn local_time(
    s: &Option<String>,
    name: &str,
    all_day: bool,
    end: bool,
    errors: &mut Vec<FieldError>,
) -> NaiveDateTime {
    let Some(s) = s else {
        errors.push(field(name, "is required"));
        return NaiveDateTime::default();
    };
    if all_day {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return if end {
                d.and_hms_opt(23, 59, 59)
            } else {
                d.and_hms_opt(0, 0, 0)
            }
            .unwrap_or_default();
        }
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .unwrap_or_else(|| {
            errors.push(field(
                name,
                "a local time like 2026-12-01T16:00 is required",
            ));
            NaiveDateTime::default()
        })
}

impl ItemInput {
    /// Turns the input into a draft of `kind`, resolving media ids; collects every
    /// problem, then adds the draft's own rules.
    async fn into_draft(self, state: &AppState, kind: ItemKind) -> Result<Draft, ApiError> {
        let mut errors = Vec::new();
        let details = match kind {
            ItemKind::News => {
                let hero = match &self.hero {
                    Some(h) => media(state, &h.media, "hero.media", &mut errors)
                        .await?
                        .map(|m| (m, h.alt.clone().unwrap_or_default())),
                    None => None,
                };
                ItemDetails::News { hero }
            }
            ItemKind::Event => {
                let online_url = match &self.online_url {
                    Some(u) => Url::parse(u)
                        .map_err(|_| errors.push(field("online_url", "not a URL")))
                        .ok(),
                    None => None,
                };
                let status = match &self.status {
                    None => EventStatus::Scheduled,
                    Some(s) => EventStatus::parse(s).unwrap_or_else(|| {
                        errors.push(field("status", "scheduled, cancelled or postponed"));
                        EventStatus::Scheduled
                    }),
                };
                ItemDetails::Event(EventDetails {
                    starts: local_time(&self.starts, "starts", self.all_day, false, &mut errors),
                    ends: local_time(&self.ends, "ends", self.all_day, true, &mut errors),
                    timezone: self.timezone.clone().unwrap_or_default(),
                    all_day: self.all_day,
                    place: self.place.clone().map(|p| Place {
                        name: p.name,
                        address: p.address,
                        latitude: p.latitude,
                        longitude: p.longitude,
                    }),
                    online_url,
                    status,
                })
            }
            ItemKind::Document => {
                let adopted_on = match &self.adopted_on {
                    None => chrono::Utc::now().date_naive(),
                    Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap_or_else(|_| {
                        errors.push(field("adopted_on", "a date like 2026-03-15 is required"));
                        NaiveDate::default()
                    }),
                };
                let mut files = Vec::new();
                for (i, f) in self.files.iter().enumerate() {
                    if let Some(m) =
                        media(state, &f.media, &format!("files.{i}.media"), &mut errors).await?
                    {
                        let name = f.name.clone().unwrap_or_else(|| m.file_name());
                        files.push(DocumentFile { media: m, name });
                    }
                }
                ItemDetails::Document(DocumentDetails {
                    version: self.version.clone().unwrap_or_default(),
                    license: self.license.clone().unwrap_or_default(),
                    adopted_on,
                    files,
                })
            }
        };
        let draft = Draft {
            texts: self
                .texts
                .into_iter()
                .map(|t| Text {
                    lang: t.lang,
                    title: t.title,
                    summary: t.summary,
                    body: t.body,
                })
                .collect(),
            tags: self.tags,
            details,
        };
        errors.extend(draft.validate());
        if errors.is_empty() {
            Ok(draft)
        } else {
            Err(ApiError::Invalid(errors))
        }
    }
}

async fn media(
    state: &AppState,
    id: &str,
    name: &str,
    errors: &mut Vec<FieldError>,
) -> Result<Option<Media>, ApiError> {
    match state.store.media(id).await.map_err(WebError::from)? {
        Some(m) => Ok(Some(m)),
        None => {
            errors.push(field(name, "no uploaded media with this id"));
            Ok(None)
        }
    }
}

/// An item as the API answers it.
pub fn item_output(state: &AppState, actor: &LocalActor, item: &Item) -> serde_json::Value {
    let url = state.base.url(&item.path());
    let mut out = json!({
        "id": item.id,
        "kind": item.kind.as_str(),
        "url": url,
        "actor": actor.username.as_str(),
        "published": item.published_at.to_rfc3339(),
        "updated": item.updated_at.to_rfc3339(),
        "pinned": item.pinned,
    });
    let Some(draft) = &item.draft else {
        out["deleted"] = json!(item.deleted_at.map(|t| t.to_rfc3339()));
        return out;
    };
    out["texts"] = json!(draft
        .texts
        .iter()
        .map(|t| json!({ "lang": t.lang, "title": t.title, "summary": t.summary, "body": t.body }))
        .collect::<Vec<_>>());
    out["tags"] = json!(draft.tags);
    let media_json = |m: &Media| json!({ "media": m.sha256, "url": state.base.url(&m.path()), "media_type": m.media_type, "size": m.size });
    match &draft.details {
        ItemDetails::News { hero } => {
            out["hero"] = hero.as_ref().map_or(json!(null), |(m, alt)| {
                let mut h = media_json(m);
                h["alt"] = json!(alt);
                h
            });
        }
        ItemDetails::Event(e) => {
            out["starts"] = json!(e.starts.format("%Y-%m-%dT%H:%M:%S").to_string());
            out["ends"] = json!(e.ends.format("%Y-%m-%dT%H:%M:%S").to_string());
            out["timezone"] = json!(e.timezone);
            out["all_day"] = json!(e.all_day);
            out["place"] = e.place.as_ref().map_or(json!(null), |p| {
                json!({ "name": p.name, "address": p.address, "latitude": p.latitude, "longitude": p.longitude })
            });
            out["online_url"] = json!(e.online_url);
            out["status"] = json!(e.status.as_str());
        }
        ItemDetails::Document(d) => {
            out["version"] = json!(d.version);
            out["license"] = json!(d.license);
            out["adopted_on"] = json!(d.adopted_on.to_string());
            out["files"] = json!(d
                .files
                .iter()
                .map(|f| {
                    let mut j = media_json(&f.media);
                    j["name"] = json!(f.name);
                    j
                })
                .collect::<Vec<_>>());
        }
    }
    out
}

fn kind_of(segment: &str) -> Result<ItemKind, ApiError> {
    ItemKind::from_path(segment).ok_or_else(|| {
        ApiError::Web(WebError::NotFound(format!(
            "no collection '{segment}' in the API"
        )))
    })
}

fn parse_id(id: &str) -> Result<i64, ApiError> {
    id.parse()
        .map_err(|_| ApiError::Web(WebError::NotFound(format!("no item '{id}'"))))
}

#[derive(Deserialize)]
pub struct ListQuery {
    limit: Option<i64>,
}

pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(kind): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Response, ApiError> {
    caller.require("read")?;
    let kind = kind_of(&kind)?;
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let items = state
        .store
        .items(Some(kind), Some(caller.actor.id), None, limit)
        .await
        .map_err(WebError::from)?;
    let out: Vec<_> = items
        .iter()
        .map(|i| item_output(&state, &caller.actor, i))
        .collect();
    Ok(Json(json!({ "items": out })).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(kind): Path<String>,
    body: Result<Json<ItemInput>, JsonRejection>,
) -> Result<Response, ApiError> {
    caller.require("write")?;
    let kind = kind_of(&kind)?;
    let Json(input) = body?;
    let draft = input.into_draft(&state, kind).await?;
    let item = Publisher {
        store: &state.store,
        base: &state.base,
    }
    .publish(&caller.actor, draft)
    .await?;
    state.fed.queued.notify_one();
    let out = item_output(&state, &caller.actor, &item);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, state.base.url(&item.path()).to_string())],
        Json(out),
    )
        .into_response())
}

async fn owned(
    state: &AppState,
    caller: &ApiCaller,
    kind: ItemKind,
    id: &str,
) -> Result<Item, ApiError> {
    let id = parse_id(id)?;
    match state.store.item(id).await.map_err(WebError::from)? {
        Some(i) if i.kind == kind && i.actor_id == caller.actor.id => Ok(i),
        _ => Err(ApiError::Web(WebError::NotFound(format!(
            "no {} {id}",
            kind.as_str()
        )))),
    }
}

pub async fn read(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    caller.require("read")?;
    let item = owned(&state, &caller, kind_of(&kind)?, &id).await?;
    let status = if item.deleted_at.is_some() {
        StatusCode::GONE
    } else {
        StatusCode::OK
    };
    Ok((status, Json(item_output(&state, &caller.actor, &item))).into_response())
}

pub async fn update(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((kind, id)): Path<(String, String)>,
    body: Result<Json<ItemInput>, JsonRejection>,
) -> Result<Response, ApiError> {
    caller.require("write")?;
    let kind = kind_of(&kind)?;
    let item = owned(&state, &caller, kind, &id).await?;
    let Json(input) = body?;
    let draft = input.into_draft(&state, kind).await?;
    let item = Publisher {
        store: &state.store,
        base: &state.base,
    }
    .update(&caller.actor, item.id, draft)
    .await?;
    state.fed.queued.notify_one();
    Ok(Json(item_output(&state, &caller.actor, &item)).into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    caller.require("write")?;
    let item = owned(&state, &caller, kind_of(&kind)?, &id).await?;
    Publisher {
        store: &state.store,
        base: &state.base,
    }
    .delete(&caller.actor, item.id)
    .await?;
    state.fed.queued.notify_one();
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn pin(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((kind, id)): Path<(String, String)>,
    method: axum::http::Method,
) -> Result<Response, ApiError> {
    caller.require("write")?;
    let item = owned(&state, &caller, kind_of(&kind)?, &id).await?;
    state
        .store
        .set_pinned(item.id, method != axum::http::Method::DELETE)
        .await
        .map_err(WebError::from)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /api/v1/media`: the raw file as the body, its type in `Content-Type`.
pub async fn upload(
    State(state): State<AppState>,
    caller: ApiCaller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    caller.require("write")?;
    let claimed = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
    let claimed_kind = match claimed.as_deref() {
        None | Some("application/octet-stream") => None,
        Some(t) => Some(MediaKind::from_media_type(t).ok_or_else(|| {
            ApiError::Invalid(vec![field(
                "content-type",
                format!("'{t}' is not accepted: PNG, JPEG, GIF, WebP or PDF"),
            )])
        })?),
    };
    let media = state
        .media
        .save(&state.store, &body, claimed_kind, UPLOAD_LIMIT as u64)
        .await
        .map_err(|e| match e {
            civicpub_store::MediaSaveError::Invalid(e) => {
                ApiError::Invalid(vec![field("file", e.to_string())])
            }
            other => ApiError::Web(WebError::internal(other)),
        })?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": media.sha256,
            "url": state.base.url(&media.path()),
            "media_type": media.media_type,
            "size": media.size,
        })),
    )
        .into_response())
}

pub async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("../openapi.json"),
    )
        .into_response()
}
