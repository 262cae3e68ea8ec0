//! How much one remote server may send: a budget per host, refilled over time,
//! so that one server's flood cannot starve the others. Per process: each of
//! several `serve` processes keeps its own count.

use crate::{Node, Result, ServiceError};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// Hosts remembered at most; past this the oldest budgets are forgotten.
const MAX_HOSTS: usize = 50_000;

pub(crate) struct RateLimit {
    /// Requests per minute a host may send, and may send at once.
    per_minute: u32,
    budgets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimit {
    pub(crate) fn new(per_minute: u32) -> Self {
        RateLimit {
            per_minute: per_minute.max(1),
            budgets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from `host`'s budget; when there is none left, the
    /// seconds until there is.
    fn take(&self, host: &str) -> std::result::Result<(), u64> {
        let rate = self.per_minute as f64 / 60.0;
        let now = Instant::now();
        let mut budgets = self.budgets.lock().unwrap_or_else(|e| e.into_inner());
        if budgets.len() >= MAX_HOSTS && !budgets.contains_key(host) {
            let full = self.per_minute as f64;
            budgets.retain(|_, (left, at)| *left + at.elapsed().as_secs_f64() * rate < full);
        }
        let (left, at) = budgets
            .entry(host.to_string())
            .or_insert((self.per_minute as f64, now));
        *left = (*left + now.duration_since(*at).as_secs_f64() * rate).min(self.per_minute as f64);
        *at = now;
        if *left >= 1.0 {
            *left -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *left) / rate).ceil() as u64)
        }
    }
}

impl Node {
    /// Lets a request from `host` through its budget, or refuses it (429,
    /// with when to come back).
    pub(crate) fn admit(&self, host: &str) -> Result<()> {
        self.inbox_limit.take(host).map_err(|after| {
            ServiceError::TooMany(
                format!("{host} sends too much: try again in {after} s"),
                after,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_gets_its_budget_and_no_more() {
        let limit = RateLimit::new(3);
        for _ in 0..3 {
            assert!(limit.take("a.example").is_ok());
        }
        let after = limit.take("a.example").unwrap_err();
        assert!((1..=20).contains(&after), "{after}");
        assert!(limit.take("b.example").is_ok(), "another host has its own");
    }
}
