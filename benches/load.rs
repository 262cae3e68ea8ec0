#![allow(dead_code)] // Shared by the benchmarks; each uses part of it.
//! A small closed-loop HTTP/1.1 load generator for the benchmarks: `connections`
//! keep-alive connections each send the same GET back to back for `duration`.
//! No external tool needed, and the same client measures both sides of a ratio.

use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

pub struct LoadResult {
    pub requests: u64,
    pub elapsed: Duration,
    pub errors: u64,
}

impl LoadResult {
    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64()
    }
}

/// Runs the load and returns what completed; every response must be `expect_status`.
pub async fn run(
    addr: std::net::SocketAddr,
    request: String,
    expect_status: u16,
    connections: usize,
    duration: Duration,
) -> LoadResult {
    let start = Instant::now();
    let deadline = start + duration;
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let request = request.clone();
        tasks.push(tokio::spawn(async move {
            let (mut ok, mut errors) = (0u64, 0u64);
            let (mut r, mut w) = connect(addr).await;
            let mut line = String::new();
            let mut body = Vec::new();
            while Instant::now() < deadline {
                w.write_all(request.as_bytes()).await.expect("write");
                let status = read_response(&mut r, &mut line, &mut body).await;
                if status == expect_status {
                    ok += 1;
                } else {
                    errors += 1;
                }
            }
            (ok, errors)
        }));
    }
    let (mut requests, mut errors) = (0, 0);
    for t in tasks {
        let (ok, err) = t.await.expect("load task");
        requests += ok;
        errors += err;
    }
    LoadResult {
        requests,
        elapsed: start.elapsed(),
        errors,
    }
}

/// A keep-alive connection, split into a buffered reader and a writer.
async fn connect(
    addr: std::net::SocketAddr,
) -> (
    BufReader<tokio::net::tcp::OwnedReadHalf>,
    tokio::net::tcp::OwnedWriteHalf,
) {
    let stream = TcpStream::connect(addr).await.expect("connect");
    stream.set_nodelay(true).ok();
    let (r, w) = stream.into_split();
    (BufReader::new(r), w)
}

/// Reads one HTTP/1.1 response (with `Content-Length`) into `body`; returns its status.
async fn read_response(
    r: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
    line: &mut String,
    body: &mut Vec<u8>,
) -> u16 {
    line.clear();
    r.read_line(line).await.expect("status line");
    let status: u16 = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        r.read_line(line).await.expect("header");
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    body.resize(length, 0);
    r.read_exact(body).await.expect("body");
    status
}

/// A GET request with `accept`, for `host`.
pub fn get(path: &str, host: &str, accept: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: {accept}\r\nUser-Agent: civicpub-bench\r\n\r\n")
}

/// Sends each of `requests` once, over `connections` keep-alive connections,
/// and returns how many answered `expect_status` and how long it all took.
pub async fn run_each(
    addr: std::net::SocketAddr,
    requests: Vec<Vec<u8>>,
    expect_status: u16,
    connections: usize,
) -> LoadResult {
    let start = Instant::now();
    let mut shares: Vec<Vec<Vec<u8>>> = (0..connections).map(|_| Vec::new()).collect();
    for (i, r) in requests.into_iter().enumerate() {
        shares[i % connections].push(r);
    }
    let mut tasks = Vec::new();
    for share in shares {
        tasks.push(tokio::spawn(async move {
            let (mut ok, mut errors) = (0u64, 0u64);
            let (mut r, mut w) = connect(addr).await;
            let mut line = String::new();
            let mut body = Vec::new();
            for request in share {
                w.write_all(&request).await.expect("write");
                let status = read_response(&mut r, &mut line, &mut body).await;
                if status == expect_status {
                    ok += 1;
                } else {
                    errors += 1;
                    if errors == 1 {
                        eprintln!("unexpected {status}: {}", String::from_utf8_lossy(&body));
                    }
                }
            }
            (ok, errors)
        }));
    }
    let (mut requests, mut errors) = (0, 0);
    for t in tasks {
        let (ok, err) = t.await.expect("load task");
        requests += ok;
        errors += err;
    }
    LoadResult {
        requests,
        elapsed: start.elapsed(),
        errors,
    }
}

/// Peak and current resident memory of this process, in MiB (Linux).
pub fn memory_mib() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// Sends `requests` one after another over one keep-alive connection and
/// returns each one's latency (request written to response read), sorted.
pub async fn latencies(
    addr: std::net::SocketAddr,
    requests: &[String],
    expect_status: u16,
) -> Vec<Duration> {
    let (mut r, mut w) = connect(addr).await;
    let (mut line, mut body) = (String::new(), Vec::new());
    let mut out = Vec::with_capacity(requests.len());
    for request in requests {
        let start = Instant::now();
        w.write_all(request.as_bytes()).await.expect("write");
        let status = read_response(&mut r, &mut line, &mut body).await;
        out.push(start.elapsed());
        assert_eq!(
            status,
            expect_status,
            "{}: {}",
            request.lines().next().unwrap_or(""),
            String::from_utf8_lossy(&body)
        );
    }
    out.sort();
    out
}

/// The `p`th percentile (0–100) of sorted durations.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p / 100.0).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// CPU time used so far by this process's live threads (from
/// `/proc/self/task/*/schedstat`, in nanoseconds): diffs of it over a window
/// show how busy the cores were.
pub fn cpu_time() -> Duration {
    threads_cpu_time(|_| true)
}

/// CPU time used so far by this process's live threads whose name (`comm`)
/// passes `which`.
pub fn threads_cpu_time(which: impl Fn(&str) -> bool) -> Duration {
    let mut ns = 0u64;
    if let Ok(tasks) = std::fs::read_dir("/proc/self/task") {
        for t in tasks.flatten() {
            let name = std::fs::read_to_string(t.path().join("comm")).unwrap_or_default();
            if !which(name.trim_end()) {
                continue;
            }
            if let Ok(s) = std::fs::read_to_string(t.path().join("schedstat")) {
                ns += s
                    .split_whitespace()
                    .next()
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(0);
            }
        }
    }
    Duration::from_nanos(ns)
}
