//! Running the node: `init` (set it up), `serve` (the web, and deliveries
//! unless `--no-worker`), `worker` (deliveries and scheduled work only),
//! `health` and `migrate`.

use super::{open, Failure};
use civicpub::config::Config;
use civicpub::node;
use civicpub_service::Node;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

pub(super) async fn migrate(config: &Config) -> Result<(), Failure> {
    let store = node::connect(config).await?;
    out!("database schema is up to date ({})", store.backend().name());
    Ok(())
}

pub(super) async fn init(config: &Config) -> Result<(), Failure> {
    if node::exists(config).await? {
        out!(
            "a node is already set up in {}: nothing to do",
            civicpub_store::redact(&config.database_url)
        );
        return Ok(());
    }
    let store = node::open(config).await?;
    let city = civicpub_service::setup::city_actor(&store)
        .await?
        .unwrap_or_else(|| config.city.to_string());
    out!(
        "set up {} ({}) with the city actor @{city}@{}",
        config.base.as_str(),
        store.backend().name(),
        config.base.domain()
    );
    store.close().await;
    Ok(())
}

/// Asks the node at the configured listen address for `/healthz` (or
/// `/readyz`): exit 0 on 200, 1 with the reason otherwise. Plain HTTP/1.1 over
/// TCP, so that it needs nothing the container image lacks.
pub(super) async fn health(config: &Config, ready: bool) -> Result<(), Failure> {
    let path = if ready { "/readyz" } else { "/healthz" };
    let mut addr = config.listen;
    // A node listening on every address answers on the loopback one.
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => addr.set_ip(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        IpAddr::V6(ip) if ip.is_unspecified() => addr.set_ip(IpAddr::V6(Ipv6Addr::LOCALHOST)),
        _ => {}
    }
    let status = tokio::time::timeout(Duration::from_secs(5), ask(addr, path))
        .await
        .map_err(|_| Failure::Runtime(format!("{path} at {addr}: no answer within 5 s")))?
        .map_err(|e| Failure::Runtime(format!("{path} at {addr}: {e}")))?;
    if status.0 == 200 {
        out!("ok: {path} at {addr} answered 200");
        Ok(())
    } else {
        Err(Failure::Runtime(format!(
            "{path} at {addr} answered {}: {}",
            status.0,
            status.1.trim()
        )))
    }
}

async fn ask(addr: SocketAddr, path: &str) -> std::io::Result<(u16, String)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    stream
        .write_all(
            format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .await?;
    let mut answer = Vec::new();
    stream.take(64 * 1024).read_to_end(&mut answer).await?;
    let text = String::from_utf8_lossy(&answer);
    let status = text
        .strip_prefix("HTTP/1.1 ")
        .and_then(|s| s.get(..3))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("the answer is not HTTP"))?;
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    Ok((status, body.to_string()))
}

/// The work every node does besides answering requests: housekeeping, the
/// consultations' running totals and the drafts scheduled for publication.
fn scheduled_work(node: &Arc<Node>) {
    tokio::spawn(node.clone().housekeeping(Duration::from_secs(3600)));
    tokio::spawn(node.clone().send_totals_loop(Duration::from_secs(1)));
    tokio::spawn(node.clone().publish_due_loop(Duration::from_secs(1)));
}

pub(super) async fn worker(
    config: Config,
    metrics_listen: Option<SocketAddr>,
) -> Result<(), Failure> {
    let node = open(&config).await?;
    if let Some(addr) = metrics_listen {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Failure::Runtime(format!("cannot listen on {addr}: {e}")))?;
        let store = node.store.clone();
        let app = axum::Router::new()
            .route(
                "/metrics",
                axum::routing::get(move || {
                    let store = store.clone();
                    async move { civicpub_web::observe::metrics_response(&store).await }
                }),
            )
            .route(
                "/healthz",
                axum::routing::get(civicpub_web::observe::healthz),
            )
            .route(
                "/readyz",
                axum::routing::get({
                    let store = node.store.clone();
                    move || {
                        let store = store.clone();
                        async move { civicpub_web::observe::ready(&store).await }
                    }
                }),
            );
        tracing::info!(listen = %addr, "worker metrics");
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
    }
    scheduled_work(&node);
    tracing::info!("delivery worker running");
    civicpub_service::delivery::Worker::new(node.clone(), config.delivery.clone())
        .run(shutdown_signal())
        .await;
    node.store.close().await;
    tracing::info!("stopped");
    Ok(())
}

pub(super) async fn serve(config: Config, deliver: bool) -> Result<(), Failure> {
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
    let mirrored = state.node.mirror_missing().await?;
    if mirrored > 0 {
        tracing::info!(items = mirrored, "added local items to the network views");
    }
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker_task = deliver.then(|| {
        scheduled_work(&state.node);
        let worker =
            civicpub_service::delivery::Worker::new(state.node.clone(), config.delivery.clone());
        tokio::spawn(worker.run(async move {
            let mut rx = stop_rx;
            let _ = rx.wait_for(|s| *s).await;
        }))
    });
    tracing::info!(
        listen = %config.listen,
        base = %config.base.as_str(),
        database = store.backend().name(),
        worker = deliver,
        "civicpub is serving"
    );
    super::http::serve(
        listener,
        civicpub_web::app(state),
        config.http.clone(),
        async {
            shutdown_signal().await;
            tracing::info!("stopping: no new connections; finishing requests and deliveries");
        },
    )
    .await;
    // In-flight deliveries finish; leased ones not yet sent go back to the queue.
    let _ = stop_tx.send(true);
    if let Some(task) = worker_task {
        let _ = task.await;
    }
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
