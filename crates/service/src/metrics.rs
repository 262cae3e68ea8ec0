//! The process's own counters, and the Prometheus text format they are read in.
//!
//! Counters live in this process (one `static`, like any Prometheus client):
//! what the delivery worker did, what the inboxes accepted and refused, how
//! long HTTP requests took. Each process that runs a worker or serves HTTP
//! exposes its own (`/metrics`, or `worker --metrics-listen`). What is shared by
//! every process — the queue's depth, the oldest due delivery, paused hosts —
//! is read from the database at each scrape (`Store::queue_metrics`), so any
//! one process answers it for all.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

/// Upper bounds of the HTTP latency histogram's buckets, in seconds.
pub const LATENCY_BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// Label values, in the order of the family's label names.
type Labels = Vec<String>;

#[derive(Default)]
struct Histogram {
    buckets: [u64; LATENCY_BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// Everything this process counts.
#[derive(Default)]
pub struct Metrics {
    counters: Mutex<BTreeMap<(&'static str, Labels), u64>>,
    latency: Mutex<BTreeMap<Labels, Histogram>>,
}

/// The process's metrics.
pub fn global() -> &'static Metrics {
    static METRICS: std::sync::OnceLock<Metrics> = std::sync::OnceLock::new();
    METRICS.get_or_init(Metrics::default)
}

/// One family's help text and label names, for the counters below.
struct Family {
    name: &'static str,
    help: &'static str,
    labels: &'static [&'static str],
}

const DELIVERIES: Family = Family {
    name: "civicpub_delivery_attempts_total",
    help: "Delivery attempts this process made, by outcome: delivered, retry (will be tried again), failed (given up), skipped (blocked host), released (leased, not sent, given back), lease_lost (waited past its lease and another worker took it)",
    labels: &["outcome"],
};
const INBOX: Family = Family {
    name: "civicpub_inbox_activities_total",
    help: "Activities POSTed to the inboxes of this process, by result (accepted, ignored, refused) and reason",
    labels: &["result", "reason"],
};
const REQUESTS: Family = Family {
    name: "civicpub_http_requests_total",
    help: "HTTP requests answered, by method, route (the matched pattern, never the raw path) and status",
    labels: &["method", "route", "status"],
};
const CONNECTIONS: Family = Family {
    name: "civicpub_http_connections_total",
    help: "TCP connections, by what became of them at the connection limit: accepted, evicted (idle, closed for a newcomer), refused (503)",
    labels: &["result"],
};
const FAMILIES: [Family; 4] = [DELIVERIES, INBOX, REQUESTS, CONNECTIONS];

impl Metrics {
    fn add(&self, family: &'static str, labels: &[&str], n: u64) {
        let key = (family, labels.iter().map(|s| s.to_string()).collect());
        *self
            .counters
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(key)
            .or_default() += n;
    }

    /// A delivery attempt ended so (`delivered`, `retry`, `failed`, `skipped`, `released`).
    pub fn delivery(&self, outcome: &str, n: u64) {
        self.add(DELIVERIES.name, &[outcome], n);
    }

    /// An inbox took an activity in (`accepted`), let it pass (`ignored`), or refused it.
    pub fn inbox(&self, result: &str, reason: &str) {
        self.add(INBOX.name, &[result, reason], 1);
    }

    /// What became of a connection at the limit.
    pub fn connection(&self, result: &str) {
        self.add(CONNECTIONS.name, &[result], 1);
    }

    /// An HTTP request was answered after `seconds`.
    pub fn request(&self, method: &str, route: &str, status: u16, seconds: f64) {
        self.add(REQUESTS.name, &[method, route, &status.to_string()], 1);
        let mut latency = self.latency.lock().unwrap_or_else(|e| e.into_inner());
        let h = latency
            .entry(vec![method.to_string(), route.to_string()])
            .or_default();
        h.count += 1;
        h.sum += seconds;
        for (i, bound) in LATENCY_BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                h.buckets[i] += 1;
            }
        }
    }

    /// This process's counters and histograms in the Prometheus text format.
    pub fn encode(&self, out: &mut String) {
        let counters = self.counters.lock().unwrap_or_else(|e| e.into_inner());
        for family in FAMILIES {
            let _ = writeln!(out, "# HELP {} {}", family.name, family.help);
            let _ = writeln!(out, "# TYPE {} counter", family.name);
            for ((name, labels), n) in counters.iter() {
                if *name == family.name {
                    let _ = writeln!(
                        out,
                        "{}{} {n}",
                        family.name,
                        labels_text(family.labels, labels, None)
                    );
                }
            }
        }
        drop(counters);
        let name = "civicpub_http_request_duration_seconds";
        let _ = writeln!(
            out,
            "# HELP {name} Time to answer HTTP requests, by method and route"
        );
        let _ = writeln!(out, "# TYPE {name} histogram");
        let names = &["method", "route"];
        for (labels, h) in self
            .latency
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            for (bound, n) in LATENCY_BUCKETS.iter().zip(h.buckets) {
                let le = bound.to_string();
                let _ = writeln!(
                    out,
                    "{name}_bucket{} {n}",
                    labels_text(names, labels, Some(&le))
                );
            }
            let _ = writeln!(
                out,
                "{name}_bucket{} {}",
                labels_text(names, labels, Some("+Inf")),
                h.count
            );
            let _ = writeln!(
                out,
                "{name}_sum{} {}",
                labels_text(names, labels, None),
                h.sum
            );
            let _ = writeln!(
                out,
                "{name}_count{} {}",
                labels_text(names, labels, None),
                h.count
            );
        }
    }
}

/// Writes a gauge family with one sample per label set.
pub fn gauge(out: &mut String, name: &str, help: &str, samples: &[(&[(&str, &str)], f64)]) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} gauge");
    for (labels, value) in samples {
        let text = if labels.is_empty() {
            String::new()
        } else {
            let parts: Vec<String> = labels
                .iter()
                .map(|(k, v)| format!("{k}=\"{}\"", escape(v)))
                .collect();
            format!("{{{}}}", parts.join(","))
        };
        let _ = writeln!(out, "{name}{text} {value}");
    }
}

fn labels_text(names: &[&str], values: &[String], le: Option<&str>) -> String {
    let mut parts: Vec<String> = names
        .iter()
        .zip(values)
        .map(|(k, v)| format!("{k}=\"{}\"", escape(v)))
        .collect();
    if let Some(le) = le {
        parts.push(format!("le=\"{le}\""));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("{{{}}}", parts.join(","))
    }
}

/// A label value as the text format quotes it.
fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_and_histograms_are_written_in_the_text_format() {
        let m = Metrics::default();
        m.delivery("delivered", 3);
        m.request("GET", "/news/{id}", 200, 0.02);
        m.request("GET", "/news/{id}", 200, 3.0);
        m.inbox("refused", "say \"no\"");
        let mut out = String::new();
        m.encode(&mut out);
        assert!(
            out.contains("civicpub_delivery_attempts_total{outcome=\"delivered\"} 3"),
            "{out}"
        );
        assert!(out.contains(
            "civicpub_http_request_duration_seconds_bucket{method=\"GET\",route=\"/news/{id}\",le=\"0.025\"} 1"
        ), "{out}");
        assert!(out.contains(
            "civicpub_http_request_duration_seconds_bucket{method=\"GET\",route=\"/news/{id}\",le=\"+Inf\"} 2"
        ), "{out}");
        assert!(out.contains("reason=\"say \\\"no\\\"\""), "{out}");
    }
}
