//! Serving HTTP as an operator needs it: `civicpub health`, a header
//! timeout and a connection cap that a crowd of half-sent requests cannot
//! defeat under a low open-file limit (and, when every connection is busy, a
//! `503` with `Retry-After` for the newcomer), and request logs as JSON lines.

mod common;

use civicpub_store::testing::TestDatabase;
use common::{civicpub, output, ServedNode};
use std::io::{Read, Write};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn health_says_whether_the_node_answers() {
    let port = common::free_port().to_string();
    let listen = format!("127.0.0.1:{port}");
    let out = output(civicpub(&["--listen", &listen, "health"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&listen), "{}", stderr(&out));

    let db = TestDatabase::new().await.unwrap();
    let node = ServedNode::start(&db, db.scratch_dir(), &[]);
    let listen = format!("127.0.0.1:{}", node.port);
    for args in [vec!["health"], vec!["health", "--ready"]] {
        let mut all = vec!["--listen", &listen];
        all.extend(args.iter());
        let out = output(civicpub(&all));
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    for (path, status) in [("/healthz", 200), ("/readyz", 200)] {
        let res = reqwest::get(format!("{}{path}", node.base)).await.unwrap();
        assert_eq!(res.status().as_u16(), status, "{path}");
    }
}

/// Starts `civicpub serve` with its open-file limit lowered to `files`.
fn serve_with_file_limit(db: &TestDatabase, files: u32, extra: &[&str]) -> (Child, u16) {
    let port = common::free_port();
    let addr = format!("127.0.0.1:{port}");
    let dir = db.scratch_dir().display().to_string();
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -n {files} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_civicpub"));
    for (k, _) in std::env::vars() {
        if k.starts_with("CIVICPUB_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("CIVICPUB_LOG", "warn")
        .args(["--listen", &addr, "--domain", &addr])
        .args(["--database-url", &db.url, "--data-dir", &dir])
        .args(extra)
        .arg("serve")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    let child = cmd.spawn().unwrap();
    let start = Instant::now();
    while std::net::TcpStream::connect(&addr).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "serve did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    (child, port)
}

#[tokio::test(flavor = "multi_thread")]
async fn half_sent_requests_neither_lock_readers_out_nor_stay_for_ever() {
    let db = TestDatabase::new().await.unwrap();
    let (mut child, port) = serve_with_file_limit(&db, 256, &["--header-timeout-seconds", "3"]);
    let base = format!("http://127.0.0.1:{port}");
    // Warm up: the first page sets up caches.
    assert_eq!(reqwest::get(&base).await.unwrap().status().as_u16(), 200);
    let mut held = Vec::new();
    for _ in 0..300 {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
        held.push(s);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let asked = Instant::now();
    let res = client.get(&base).send().await.unwrap();
    let took = asked.elapsed();
    assert_eq!(res.status().as_u16(), 200);
    assert!(took < Duration::from_secs(1), "GET / took {took:?}");
    println!("with 300 half-sent connections held: GET / answered 200 in {took:?}");
    drop(held);

    // A half-sent request is closed once the header time is up.
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let sent = Instant::now();
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    let mut buf = [0u8; 1024];
    loop {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) => continue,
        }
    }
    let closed = sent.elapsed();
    assert!(
        closed >= Duration::from_millis(2500) && closed < Duration::from_secs(6),
        "closed after {closed:?}"
    );
    println!("a half-sent request was closed after {closed:?} (header timeout 3 s)");
    let _ = child.kill();
    let _ = child.wait();
}

/// Reads what the server sends on `s` until it closes (or 5 s pass).
fn read_all(s: &mut std::net::TcpStream) -> String {
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn at_the_cap_with_every_connection_busy_a_newcomer_is_told_to_come_back() {
    let db = TestDatabase::new().await.unwrap();
    let (mut child, port) = serve_with_file_limit(&db, 1024, &["--max-connections", "4"]);
    let base = format!("http://127.0.0.1:{port}");
    assert_eq!(reqwest::get(&base).await.unwrap().status().as_u16(), 200);
    // Four requests being handled: their headers are in, their bodies are
    // still coming, so none of them is idle and none can be closed.
    let mut busy = Vec::new();
    for _ in 0..4 {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(
            b"POST /admin/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
              Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nname=a",
        )
        .unwrap();
        busy.push(s);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut newcomer = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    newcomer
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let answer = read_all(&mut newcomer);
    assert!(answer.starts_with("HTTP/1.1 503 "), "at the cap: {answer}");
    assert!(answer.contains("Retry-After: 1\r\n"), "{answer}");
    // The busy requests were not cut: each still gets its answer once its
    // body is complete (the login form refuses it: no token).
    for s in &mut busy {
        s.write_all(&[b'x'; 994]).unwrap();
    }
    for s in &mut busy {
        let answer = read_all(s);
        assert!(answer.starts_with("HTTP/1.1 4"), "{answer}");
    }
    drop(busy);
    tokio::time::sleep(Duration::from_millis(200)).await;
    // With room again, the next one is served, and the refusal was counted.
    let metrics = reqwest::get(format!("{base}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let refused = metrics
        .lines()
        .find(|l| l.starts_with("civicpub_http_connections_total{result=\"refused\"}"))
        .unwrap_or_else(|| panic!("no refused connections in:\n{metrics}"));
    assert!(refused.ends_with(" 1"), "{refused}");
    let _ = child.kill();
    let _ = child.wait();
}

#[tokio::test(flavor = "multi_thread")]
async fn json_logs_have_one_line_per_request_by_route_and_no_colour() {
    let db = TestDatabase::new().await.unwrap();
    let port = common::free_port();
    let addr = format!("127.0.0.1:{port}");
    let dir = db.scratch_dir().display().to_string();
    let child = civicpub(&[
        "--listen",
        &addr,
        "--domain",
        &addr,
        "--database-url",
        &db.url,
        "--data-dir",
        &dir,
        "--log-format",
        "json",
        "serve",
    ])
    .env("CIVICPUB_LOG", "info")
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    let start = Instant::now();
    while std::net::TcpStream::connect(&addr).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "serve did not start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let res = reqwest::get(format!("http://{addr}/news/4242"))
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let log = String::from_utf8(out.stderr).unwrap();
    assert!(!log.contains('\u{1b}'), "no colour codes in a file: {log}");
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let request = lines
        .iter()
        .find(|l| l["route"] == "/news/{id}")
        .unwrap_or_else(|| panic!("no request line: {log}"));
    assert_eq!(request["method"], "GET");
    assert_eq!(request["status"], 404);
    assert!(request["ms"].as_f64().is_some(), "{request}");
    assert!(!log.contains("/news/4242"), "the raw path is not logged");
    assert!(lines.iter().any(|l| l["message"] == "stopped"), "{log}");
}

#[tokio::test(flavor = "multi_thread")]
async fn readyz_answers_503_while_a_migration_is_missing() {
    let db = TestDatabase::new().await.unwrap();
    let node = ServedNode::start(&db, db.scratch_dir(), &[]);
    let readyz = format!("{}/readyz", node.base);
    assert_eq!(reqwest::get(&readyz).await.unwrap().status().as_u16(), 200);
    // As if this binary were newer than the schema: its last migration undone.
    let store = db.store().await.unwrap();
    sqlx::query(
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
    )
    .execute(store.pool())
    .await
    .unwrap();
    let res = reqwest::get(&readyz).await.unwrap();
    assert_eq!(res.status().as_u16(), 503);
    assert!(res.text().await.unwrap().contains("migrations"));
    // Alive all the same.
    let healthz = format!("{}/healthz", node.base);
    assert_eq!(reqwest::get(&healthz).await.unwrap().status().as_u16(), 200);
    let listen = format!("127.0.0.1:{}", node.port);
    let out = output(civicpub(&["--listen", &listen, "health", "--ready"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("503"), "{}", stderr(&out));
}
