//! Test helpers: a node in-process (the router, called with `oneshot`) and a node
//! as a real `civicpub` process on a 127.0.0.1 port. Both run on the backend that
//! `CIVICPUB_TEST_DATABASE_URL` selects (SQLite when unset).
#![allow(dead_code)]

pub mod citizens;
pub mod net;
pub mod remote;

use axum::{body::Body, http::Request, Router};
use civicpub::config::{Config, Options};
use civicpub_store::{testing::TestDatabase, Store};
use civicpub_web::AppState;
use http_body_util::BodyExt;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};
use tower::ServiceExt;

pub const AP: &str = "application/activity+json";
pub const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// A node set up in-process, as `civicpub serve` would on an empty database.
pub struct TestNode {
    pub db: TestDatabase,
    pub store: Store,
    pub config: Config,
    pub state: AppState,
}

impl TestNode {
    pub async fn new(domain: &str) -> TestNode {
        Self::with(domain, false).await
    }

    /// A node that may talk to other nodes on 127.0.0.1 (`--insecure-dev`).
    pub async fn with(domain: &str, insecure_dev: bool) -> TestNode {
        Self::from_options(Options {
            domain: Some(domain.into()),
            insecure_dev: Some(insecure_dev),
            ..Default::default()
        })
        .await
    }

    /// A node with these settings, on a database and data directory of its own.
    pub async fn from_options(options: Options) -> TestNode {
        let db = TestDatabase::new().await.expect("test database");
        let config = Options {
            database_url: Some(db.url.clone()),
            data_dir: Some(db.scratch_dir()),
            city_name: Some("City of Testville".into()),
            ..options
        }
        .resolve()
        .expect("config");
        let store = civicpub::node::open(&config)
            .await
            .expect("node sets itself up");
        let state = civicpub::node::app_state(&config, &store)
            .await
            .expect("state");
        TestNode {
            db,
            store,
            config,
            state,
        }
    }

    /// Runs the `civicpub` CLI on this node's database and data directory.
    pub fn cli(&self, args: &[&str]) -> Output {
        let data = self.config.data_dir.display().to_string();
        let domain = self.config.base.domain().to_string();
        let mut all = vec![
            "--domain",
            &domain,
            "--database-url",
            &self.db.url,
            "--data-dir",
            &data,
        ];
        if self.config.insecure_dev {
            all.push("--insecure-dev");
        }
        all.extend(args);
        output(civicpub(&all))
    }

    pub fn app(&self) -> Router {
        civicpub_web::app(self.state.clone())
    }

