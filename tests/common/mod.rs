//! Test helpers: a node in-process (the router, called with `oneshot`) and a node
//! as a real `civicpub` process on a 127.0.0.1 port. Both run on the backend that
//! `CIVICPUB_TEST_DATABASE_URL` selects (SQLite when unset).
#![allow(dead_code)]

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
    cmd.env("CIVICPUB_LOG", "warn");
    cmd.args(args);
    cmd
}

pub fn output(mut cmd: Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("run civicpub")
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
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
    pub fn start(db: &TestDatabase, data_dir: PathBuf, extra: &[&str]) -> ServedNode {
        let port = free_port();
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
        args.push("serve");
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
            data_dir,
        };
        node.wait_ready();
        node
    }

    fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("civicpub serve exited with {status} before listening");
            }
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("civicpub serve did not start listening on {}", self.port);
    }
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
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];
