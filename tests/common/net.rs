//! Real `civicpub serve` processes on 127.0.0.1 ports (`--insecure-dev`), driven
//! through their CLI and watched through their database.

use super::{civicpub, output, ServedNode};
use civicpub_store::{testing::TestDatabase, Store};
use serde_json::Value;
use std::future::Future;
use std::time::{Duration, Instant};

pub struct Node {
    pub db: TestDatabase,
    pub served: ServedNode,
    pub store: Store,
}

impl Node {
    pub async fn start() -> Node {
        Self::start_with(&[]).await
    }

    /// A node started with `extra` settings besides the test ones.
    pub async fn start_with(extra: &[&str]) -> Node {
        let db = TestDatabase::new().await.unwrap();
        let mut args = vec!["--insecure-dev", "--retry-seconds", "1"];
        args.extend(extra);
        let served = ServedNode::start(&db, db.scratch_dir(), &args);
        let store = db.store().await.unwrap();
        Node { db, served, store }
    }

    /// A node on `db` (SQLite, say, whatever the suite's backend), on `port`
    /// when given.
    pub async fn start_on(db: TestDatabase, port: Option<u16>, extra: &[&str]) -> Node {
        let mut args = vec!["--insecure-dev", "--retry-seconds", "1"];
        args.extend(extra);
        let served = match port {
            Some(p) => ServedNode::start_on(&db, db.scratch_dir(), p, &args, &["serve"])
                .unwrap_or_else(|(p, status)| panic!("civicpub serve on {p} exited with {status}")),
            None => ServedNode::start(&db, db.scratch_dir(), &args),
        };
        let store = db.store().await.unwrap();
        Node { db, served, store }
    }

    pub fn domain(&self) -> String {
        format!("127.0.0.1:{}", self.served.port)
    }

    /// An absolute URL on this node.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.served.base)
    }

    /// GETs `path` with `accept`; returns the status and the body.
    pub async fn get(&self, path: &str, accept: &str) -> (u16, String) {
        let res = reqwest::Client::new()
            .get(self.url(path))
            .header("accept", accept)
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.text().await.unwrap())
    }

    /// Runs a CLI command that must fail; returns its message.
    pub fn cli_fails(&self, args: &[&str]) -> String {
        let domain = self.domain();
        let dir = self.served.data_dir.display().to_string();
        let mut all = vec![
            "--insecure-dev",
            "--domain",
            &domain,
            "--database-url",
            &self.db.url,
            "--data-dir",
            &dir,
        ];
        all.extend(args);
        let o = output(civicpub(&all));
        assert!(!o.status.success(), "{args:?} succeeded");
        String::from_utf8(o.stderr).unwrap()
    }

    /// Runs a CLI command against this node; returns stdout, panicking on failure.
    pub fn cli(&self, args: &[&str]) -> String {
        let domain = self.domain();
        let dir = self.served.data_dir.display().to_string();
        let mut all = vec![
            "--insecure-dev",
            "--domain",
            &domain,
            "--database-url",
            &self.db.url,
            "--data-dir",
            &dir,
        ];
        all.extend(args);
        let o = output(civicpub(&all));
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        // The server reads the change counter every 250 ms: what the command
        // changed is on its pages by the time this returns.
        std::thread::sleep(std::time::Duration::from_millis(300));
        String::from_utf8(o.stdout).unwrap()
    }

    pub async fn received(&self) -> Vec<Value> {
        self.store
            .inbox_activities(1000)
            .await
            .unwrap()
            .into_iter()
            .map(|(_, _, body)| serde_json::from_str(&body).unwrap())
            .collect()
    }
}

pub async fn wait_until<F, Fut>(what: &str, check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    wait_for(what, Duration::from_secs(30), check).await
}

pub async fn wait_for<F, Fut>(what: &str, limit: Duration, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting until {what}");
}
