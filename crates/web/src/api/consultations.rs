//! `/api/v1/consultations`: questions the city asks, their translations and
//! their running totals (never who voted).

use super::{Api, Body};
use crate::{AppState, WebError};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use civicpub_domain::{Consultation, ConsultationText, Tally, Timestamp};
use civicpub_service::consultations::ConsultationInput;
use serde::Serialize;

/// A consultation as the API shows it.
#[derive(Serialize)]
pub struct ConsultationView {
    pub id: i64,
    pub url: String,
    pub texts: Vec<ConsultationText>,
    pub multiple: bool,
    pub ends_at: String,
    pub closed: bool,
    /// How replies to it are moderated, when it says so itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moderation: Option<&'static str>,
    pub published: String,
    pub voters: u64,
    /// Votes per option, in the options' order.
    pub votes: Vec<u64>,
}

impl ConsultationView {
    fn new(state: &AppState, c: &Consultation, tally: &Tally) -> Option<Self> {
        let d = c.draft.as_ref()?;
        Some(ConsultationView {
            id: c.id,
            url: state.base.url(&c.path()).to_string(),
            texts: d.texts.clone(),
            multiple: d.multiple,
            ends_at: d.ends_at.to_rfc3339(),
            closed: c.closed_at(Timestamp::now()),
            moderation: c.moderation.map(|m| m.as_str()),
            published: c.published_at.to_rfc3339(),
            voters: tally.voters,
            votes: tally.votes.clone(),
        })
    }
}

#[derive(Serialize)]
pub struct ConsultationList {
    pub consultations: Vec<ConsultationView>,
}

async fn view(state: &AppState, c: &Consultation) -> Result<ConsultationView, WebError> {
    let tally = state.node.tally(c).await?;
    ConsultationView::new(state, c, &tally).ok_or_else(|| {
        WebError::Service(civicpub_service::ServiceError::Gone(format!(
            "consultation {} was deleted",
            c.id
        )))
    })
}

fn id_of(id: &str) -> Result<i64, WebError> {
    id.parse()
        .map_err(|_| WebError::not_found(format!("no consultation '{id}' on this node")))
}

/// `GET /api/v1/consultations`: newest first.
pub async fn list(
    State(state): State<AppState>,
    Api(caller): Api,
) -> Result<Json<ConsultationList>, WebError> {
    caller.require("read")?;
    let mut consultations = Vec::new();
    for c in state.node.consultations(1000).await? {
        consultations.push(view(&state, &c).await?);
    }
    Ok(Json(ConsultationList { consultations }))
}

/// `POST /api/v1/consultations`: publishes one for the caller's actor.
pub async fn create(
    State(state): State<AppState>,
    Api(caller): Api,
    Body(input): Body<ConsultationInput>,
) -> Result<Response, WebError> {
    caller.require("write")?;
    let c = state
        .node
        .publish_consultation(&caller.actor, input)
        .await?;
    let body = view(&state, &c).await?;
    Ok((
        StatusCode::CREATED,
        [(axum::http::header::LOCATION, body.url.clone())],
        Json(body),
    )
        .into_response())
}

/// `GET /api/v1/consultations/{id}`.
pub async fn read(
    State(state): State<AppState>,
    Api(caller): Api,
    Path(id): Path<String>,
) -> Result<Json<ConsultationView>, WebError> {
    caller.require("read")?;
    let (c, _) = state.node.consultation(id_of(&id)?).await?;
    Ok(Json(view(&state, &c).await?))
}

/// `POST /api/v1/consultations/{id}/translations`: adds or replaces a language.
pub async fn translate(
    State(state): State<AppState>,
    Api(caller): Api,
    Path(id): Path<String>,
    Body(text): Body<ConsultationText>,
) -> Result<Json<ConsultationView>, WebError> {
    caller.require("write")?;
    let c = state
        .node
        .translate_consultation(&caller.actor, id_of(&id)?, text)
        .await?;
    Ok(Json(view(&state, &c).await?))
}

/// `DELETE /api/v1/consultations/{id}`: the consultation and its votes, for good.
pub async fn delete(
    State(state): State<AppState>,
    Api(caller): Api,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    caller.require("write")?;
    state
        .node
        .delete_consultation(&caller.actor, id_of(&id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
