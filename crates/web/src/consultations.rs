//! Consultations at their own URLs: the `Question` for servers (410 with a
//! `Tombstone` once deleted), a page for browsers, and the totals as CSV and
//! JSON for anyone. Who voted is never part of any of them.

use crate::actors::activity_json;
use crate::negotiate::{negotiate, Representation};
use crate::{pages, AppState, WebError};
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use civicpub_domain::{Consultation, ConsultationDraft, LocalActor};
use civicpub_service::comments::LocalObject;
use civicpub_service::consultations::results_csv;
use civicpub_service::convert::consultation::tombstone;
use civicpub_service::convert::reply::with_reactions;
use serde::Serialize;

const BOTH: [Representation; 2] = [Representation::Html, Representation::ActivityJson];

/// Consultation `id` (deleted ones too) with its actor; 404 otherwise.
pub async fn load(state: &AppState, id: &str) -> Result<(Consultation, LocalActor), WebError> {
    let id: i64 = id
        .parse()
        .map_err(|_| WebError::not_found(format!("no consultation '{id}' on this node")))?;
    Ok(state.node.consultation(id).await?)
}

/// A live consultation's draft, or 410.
fn live(c: &Consultation) -> Result<&ConsultationDraft, WebError> {
    c.draft.as_ref().ok_or_else(|| {
        WebError::Service(civicpub_service::ServiceError::Gone(format!(
            "consultation {} was deleted",
            c.id
        )))
    })
}

pub async fn consultation(
    State(state): State<AppState>,
    Path(id): Path<String>,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let rep = negotiate(&headers, &BOTH).map_err(WebError::NotAcceptable)?;
    if rep == Representation::Html {
        // The page cache answers before anything is read.
        let req = pages::PageRequest::new(&state, &uri, &headers).await?;
        return pages::consultation::page(&state, req, id).await;
    }
    crate::require_signed_get(&state, &uri, &headers).await?;
    let (c, actor) = load(&state, &id).await?;
    match (rep, c.deleted_at.is_some()) {
        (_, true) => {
            let body =
                serde_json::to_vec(&tombstone(&state.base, &c)).map_err(WebError::internal)?;
            Ok((StatusCode::GONE, activity_json(Bytes::from(body))).into_response())
        }
        (_, false) => {
            let object = state
                .node
                .question(&c, &actor)
                .await?
                .ok_or_else(|| WebError::internal("live consultation without content"))?;
            let reactions = state
                .node
                .reactions(&LocalObject::Consultation(c.clone()))
                .await?;
            let object = with_reactions(object, &reactions);
            Ok(activity_json(Bytes::from(
                serde_json::to_vec(&object).map_err(WebError::internal)?,
            )))
        }
    }
}

/// `/consultations/{id}/results.csv`: one row per option.
pub async fn results_csv_file(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: pages::PageRequest,
) -> Result<Response, WebError> {
    let (c, _) = load(&state, &id).await?;
    let draft = live(&c)?;
    let tally = state.node.tally(&c).await?;
    let langs: Vec<&str> = draft.texts.iter().map(|t| t.lang.as_str()).collect();
    let lang = langs[req.site.choose_text(&langs)];
    let mut res = results_csv(draft, &tally, lang).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8; header=present"),
    );
    let disposition = format!("attachment; filename=\"consultation-{}-results.csv\"", c.id);
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).map_err(WebError::internal)?,
    );
    Ok(res)
}

#[derive(Serialize)]
struct Results {
    id: String,
    question: String,
    lang: String,
    multiple: bool,
    ends_at: String,
    closed: bool,
    voters: u64,
    votes: u64,
    options: Vec<OptionResult>,
}

#[derive(Serialize)]
struct OptionResult {
    name: String,
    votes: u64,
    percent: u64,
}

/// `/consultations/{id}/results.json`: the totals.
pub async fn results_json(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: pages::PageRequest,
) -> Result<Response, WebError> {
    let (c, _) = load(&state, &id).await?;
    let draft = live(&c)?;
    let tally = state.node.tally(&c).await?;
    let langs: Vec<&str> = draft.texts.iter().map(|t| t.lang.as_str()).collect();
    let text = &draft.texts[req.site.choose_text(&langs)];
    Ok(Json(Results {
        id: state.base.url(&c.path()).to_string(),
        question: text.question.clone(),
        lang: text.lang.clone(),
        multiple: draft.multiple,
        ends_at: draft.ends_at.to_rfc3339(),
        closed: c.closed_at(civicpub_domain::Timestamp::now()),
        voters: tally.voters,
        votes: tally.total(),
        options: text
            .options
            .iter()
            .enumerate()
            .map(|(i, name)| OptionResult {
                name: name.clone(),
                votes: tally.votes.get(i).copied().unwrap_or(0),
                percent: tally.percent(i),
            })
            .collect(),
    })
    .into_response())
}
