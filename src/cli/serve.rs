//! Running the node: `serve` (the web, and deliveries unless told otherwise),
//! `worker` (deliveries and scheduled work only) and `migrate`.

use super::{open, Failure};
use civicpub::config::Config;
use civicpub::node;
use std::time::Duration;

pub(super) async fn migrate(config: &Config) -> Result<(), Failure> {
    let store = node::connect(config).await?;
    out!("database schema is up to date ({})", store.backend().name());
    Ok(())
}

pub(super) async fn worker(config: Config) -> Result<(), Failure> {
    let node = open(&config).await?;
    tokio::spawn(node.clone().housekeeping(Duration::from_secs(3600)));
    tokio::spawn(node.clone().send_totals_loop(Duration::from_secs(1)));
    tracing::info!("delivery worker running");
    civicpub_service::delivery::Worker::new(node, config.delivery.clone())
        .run(shutdown_signal())
        .await;
    Ok(())
}

pub(super) async fn serve(config: Config) -> Result<(), Failure> {
    if config.insecure_dev {
        tracing::warn!(
            "INSECURE DEV MODE: http:// and private addresses are allowed for federation. \
             Never run a public node like this."
        );
    }
    // Bind first: a port that is taken is reported before the database is touched.
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| Failure::Runtime(format!("cannot listen on {}: {e}", config.listen)))?;
    let store = node::open(&config).await?;
    let state = node::app_state(&config, &store).await?;
    // Changes other processes make (the CLI, workers) reach this one's caches.
    tokio::spawn(state.node.clone().watch_changes(Duration::from_millis(250)));
    tokio::spawn(state.node.clone().housekeeping(Duration::from_secs(3600)));
    tokio::spawn(state.node.clone().send_totals_loop(Duration::from_secs(1)));
    let mirrored = state.node.mirror_missing().await?;
    if mirrored > 0 {
        tracing::info!(items = mirrored, "added local items to the network views");
    }
    let worker =
        civicpub_service::delivery::Worker::new(state.node.clone(), config.delivery.clone());
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker_task = tokio::spawn(worker.run(async move {
        let mut rx = stop_rx;
        let _ = rx.wait_for(|s| *s).await;
    }));
    tracing::info!(
        listen = %config.listen,
        base = %config.base.as_str(),
        database = store.backend().name(),
        "civicpub is serving"
    );
    axum::serve(listener, civicpub_web::app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| Failure::Runtime(format!("server error: {e}")))?;
    let _ = stop_tx.send(true);
    let _ = worker_task.await;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGTERM or Ctrl-C.
pub(super) async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
