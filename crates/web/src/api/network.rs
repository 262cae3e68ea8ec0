//! `/api/v1/network/*`: the network views as JSON, with the same filters as the
//! pages, and republishing a gathered item (`Announce`) or taking it back.

use super::views::{
    CityList, CityView, NetworkEvents, NetworkItemList, NetworkItemView, Republished,
};
use super::{Api, MaybeApi};
use crate::network::{
    city_healthy, city_name, cursor_of, millis, month_start, next_month, Filters, MonthChoice,
};
use crate::{AppState, WebError};
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};

/// `GET /api/v1/network/items`: the same filters as the pages.
pub async fn items(
    State(state): State<AppState>,
    Query(f): Query<Filters>,
) -> Result<Json<NetworkItemList>, WebError> {
    let q = f.query(&[])?;
    let items = state.store.network_items(&q).await?;
    let next = cursor_of(&items, q.limit).map(|c| {
        state
            .base
            .url(&format!(
                "/api/v1/network/items?{}",
                f.query_string(Some(&c), None)
            ))
            .to_string()
    });
    Ok(Json(NetworkItemList {
        items: items.iter().map(NetworkItemView::from).collect(),
        next,
    }))
}

/// `GET /api/v1/network/items/{id}`.
pub async fn item(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<NetworkItemView>, WebError> {
    Ok(Json(NetworkItemView::from(
        &state.node.network_item(&id).await?,
    )))
}

/// `GET /api/v1/network/events?month=YYYY-MM`.
pub async fn events(
    State(state): State<AppState>,
    Query(m): Query<MonthChoice>,
) -> Result<Json<NetworkEvents>, WebError> {
    let start = month_start(m.month.as_deref())?;
    let events = state
        .store
        .network_events(millis(start), millis(next_month(start)), 1000)
        .await?;
    Ok(Json(NetworkEvents {
        month: start.format("%Y-%m").to_string(),
        events: events.iter().map(NetworkItemView::from).collect(),
    }))
}

/// `GET /api/v1/network/cities`: the last delivery error of each city's server
/// is shown only to callers with a token.
pub async fn cities(
    State(state): State<AppState>,
    MaybeApi(caller): MaybeApi,
) -> Result<Json<CityList>, WebError> {
    let cities = state.store.cities().await?;
    Ok(Json(CityList {
        cities: cities
            .iter()
            .map(|c| CityView::new(c, city_name(c), city_healthy(c), caller.is_some()))
            .collect(),
    }))
}

/// `POST /api/v1/network/items/{id}/republish`: `Announce` to the caller's followers.
pub async fn republish(
    State(state): State<AppState>,
    Api(caller): Api,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    caller.require("write")?;
    let item = state.node.network_item(&id).await?;
    let activity = state.node.republish(&caller.actor, &item).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(Republished {
            activity: activity.to_string(),
        }),
    )
        .into_response())
}

/// `DELETE /api/v1/network/items/{id}/republish`: take it back (`Undo`).
pub async fn unrepublish(
    State(state): State<AppState>,
    Api(caller): Api,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    caller.require("write")?;
    let item = state.node.network_item(&id).await?;
    state.node.unrepublish(&caller.actor, &item).await?;
    Ok(StatusCode::NO_CONTENT)
}
