use axum::body::Bytes;
use civicpub_service::Generation;
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

/// Serialised documents (actor JSON), kept for a short time so that the hottest
/// federation GETs cost a map lookup instead of a database query and a
/// serialisation. An entry made before this process's last change (its
/// generation) is stale at once; changes from other processes (the CLI, other
/// nodes on the same database) show within `ttl`.
pub struct DocumentCache {
    ttl: Duration,
    entries: RwLock<HashMap<String, (Instant, Generation, Bytes)>>,
}

const MAX_ENTRIES: usize = 10_000;

impl DocumentCache {
    pub fn new(ttl: Duration) -> Self {
        DocumentCache {
            ttl,
            entries: RwLock::new(HashMap::new()),
        }
    }

    /// The entry for `key`, if made at `generation` and within the time to live.
    pub fn get(&self, key: &str, generation: Generation) -> Option<Bytes> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        match entries.get(key) {
            Some((at, made, bytes)) if *made == generation && at.elapsed() < self.ttl => {
                Some(bytes.clone())
            }
            _ => None,
        }
    }

    pub fn put(&self, key: String, generation: Generation, bytes: Bytes) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (at, made, _)| *made == generation && at.elapsed() < self.ttl);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(key, (Instant::now(), generation, bytes));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_go_stale_on_change() {
        let (one, two) = (Generation::new(1, 0), Generation::new(1, 1));
        let c = DocumentCache::new(Duration::from_millis(30));
        c.put("a".into(), one, Bytes::from_static(b"x"));
        assert_eq!(c.get("a", one).as_deref(), Some(&b"x"[..]));
        assert!(c.get("a", two).is_none(), "a change makes it stale");
        std::thread::sleep(Duration::from_millis(40));
        assert!(c.get("a", one).is_none());
    }
}
