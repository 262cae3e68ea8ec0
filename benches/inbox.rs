//! Signed inbox POSTs accepted and stored per second on SQLite, against the
//! verifier's own RSA-2048 rate on all cores measured in the same run. The
//! sender's key is known to the node (as after its first request). Run with:
//!
//!     cargo bench --bench inbox

#[path = "load.rs"]
mod load;

use civicpub::config::Options;
use civicpub_domain::Timestamp;
use civicpub_store::{testing::TestDatabase, RemoteActor};
use civicpub_transport::signatures::{self, http_date, sign_cavage, PublicKey};
use std::sync::Arc;
use std::time::{Duration, Instant};

const REQUESTS: usize = 20_000;
const CONNECTIONS: usize = 32;
const SENDER: &str = "https://sender.example/actors/s";

fn main() {
    let pair = civicpub_transport::generate_key_pair().unwrap();
    let key = Arc::new(civicpub_transport::keys::parse_private_key(&pair.private_key_pem).unwrap());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let db = TestDatabase::new().await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let config = Options {
            domain: Some(addr.to_string()),
            database_url: Some(db.url.clone()),
            data_dir: Some(db.scratch_dir()),
            ..Default::default()
        }
        .resolve()
        .unwrap();
        let store = civicpub::node::open(&config).await.unwrap();
        store
            .upsert_remote_actor(&RemoteActor {
                uri: SENDER.into(),
                host: "sender.example".into(),
                username: "s".into(),
                inbox: "https://sender.example/inbox".into(),
                shared_inbox: None,
                key_id: format!("{SENDER}#main-key"),
                public_key_pem: pair.public_key_pem.clone(),
                document: "{}".into(),
                fetched_at: Timestamp::now(),
            })
            .await
            .unwrap();
        let state = civicpub::node::app_state(&config, &store).await.unwrap();
        tokio::spawn(async move { axum::serve(listener, civicpub_web::app(state)).await });

        // Sign every request up front, on every core, so the run measures the node.
        let host = addr.to_string();
        let date = http_date(chrono::Utc::now().timestamp());
        let per_thread = REQUESTS / cores;
        let threads: Vec<_> = (0..cores)
            .map(|t| {
                let (key, host, date) = (key.clone(), host.clone(), date.clone());
                std::thread::spawn(move || {
                    (t * per_thread..(t + 1) * per_thread)
                        .map(|i| {
                            let body = serde_json::json!({
                                "@context": "https://www.w3.org/ns/activitystreams",
                                "id": format!("{SENDER}/activities/{i}"),
                                "type": "Create",
                                "actor": SENDER,
                                "object": {
                                    "id": format!("https://sender.example/notes/{i}"),
                                    "type": "Note",
                                    "attributedTo": SENDER,
                                    "content": "<p>Hello from the bench</p>",
                                    "to": ["https://www.w3.org/ns/activitystreams#Public"]
                                }
                            })
                            .to_string();
                            let headers = sign_cavage(&key, &format!("{SENDER}#main-key"), "POST", "/inbox", &host, Some(body.as_bytes()), &date).unwrap();
                            let mut req = format!(
                                "POST /inbox HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/activity+json\r\nContent-Length: {}\r\n",
                                body.len()
                            );
                            for (k, v) in headers {
                                req += &format!("{k}: {v}\r\n");
                            }
                            req += "\r\n";
                            req += &body;
                            req.into_bytes()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let requests: Vec<Vec<u8>> = threads.into_iter().flat_map(|t| t.join().unwrap()).collect();
        let total = requests.len();

        // The verifier's own rate: the same check the inbox makes, on every core.
        let claim = {
            let text = String::from_utf8(requests[0].clone()).unwrap();
            let (head, body) = text.split_once("\r\n\r\n").unwrap();
            let headers: Vec<(String, String)> = head
                .lines()
                .skip(1)
                .filter_map(|l| l.split_once(": ").map(|(k, v)| (k.to_ascii_lowercase(), v.to_string())))
                .collect();
            let req = signatures::Request { method: "POST", target: "/inbox", scheme: "http", headers, body: Some(body.as_bytes()) };
            signatures::parse(&req, chrono::Utc::now().timestamp()).unwrap()
        };
        let public = PublicKey::from_pem(&pair.public_key_pem).unwrap();
        let run_for = Duration::from_secs(2);
        let start = Instant::now();
        let verifiers: Vec<_> = (0..cores)
            .map(|_| {
                let (claim, public) = (claim.clone(), public.clone());
                std::thread::spawn(move || {
                    let mut n = 0u64;
                    while start.elapsed() < run_for {
                        signatures::verify(&claim, &public).unwrap();
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        let verified: u64 = verifiers.into_iter().map(|t| t.join().unwrap()).sum();
        let verify_rate = verified as f64 / start.elapsed().as_secs_f64();

        let result = load::run_each(addr, requests, 202, CONNECTIONS).await;
        let stored = store.inbox_activities(i64::MAX).await.unwrap().len();
        let rate = result.per_second();
        println!("backend: {}; {total} signed Creates over {CONNECTIONS} connections", db.backend.name());
        println!("verifier's RSA-2048 rate on all cores (limit): {verify_rate:.0} verifications/s");
        println!("inbox: {} accepted (202) and {stored} stored, {} refused, in {:.2} s", result.requests, result.errors, result.elapsed.as_secs_f64());
        println!("inbox: {rate:.0} accepted and stored/s = {:.1}% of the verifier's rate (target: at least 5,000/s)", 100.0 * rate / verify_rate);
        assert_eq!(stored, total, "every accepted activity is stored");
    });
}
