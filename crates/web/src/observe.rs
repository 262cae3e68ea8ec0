//! Watching a running node: `/healthz` (the process answers), `/readyz` (its
//! database answers and its schema is current), `/metrics` (Prometheus text),
//! and one log line and one latency sample per request, by route.
//!
//! `/metrics` is for the operator's Prometheus, not for the internet: the
//! proxy examples in `deploy/` keep it from outside.

use crate::AppState;
use axum::{
    extract::{MatchedPath, Request, State},
    http::{header, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use civicpub_service::metrics;
use civicpub_store::Store;
use std::time::Instant;

/// Alive: the process answers HTTP. Touches nothing else.
pub async fn healthz() -> &'static str {
    "ok\n"
}

/// Ready: the database answers and every migration this binary knows is
/// applied; 503 with the reason otherwise.
pub async fn readyz(State(state): State<AppState>) -> Response {
    ready(&state.store).await
}

pub async fn ready(store: &Store) -> Response {
    match store.migrations_pending().await {
        Ok(0) => (StatusCode::OK, "ready\n").into_response(),
        Ok(n) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: {n} database migrations not applied (run civicpub migrate)\n"),
        )
            .into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check: the database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "not ready: the database does not answer\n",
            )
                .into_response()
        }
    }
}

pub async fn metrics(State(state): State<AppState>) -> Response {
    metrics_response(&state.store).await
}

/// The metrics of this process, and the queue's shared gauges read from the
/// database, as Prometheus scrapes them.
pub async fn metrics_response(store: &Store) -> Response {
    let mut out = String::with_capacity(8192);
    metrics::global().encode(&mut out);
    match store.queue_metrics().await {
        Ok(q) => {
            let states: Vec<(Vec<(&str, &str)>, f64)> = q
                .by_state
                .iter()
                .map(|(s, n)| (vec![("state", s.as_str())], *n as f64))
                .collect();
            let states: Vec<(&[(&str, &str)], f64)> =
                states.iter().map(|(l, n)| (l.as_slice(), *n)).collect();
            metrics::gauge(
                &mut out,
                "civicpub_deliveries",
                "Deliveries in the database (every process's), by state: pending, done, failed, skipped",
                &states,
            );
            metrics::gauge(
                &mut out,
                "civicpub_delivery_queue_depth",
                "Pending deliveries due now, leased or not",
                &[(&[], q.due as f64)],
            );
            metrics::gauge(
                &mut out,
                "civicpub_delivery_in_flight",
                "Deliveries leased by a worker right now",
                &[(&[], q.in_flight as f64)],
            );
            metrics::gauge(
                &mut out,
                "civicpub_delivery_oldest_due_age_seconds",
                "How long the oldest due delivery nobody holds has waited",
                &[(&[], q.oldest_due_seconds)],
            );
            metrics::gauge(
                &mut out,
                "civicpub_hosts_paused",
                "Remote hosts left alone for now after failing again and again",
                &[(&[], q.hosts_paused as f64)],
            );
        }
        Err(e) => tracing::warn!(error = %e, "metrics: cannot read the delivery queue"),
    }
    let pool = store.pool();
    let (size, idle) = (pool.size() as f64, pool.num_idle() as f64);
    metrics::gauge(
        &mut out,
        "civicpub_db_pool_connections",
        "Database connections of this process, by state",
        &[
            (&[("state", "in_use")], size - idle),
            (&[("state", "idle")], idle),
        ],
    );
    metrics::gauge(
        &mut out,
        "civicpub_db_pool_max_connections",
        "The most database connections this process opens",
        &[(&[], pool.options().get_max_connections() as f64)],
    );
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        out,
    )
        .into_response()
}

/// One log line and one latency sample per request, by the route that matched
/// (never the raw path: ids and queries would make the series endless).
pub async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    let response = next.run(request).await;
    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    metrics::global().request(method.as_str(), &route, status, elapsed.as_secs_f64());
    tracing::info!(
        target: "civicpub::request",
        method = %method,
        route = %route,
        status,
        ms = (elapsed.as_secs_f64() * 1000.0 * 10.0).round() / 10.0,
        "request"
    );
    response
}
