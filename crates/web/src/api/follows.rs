//! `/api/v1/followers` and `/api/v1/following`: who follows the caller's actor
//! (and deciding requests), and whom it follows.

use super::views::{FollowStarted, FollowerList, FollowerView, FollowingList, FollowingView};
use super::{Api, Body};
use crate::{AppState, WebError};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde::Deserialize;

/// `GET /api/v1/followers`: accepted followers and pending requests.
pub async fn followers(
    State(state): State<AppState>,
    Api(caller): Api,
) -> Result<Json<FollowerList>, WebError> {
    caller.require("read")?;
    let accepted = state.node.followers(&caller.actor, true).await?;
    let pending = state.node.followers(&caller.actor, false).await?;
    Ok(Json(FollowerList {
        followers: accepted.iter().map(FollowerView::from).collect(),
        pending: pending.iter().map(FollowerView::from).collect(),
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    follower: String,
}

/// `POST /api/v1/followers/{accept|reject}` with `{"follower": "<actor id>"}`.
pub async fn decide(
    State(state): State<AppState>,
    Api(caller): Api,
    Path(verdict): Path<String>,
    Body(d): Body<Decision>,
) -> Result<StatusCode, WebError> {
    caller.require("write")?;
    let accept = match verdict.as_str() {
        "accept" => true,
        "reject" => false,
        other => return Err(WebError::not_found(format!("no action '{other}'"))),
    };
    state
        .node
        .decide_follow_request(&caller.actor, &d.follower, accept)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/following`.
pub async fn following(
    State(state): State<AppState>,
    Api(caller): Api,
) -> Result<Json<FollowingList>, WebError> {
    caller.require("read")?;
    let list = state.node.following(&caller.actor).await?;
    Ok(Json(FollowingList {
        following: list.iter().map(FollowingView::from).collect(),
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    account: String,
}

/// `POST /api/v1/following` with `{"account": "@user@host" | "<actor id>"}`.
pub async fn follow(
    State(state): State<AppState>,
    Api(caller): Api,
    Body(a): Body<Account>,
) -> Result<Response, WebError> {
    caller.require("write")?;
    let remote = state.node.follow(&caller.actor, &a.account).await?;
    // Catch up on the account's recent items in the background: the request
    // answers at once, the items show up as they are fetched.
    let node = state.node.clone();
    let caught = remote.clone();
    tokio::spawn(async move {
        node.catch_up(&caught, civicpub_service::network::CATCH_UP_ITEMS)
            .await;
    });
    Ok((
        StatusCode::ACCEPTED,
        Json(FollowStarted {
            actor: remote.uri,
            accepted: false,
        }),
    )
        .into_response())
}

/// `DELETE /api/v1/following` with `{"account": ...}`.
pub async fn unfollow(
    State(state): State<AppState>,
    Api(caller): Api,
    Body(a): Body<Account>,
) -> Result<StatusCode, WebError> {
    caller.require("write")?;
    state.node.unfollow(&caller.actor, &a.account).await?;
    Ok(StatusCode::NO_CONTENT)
}
