//! The HTTP server under `serve`: hyper's HTTP/1.1 connections with a time
//! limit on request headers (also the wait for the next request on a
//! kept-alive connection), a cap on open connections, and a graceful stop.
//!
//! At the cap, the connection that has been idle longest (no request being
//! answered: a client that sent half a request, or a kept-alive one) is closed
//! to make room, so that a crowd of silent connections cannot lock real
//! readers out; when every connection is busy, the newcomer gets `503` with
//! `Retry-After` and is closed, never left hanging.

use axum::Router;
use civicpub::config::HttpLimits;
use civicpub_service::metrics;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

/// How long a stopping server waits for requests in flight.
const DRAIN: Duration = Duration::from_secs(30);

struct Open {
    /// Requests being answered on it right now.
    busy: Arc<AtomicUsize>,
    evict: tokio::sync::oneshot::Sender<()>,
}

/// Decrements the connection's busy count however the request ends.
struct Busy(Arc<AtomicUsize>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The connection cap: the configured one, but never more than the process's
/// open-file limit allows once the database, deliveries and files have theirs.
pub(super) fn connection_cap(configured: usize) -> usize {
    match open_file_limit() {
        Some(files) => {
            let reserve = 128 + files / 8;
            configured.min(files.saturating_sub(reserve).max(16))
        }
        None => configured,
    }
}

fn open_file_limit() -> Option<usize> {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes into the struct it is given.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 {
            return Some(usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX));
        }
    }
    None
}

/// Serves `app` on `listener` until `stop` resolves, then stops accepting,
/// lets the requests in flight finish (up to 30 s) and returns.
pub(super) async fn serve(
    listener: TcpListener,
    app: Router,
    limits: HttpLimits,
    stop: impl Future<Output = ()>,
) {
    let cap = connection_cap(limits.max_connections);
    tracing::info!(
        max_connections = cap,
        header_timeout_s = limits.header_timeout.as_secs(),
        "connection limits"
    );
    let open: Arc<Mutex<BTreeMap<u64, Open>>> = Default::default();
    let (stopping_tx, stopping_rx) = tokio::sync::watch::channel(false);
    // Every connection task holds a sender; when all are gone, all are done.
    let (alive_tx, mut alive_rx) = tokio::sync::mpsc::channel::<()>(1);
    let mut next_id = 0u64;
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            _ = &mut stop => break,
            a = listener.accept() => a,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors, most likely: wait for some to close.
                tracing::warn!(error = %e, "cannot accept a connection");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        {
            let mut conns = open.lock().unwrap_or_else(|e| e.into_inner());
            if conns.len() >= cap {
                let idle = conns
                    .iter()
                    .find(|(_, c)| c.busy.load(Ordering::SeqCst) == 0)
                    .map(|(id, _)| *id);
                match idle.and_then(|id| conns.remove(&id)) {
                    Some(victim) => {
                        let _ = victim.evict.send(());
                        metrics::global().connection("evicted");
                    }
                    None => {
                        drop(conns);
                        metrics::global().connection("refused");
                        tokio::spawn(refuse(stream));
                        continue;
                    }
                }
            }
        }
        metrics::global().connection("accepted");
        next_id += 1;
        let id = next_id;
        let busy = Arc::new(AtomicUsize::new(0));
        let (evict_tx, evict_rx) = tokio::sync::oneshot::channel();
        open.lock().unwrap_or_else(|e| e.into_inner()).insert(
            id,
            Open {
                busy: busy.clone(),
                evict: evict_tx,
            },
        );
        let app = app.clone();
        let open = open.clone();
        let mut stopping = stopping_rx.clone();
        let alive = alive_tx.clone();
        let header_timeout = limits.header_timeout;
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
                // Who is asking, for the login limits per address.
                req.extensions_mut()
                    .insert(axum::extract::ConnectInfo(peer));
                busy.fetch_add(1, Ordering::SeqCst);
                let guard = Busy(busy.clone());
                let app = app.clone();
                async move {
                    let response = tower::ServiceExt::oneshot(app, req).await;
                    drop(guard);
                    response
                }
            });
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .keep_alive(true);
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(conn);
            let stop_now = async move {
                let _ = stopping.wait_for(|s| *s).await;
            };
            tokio::select! {
                _ = conn.as_mut() => {}
                // Closed to make room: dropping the connection closes it.
                _ = evict_rx => {}
                _ = stop_now => {
                    conn.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(DRAIN, conn.as_mut()).await;
                }
            }
            open.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
            drop(alive);
        });
    }
    // Stop accepting: close the listening socket, then let the connections
    // finish what they are answering (idle ones close at once).
    drop(listener);
    let _ = stopping_tx.send(true);
    drop(alive_tx);
    if tokio::time::timeout(DRAIN + Duration::from_secs(1), alive_rx.recv())
        .await
        .is_err()
    {
        tracing::warn!("requests still in flight after 30 s: stopping anyway");
    }
}

/// Answers a connection over the cap with 503 and closes it.
async fn refuse(mut stream: tokio::net::TcpStream) {
    let body = "the server is at its connection limit: try again in a moment\n";
    let response = format!(
        "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        let _ = stream.write_all(response.as_bytes()).await;
        let _ = stream.shutdown().await;
    })
    .await;
}