    /// GETs `uri` with the given `Accept` (none when `None`).
    pub async fn get(&self, uri: &str, accept: Option<&str>) -> Reply {
        let mut req = Request::get(uri);
        if let Some(a) = accept {
            req = req.header("accept", a);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.app().oneshot(req).await.expect("router answers");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }
}

/// An API call with a bearer token and an optional JSON body.
pub async fn api(
    node: &TestNode,
    method: &str,
    path: &str,
    token: &str,
    body: Option<serde_json::Value>,
) -> Reply {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", format!("Bearer {token}"));
    let body = match body {
        Some(b) => {
            req = req.header("content-type", "application/json");
            Body::from(b.to_string())
        }
        None => Body::empty(),
    };
    node.send(req.body(body).unwrap()).await
}

pub struct Reply {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// Runs the `civicpub` binary with `args` against a test database and data dir;
/// the developer's own `CIVICPUB_*` settings are not inherited.
pub fn civicpub(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_civicpub"));
    for (k, _) in std::env::vars() {
        if k.starts_with("CIVICPUB_") {
            cmd.env_remove(k);
        }
    }
    // CIVICPUB_TEST_LOG sets the nodes' log filter when a test needs a closer look.
    cmd.env(
        "CIVICPUB_LOG",
        std::env::var("CIVICPUB_TEST_LOG").unwrap_or_else(|_| "warn".into()),
    );
    cmd.args(args);
    cmd
}

pub fn output(mut cmd: Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("run civicpub")
}

/// A free TCP port on 127.0.0.1, below the kernel's ephemeral range
/// (32768 and up on Linux), so outgoing connections made while a node starts
/// cannot take it between this check and the node's own bind.
pub fn free_port() -> u16 {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static CALLS: AtomicU64 = AtomicU64::new(0);
    loop {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(std::process::id());
        h.write_u64(CALLS.fetch_add(1, Ordering::Relaxed));
        let port = 20_000 + (h.finish() % 12_000) as u16;
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
}

/// A `civicpub serve` process; killed when dropped.
pub struct ServedNode {
    pub child: Child,
    pub port: u16,
    pub base: String,
    pub data_dir: PathBuf,
}

impl ServedNode {
    /// Starts `civicpub serve` with `extra` arguments and waits until it answers.
    /// A node that exits before listening (another test took its port in the
    /// meantime) is started again on another port, up to three times.
    pub fn start(db: &TestDatabase, data_dir: PathBuf, extra: &[&str]) -> ServedNode {
        Self::start_as(db, data_dir, extra, &["serve"])
    }

    /// Starts `civicpub <command…>` (e.g. `serve --no-worker`) the same way.
    pub fn start_as(
        db: &TestDatabase,
        data_dir: PathBuf,
        extra: &[&str],
        command: &[&str],
    ) -> ServedNode {
        let mut tries = 0;
        loop {
            tries += 1;
            match Self::start_on(db, data_dir.clone(), free_port(), extra, command) {
                Ok(node) => return node,
                Err((port, status)) if tries < 3 => {
                    eprintln!("civicpub serve on {port} exited with {status}; trying another port")
                }
                Err((_, status)) => panic!("civicpub serve exited with {status} before listening"),
            }
        }
    }

    /// Starts `civicpub <command…>` on `port` (its domain `127.0.0.1:port`)
    /// and waits until it answers; the port and exit status if it ended first.
    pub fn start_on(
        db: &TestDatabase,
        data_dir: PathBuf,
        port: u16,
        extra: &[&str],
        command: &[&str],
    ) -> Result<ServedNode, (u16, std::process::ExitStatus)> {
        let addr = format!("127.0.0.1:{port}");
        let mut args = vec![
            "--listen",
            &addr,
            "--domain",
            &addr,
            "--database-url",
            &db.url,
        ];
        let dir = data_dir.display().to_string();
        args.extend(["--data-dir", &dir]);
        args.extend(extra);
        args.extend(command);
        let child = civicpub(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn civicpub serve");
        let mut node = ServedNode {
            child,
            port,
            base: format!("http://{addr}"),
            data_dir: data_dir.clone(),
        };
        node.wait_ready()
            .map(|()| node)
            .map_err(|status| (port, status))
    }

    fn wait_ready(&mut self) -> Result<(), std::process::ExitStatus> {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(status);
            }
            // The node binds before it opens its database: wait for an answer.
            if answers(self.port) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("civicpub serve did not start listening on {}", self.port);
    }
}

/// Whether 127.0.0.1:`port` answers an HTTP request.
fn answers(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let request = format!(
        "GET /.well-known/nodeinfo HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    );
    let mut first = [0u8; 12];
    stream.write_all(request.as_bytes()).is_ok()
        && stream.read_exact(&mut first).is_ok()
        && first.starts_with(b"HTTP/1.1 ")
}

impl Drop for ServedNode {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A small valid PNG (1×1, transparent).
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0B, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0x00, 0x02, 0x00,
    0x00, 0x05, 0x00, 0x01, 0x7A, 0x5E, 0xAB, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44,
    0xAE, 0x42, 0x60, 0x82,
];

/// A news item's input with one English text.
pub fn news(title: &str) -> civicpub_service::items::ItemInput {
    civicpub_service::items::ItemInput {
        texts: vec![civicpub_service::items::TextInput {
            lang: "en".into(),
            title: title.into(),
            summary: String::new(),
            body: "Text.".into(),
        }],
        ..Default::default()
    }
}

/// Ends a consultation now, as if its end time had come (a consultation runs
/// five minutes at least, longer than a test waits): its totals are due.
pub async fn end_consultation(store: &Store, id: i64) {
    use sqlx::Row;
    let now = chrono::Utc::now().timestamp_millis() - 1000;
    let content: String = sqlx::query("SELECT content FROM consultations WHERE id = $1")
        .bind(id)
        .fetch_one(store.pool())
        .await
        .unwrap()
        .get(0);
    let mut draft: serde_json::Value = serde_json::from_str(&content).unwrap();
    draft["ends_at"] = serde_json::json!(now);
    sqlx::query(
        "UPDATE consultations SET content = $1, ends_at = $2, update_due_at = $2 WHERE id = $3",
    )
    .bind(draft.to_string())
    .bind(now)
    .bind(id)
    .execute(store.pool())
    .await
    .unwrap();
}
