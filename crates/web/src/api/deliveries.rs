//! `/api/v1/deliveries`: how the delivery queue stands.

use super::views::Deliveries;
use super::Api;
use crate::{AppState, WebError};
use axum::{extract::State, Json};

/// `GET /api/v1/deliveries`: queue depth, recent failures per host, paused hosts.
pub async fn deliveries(
    State(state): State<AppState>,
    Api(caller): Api,
) -> Result<Json<Deliveries>, WebError> {
    caller.require("read")?;
    let stats = state.store.queue_stats().await?;
    Ok(Json(Deliveries::from(&stats)))
}
