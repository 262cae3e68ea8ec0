//! GET of an actor document (what every remote server does before it talks to a
//! city) against a trivial axum handler measured in the same run, on the same
//! machine, with the same client. Run with:
//!
//!     cargo bench --bench actor_get
//!
//! Backend: SQLite, or PostgreSQL when CIVICPUB_TEST_DATABASE_URL is set.
//! BENCH_SECONDS (default 5) sets each round's length; three rounds are run and
//! the median of each side is reported.

#[path = "load.rs"]
mod load;

use axum::{routing::get, Router};
use civicpub::config::Options;
use civicpub_store::testing::TestDatabase;
use std::time::Duration;

const CONNECTIONS: usize = 32;

fn main() {
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let client_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let seconds: u64 = std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);

    let (db, node_addr, trivial_addr, domain) = server_rt.block_on(async {
        let db = TestDatabase::new().await.unwrap();
        let node_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let node_addr = node_listener.local_addr().unwrap();
        let domain = node_addr.to_string();
        let config = Options {
            domain: Some(domain.clone()),
            database_url: Some(db.url.clone()),
            data_dir: Some(db.scratch_dir()),
            ..Default::default()
        }
        .resolve()
        .unwrap();
        let store = civicpub::node::open(&config).await.unwrap();
        let state = civicpub::node::app_state(&config, &store).await.unwrap();
        tokio::spawn(async move { axum::serve(node_listener, civicpub_web::app(state)).await });

        let trivial_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let trivial_addr = trivial_listener.local_addr().unwrap();
        let trivial = Router::new().route("/", get(|| async { "ok" }));
        tokio::spawn(async move { axum::serve(trivial_listener, trivial).await });
        (db, node_addr, trivial_addr, domain)
    });

    let actor_req = load::get("/actors/city", &domain, "application/activity+json");
    let trivial_req = load::get("/", &trivial_addr.to_string(), "*/*");
    let duration = Duration::from_secs(seconds);
    let (mut trivial, mut actor) = (Vec::new(), Vec::new());
    client_rt.block_on(async {
        // Warm up both (connections, caches, allocator).
        load::run(
            trivial_addr,
            trivial_req.clone(),
            200,
            CONNECTIONS,
            Duration::from_secs(1),
        )
        .await;
        load::run(
            node_addr,
            actor_req.clone(),
            200,
            CONNECTIONS,
            Duration::from_secs(1),
        )
        .await;
        for round in 1..=3 {
            let t = load::run(
                trivial_addr,
                trivial_req.clone(),
                200,
                CONNECTIONS,
                duration,
            )
            .await;
            let a = load::run(node_addr, actor_req.clone(), 200, CONNECTIONS, duration).await;
            assert_eq!(t.errors + a.errors, 0, "unexpected statuses");
            println!(
                "round {round}: trivial handler {:>9.0} req/s   actor document {:>9.0} req/s",
                t.per_second(),
                a.per_second()
            );
            trivial.push(t.per_second());
            actor.push(a.per_second());
        }
    });
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (t, a) = (median(&mut trivial), median(&mut actor));
    println!("backend: {}", db.backend.name());
    println!("trivial axum handler (limit): {t:.0} req/s");
    println!("GET actor document:           {a:.0} req/s");
    println!(
        "ratio: {:.1}% of the trivial handler (target: at least 60%)",
        100.0 * a / t
    );
}
