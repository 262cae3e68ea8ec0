//! The federation part of the API: followers and follow requests, following,
//! the delivery queue, and the node's federation policy (`admin` scope).

use crate::api::{ApiCaller, ApiError};
use crate::{AppState, WebError};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use civicpub_service::federation::InboxError;
use civicpub_store::FederationMode;
use serde::Deserialize;
use serde_json::json;

pub(crate) fn fed_error(e: InboxError) -> ApiError {
    ApiError::Web(match e {
        InboxError::NotFound(m) => WebError::NotFound(m),
        InboxError::BadRequest(m) | InboxError::Unauthorized(m) => WebError::BadRequest(m),
        InboxError::Forbidden(m) => WebError::Forbidden(m),
        InboxError::Store(e) => WebError::from(e),
    })
}

/// `GET /api/v1/followers`: accepted followers and pending requests of the caller.
pub async fn followers(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Response, ApiError> {
    caller.require("read")?;
    let list = |accepted: bool| {
        let store = state.store.clone();
        let id = caller.actor.id;
        async move { store.followers(id, accepted).await }
    };
    let accepted = list(true).await.map_err(WebError::from)?;
    let pending = list(false).await.map_err(WebError::from)?;
    let show = |f: &civicpub_store::Follower| json!({ "actor": f.follower_uri, "since": f.created_at.to_rfc3339() });
    Ok(Json(json!({
        "followers": accepted.iter().map(show).collect::<Vec<_>>(),
        "pending": pending.iter().map(show).collect::<Vec<_>>(),
    }))
    .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    follower: String,
}

/// `POST /api/v1/followers/{accept|reject}` with `{"follower": "<actor id>"}`.
pub async fn decide(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(verdict): Path<String>,
    Json(d): Json<Decision>,
) -> Result<Response, ApiError> {
    caller.require("write")?;
    let accept = match verdict.as_str() {
        "accept" => true,
        "reject" => false,
        other => {
            return Err(ApiError::Web(WebError::NotFound(format!(
                "no action '{other}'"
            ))))
        }
    };
    state
        .fed
        .decide_pending(&caller.actor, &d.follower, accept)
        .await
        .map_err(fed_error)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /api/v1/following`.
pub async fn following(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Response, ApiError> {
    caller.require("read")?;
    let list = state
        .store
        .following(caller.actor.id)
        .await
        .map_err(WebError::from)?;
    Ok(Json(json!({
        "following": list.iter().map(|(u, accepted)| json!({ "actor": u, "accepted": accepted })).collect::<Vec<_>>()
    }))
    .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    account: String,
}

/// `POST /api/v1/following` with `{"account": "@user@host" | "<actor id>"}`.
pub async fn follow(
    State(state): State<AppState>,
    caller: ApiCaller,
    Json(a): Json<Account>,
) -> Result<Response, ApiError> {
    caller.require("write")?;
    let remote = state
        .fed
        .follow(&caller.actor, &a.account)
        .await
        .map_err(fed_error)?;
    // Catch up on the account's recent items in the background: the request
    // answers at once, the items show up as they are fetched.
    let fed = state.fed.clone();
    let caught = remote.clone();
    tokio::spawn(async move {
        fed.catch_up(&caught, civicpub_service::network::CATCH_UP_ITEMS)
            .await;
    });
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({ "actor": remote.uri, "accepted": false })),
    )
        .into_response())
}

/// `DELETE /api/v1/following` with `{"account": ...}`.
pub async fn unfollow(
    State(state): State<AppState>,
    caller: ApiCaller,
    Json(a): Json<Account>,
) -> Result<Response, ApiError> {
    caller.require("write")?;
    state
        .fed
        .unfollow(&caller.actor, &a.account)
        .await
        .map_err(fed_error)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /api/v1/deliveries`: queue depth, recent failures per host, paused hosts.
pub async fn deliveries(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Response, ApiError> {
    caller.require("read")?;
    let s = state.store.queue_stats().await.map_err(WebError::from)?;
    Ok(Json(json!({
        "pending": s.pending,
        "done": s.done,
        "failed": s.failed,
        "failures": s.failures.iter().map(|(h, n, e)| json!({ "host": h, "count": n, "last_error": e })).collect::<Vec<_>>(),
        "paused": s.paused.iter().map(|(h, t)| json!({ "host": h, "until": t.to_rfc3339() })).collect::<Vec<_>>(),
    }))
    .into_response())
}

async fn policy_json(state: &AppState) -> Result<serde_json::Value, ApiError> {
    let mode = state
        .store
        .federation_mode()
        .await
        .map_err(WebError::from)?;
    let rules = state.store.domain_rules().await.map_err(WebError::from)?;
    Ok(json!({
        "mode": mode.as_str(),
        "domains": rules.iter().map(|(d, r)| json!({ "domain": d, "rule": r })).collect::<Vec<_>>(),
    }))
}

/// `GET /api/v1/federation`.
pub async fn policy(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Response, ApiError> {
    caller.require("read")?;
    Ok(Json(policy_json(&state).await?).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mode {
    mode: String,
}

/// `PUT /api/v1/federation` with `{"mode": "open" | "allowlist" | "blocklist"}`.
pub async fn set_mode(
    State(state): State<AppState>,
    caller: ApiCaller,
    Json(m): Json<Mode>,
) -> Result<Response, ApiError> {
    caller.require("admin")?;
    let mode = FederationMode::parse(&m.mode).ok_or_else(|| {
        ApiError::Invalid(vec![civicpub_domain::FieldError {
            field: "mode".into(),
            message: "open, allowlist or blocklist".into(),
        }])
    })?;
    state
        .store
        .set_federation_mode(mode)
        .await
        .map_err(WebError::from)?;
    state.fed.forget_policy();
    Ok(Json(policy_json(&state).await?).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    rule: String,
}

fn domain(d: &str) -> Result<String, ApiError> {
    civicpub_domain::NodeBase::new(&d.to_ascii_lowercase(), true)
        .map(|b| b.domain().to_string())
        .map_err(|e| ApiError::Web(WebError::BadRequest(e.to_string())))
}

/// `PUT /api/v1/federation/domains/{domain}` with `{"rule": "allow" | "block"}`.
pub async fn set_rule(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(d): Path<String>,
    Json(r): Json<Rule>,
) -> Result<Response, ApiError> {
    caller.require("admin")?;
    if !matches!(r.rule.as_str(), "allow" | "block") {
        return Err(ApiError::Invalid(vec![civicpub_domain::FieldError {
            field: "rule".into(),
            message: "allow or block".into(),
        }]));
    }
    state
        .store
        .set_domain_rule(&domain(&d)?, Some(&r.rule))
        .await
        .map_err(WebError::from)?;
    state.fed.forget_policy();
    Ok(Json(policy_json(&state).await?).into_response())
}

/// `DELETE /api/v1/federation/domains/{domain}`.
pub async fn remove_rule(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(d): Path<String>,
) -> Result<Response, ApiError> {
    caller.require("admin")?;
    state
        .store
        .set_domain_rule(&domain(&d)?, None)
        .await
        .map_err(WebError::from)?;
    state.fed.forget_policy();
    Ok(StatusCode::NO_CONTENT.into_response())
}
