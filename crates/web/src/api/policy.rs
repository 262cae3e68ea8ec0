//! `/api/v1/federation`: the node's federation policy (changing it takes the
//! `admin` scope).

use super::views::PolicyView;
use super::{Api, Body};
use crate::{AppState, WebError};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    Json,
};
use serde::Deserialize;

/// `GET /api/v1/federation`.
pub async fn policy(
    State(state): State<AppState>,
    Api(caller): Api,
) -> Result<Json<PolicyView>, WebError> {
    caller.require("read")?;
    let policy = state.node.federation_policy().await?;
    Ok(Json(PolicyView::from(policy.as_ref())))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mode {
    mode: String,
}

/// `PUT /api/v1/federation` with `{"mode": "open" | "allowlist" | "blocklist"}`.
pub async fn set_mode(
    State(state): State<AppState>,
    Api(caller): Api,
    Body(m): Body<Mode>,
) -> Result<Json<PolicyView>, WebError> {
    caller.require("admin")?;
    let policy = state.node.set_federation_mode(&m.mode).await?;
    Ok(Json(PolicyView::from(policy.as_ref())))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    rule: String,
}

/// `PUT /api/v1/federation/domains/{domain}` with `{"rule": "allow" | "block"}`.
pub async fn set_rule(
    State(state): State<AppState>,
    Api(caller): Api,
    Path(domain): Path<String>,
    Body(r): Body<Rule>,
) -> Result<Json<PolicyView>, WebError> {
    caller.require("admin")?;
    let policy = state.node.set_domain_rule(&domain, &r.rule).await?;
    Ok(Json(PolicyView::from(policy.as_ref())))
}

/// `DELETE /api/v1/federation/domains/{domain}`.
pub async fn remove_rule(
    State(state): State<AppState>,
    Api(caller): Api,
    Path(domain): Path<String>,
) -> Result<StatusCode, WebError> {
    caller.require("admin")?;
    state.node.remove_domain_rule(&domain).await?;
    Ok(StatusCode::NO_CONTENT)
}
