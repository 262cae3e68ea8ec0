use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

/// Serialised documents (actor JSON), kept for a short time so that the hottest
/// federation GETs cost a map lookup instead of a database query and a
/// serialisation. Short-lived so that changes from other processes (the CLI,
/// other nodes on the same database) show within `ttl`.
pub struct DocumentCache {
    ttl: Duration,
    entries: RwLock<HashMap<String, (Instant, Bytes)>>,
}

const MAX_ENTRIES: usize = 10_000;

impl DocumentCache {
    pub fn new(ttl: Duration) -> Self {
        DocumentCache {
            ttl,
            entries: RwLock::new(HashMap::new()),
        }
    }

    pub fn get(&self, key: &str) -> Option<Bytes> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        match entries.get(key) {
            Some((at, bytes)) if at.elapsed() < self.ttl => Some(bytes.clone()),
            _ => None,
        }
    }

    pub fn put(&self, key: String, bytes: Bytes) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (at, _)| at.elapsed() < self.ttl);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(key, (Instant::now(), bytes));
    }

    pub fn clear(&self) {
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire() {
        let c = DocumentCache::new(Duration::from_millis(30));
        c.put("a".into(), Bytes::from_static(b"x"));
        assert_eq!(c.get("a").as_deref(), Some(&b"x"[..]));
        std::thread::sleep(Duration::from_millis(40));
        assert!(c.get("a").is_none());
    }
}
