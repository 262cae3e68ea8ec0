//! Rendered pages and feeds, kept in memory until the data changes.
//!
//! An entry is made at a [`Generation`] of the node's data and is stale as soon
//! as the data moves on (in this process at once, in others within the 250 ms
//! the change counter is read at), or after [`TTL`], since some pages change
//! with the clock alone (upcoming events become past ones). Each answer carries
//! a strong `ETag` (a hash of the body) and, when the page knows it, a
//! `Last-Modified`; a client that has the same version gets `304 Not Modified`.
//!
//! The key is what decides the page: the path and query, and the browser's
//! `Accept-Language` (the page's language, and which translation of an item
//! it shows). Searches are not kept: their words are too many to be asked twice.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use civicpub_domain::Timestamp;
use civicpub_service::Generation;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long an entry serves at most, even when nothing changed.
pub const TTL: Duration = Duration::from_secs(60);
/// Entries kept at most; when full, stale ones go, then all.
const MAX_ENTRIES: usize = 4_096;
/// A longer `Accept-Language` is not worth a cache entry of its own.
const MAX_KEY: usize = 512;

/// A page or feed as rendered.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub status: StatusCode,
    pub content_type: &'static str,
    pub body: Bytes,
    /// The latest change of what the page shows, when known.
    pub last_modified: Option<Timestamp>,
    /// `Vary` beyond `Accept-Encoding`: pages vary by `Accept` (the same URL
    /// answers ActivityPub) and `Accept-Language`.
    pub vary: &'static str,
    pub cache_control: &'static str,
    /// Extra headers (a feed's `Content-Disposition`).
    pub extra: Vec<(header::HeaderName, String)>,
}

impl Rendered {
    pub fn html(body: String, last_modified: Option<Timestamp>) -> Self {
        Rendered {
            status: StatusCode::OK,
            content_type: "text/html; charset=utf-8",
            body: Bytes::from(body),
            last_modified,
            vary: "Accept, Accept-Language",
            cache_control: "public, max-age=60",
            extra: Vec::new(),
        }
    }

    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// A feed or file of `content_type`, the same in every language.
    pub fn file(
        content_type: &'static str,
        body: String,
        last_modified: Option<Timestamp>,
    ) -> Self {
        Rendered {
            status: StatusCode::OK,
            content_type,
            body: Bytes::from(body),
            last_modified,
            vary: "Accept-Language",
            cache_control: "public, max-age=300",
            extra: Vec::new(),
        }
    }
}

/// A rendered answer with its validators.
#[derive(Debug)]
struct Entry {
    made: Instant,
    generation: Generation,
    etag: String,
    rendered: Rendered,
}

#[derive(Default)]
pub struct PageCache {
    entries: RwLock<HashMap<String, Arc<Entry>>>,
}

/// What a request brings to the cache: its key (None: not to be kept) and
/// the validators of the copy the client holds.
#[derive(Debug, Clone, Default)]
pub struct Conditional {
    pub key: Option<String>,
    if_none_match: Option<String>,
    if_modified_since: Option<String>,
}

impl Conditional {
    /// For a GET of `path_and_query` with these headers.
    pub fn new(path_and_query: &str, headers: &HeaderMap, keep: bool) -> Self {
        let header = |h: header::HeaderName| {
            headers
                .get(h)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let language = header(header::ACCEPT_LANGUAGE).unwrap_or_default();
        let key = format!("{path_and_query}\n{language}");
        Conditional {
            key: (keep && key.len() <= MAX_KEY).then_some(key),
            if_none_match: header(header::IF_NONE_MATCH),
            if_modified_since: header(header::IF_MODIFIED_SINCE),
        }
    }
}

impl Conditional {
    /// For a GET whose answer is the same in every language (a feed), kept
    /// under `key`.
    pub fn keyed(key: &str, headers: &HeaderMap) -> Self {
        Conditional {
            key: Some(key.to_string()),
            ..Conditional::new(key, headers, false)
        }
    }
}

fn etag_of(r: &Rendered) -> String {
    let mut h = std::hash::DefaultHasher::new();
    r.status.as_u16().hash(&mut h);
    r.content_type.hash(&mut h);
    r.body.hash(&mut h);
    format!("\"{:016x}\"", h.finish())
}

impl PageCache {
    /// The answer to a request: the cached page when it is current, else
    /// `render()`'s, kept for the next request. A client holding the same
    /// version gets 304.
    pub async fn serve<F, Fut>(
        &self,
        generation: Generation,
        req: &Conditional,
        render: F,
    ) -> Result<Response, crate::WebError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Rendered, crate::WebError>>,
    {
        if let Some(entry) = req.key.as_ref().and_then(|k| self.get(k, generation)) {
            return Ok(respond(&entry, req));
        }
        let rendered = render().await?;
        let entry = Arc::new(Entry {
            made: Instant::now(),
            generation,
            etag: etag_of(&rendered),
            rendered,
        });
        if let Some(key) = &req.key {
            if entry.rendered.status == StatusCode::OK {
                self.put(key.clone(), entry.clone());
            }
        }
        Ok(respond(&entry, req))
    }

    fn get(&self, key: &str, generation: Generation) -> Option<Arc<Entry>> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|e| e.generation == generation && e.made.elapsed() < TTL)
            .cloned()
    }

    fn put(&self, key: String, entry: Arc<Entry>) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            let generation = entry.generation;
            entries.retain(|_, e| e.generation == generation && e.made.elapsed() < TTL);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(key, entry);
    }
}

/// `If-None-Match` names this ETag (or `*`).
fn etag_matches(header: &str, etag: &str) -> bool {
    header
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || t == etag || t.strip_prefix("W/").is_some_and(|weak| weak == etag))
}

fn not_modified_since(entry: &Entry, req: &Conditional) -> bool {
    let (Some(since), Some(modified)) = (&req.if_modified_since, entry.rendered.last_modified)
    else {
        return false;
    };
    chrono::DateTime::parse_from_rfc2822(since)
        .map(|since| modified.millis() / 1000 <= since.timestamp())
        .unwrap_or(false)
}

/// An HTTP date, as `Last-Modified` carries it.
pub fn http_date(t: Timestamp) -> String {
    t.to_datetime()
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

fn respond(entry: &Entry, req: &Conditional) -> Response {
    let r = &entry.rendered;
    // If-None-Match wins over If-Modified-Since (RFC 9110, 13.2.2).
    let fresh = r.status == StatusCode::OK
        && match &req.if_none_match {
            Some(inm) => etag_matches(inm, &entry.etag),
            None => not_modified_since(entry, req),
        };
    let mut res = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut res = Response::new(Body::from(r.body.clone()));
        *res.status_mut() = r.status;
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(r.content_type),
        );
        res
    };
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&entry.etag) {
        h.insert(header::ETAG, v);
    }
    if let Some(t) = r.last_modified {
        if let Ok(v) = HeaderValue::from_str(&http_date(t)) {
            h.insert(header::LAST_MODIFIED, v);
        }
    }
    h.insert(header::VARY, HeaderValue::from_static(r.vary));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(r.cache_control),
    );
    for (k, v) in &r.extra {
        if let Ok(v) = HeaderValue::from_str(v) {
            h.insert(k.clone(), v);
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> Rendered {
        Rendered::html(body.into(), Some(Timestamp(1_700_000_000_000)))
    }

    #[tokio::test]
    async fn pages_are_kept_until_the_data_changes() {
        let cache = PageCache::default();
        let req = Conditional::new("/news", &HeaderMap::new(), true);
        let (one, two) = (Generation::new(1, 0), Generation::new(2, 0));
        let mut renders = 0;
        for (generation, expect) in [(one, "a"), (one, "a"), (two, "b")] {
            let res = cache
                .serve(generation, &req, || {
                    renders += 1;
                    let body = if generation == one { "a" } else { "b" };
                    async move { Ok(page(body)) }
                })
                .await
                .unwrap();
            let body = axum::body::to_bytes(res.into_body(), 1 << 20)
                .await
                .unwrap();
            assert_eq!(body, expect);
        }
        assert_eq!(renders, 2, "the second request is served from the cache");
    }

    #[tokio::test]
    async fn a_client_with_the_same_version_gets_304() {
        let cache = PageCache::default();
        let g = Generation::new(1, 0);
        let first = cache
            .serve(
                g,
                &Conditional::new("/", &HeaderMap::new(), true),
                || async { Ok(page("x")) },
            )
            .await
            .unwrap();
        let etag = first.headers()[header::ETAG].to_str().unwrap().to_string();
        let modified = first.headers()[header::LAST_MODIFIED]
            .to_str()
            .unwrap()
            .to_string();
        assert_eq!(modified, "Tue, 14 Nov 2023 22:13:20 GMT");
        let mut h = HeaderMap::new();
        h.insert(header::IF_NONE_MATCH, etag.parse().unwrap());
        let again = cache
            .serve(g, &Conditional::new("/", &h, true), || async {
                Ok(page("x"))
            })
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(again.headers()[header::ETAG], etag.as_str());
        // Another body, another ETag: the old one no longer matches.
        let changed = cache
            .serve(
                Generation::new(2, 0),
                &Conditional::new("/", &h, true),
                || async { Ok(page("y")) },
            )
            .await
            .unwrap();
        assert_eq!(changed.status(), StatusCode::OK);
        let mut h = HeaderMap::new();
        h.insert(header::IF_MODIFIED_SINCE, modified.parse().unwrap());
        let since = cache
            .serve(
                Generation::new(2, 0),
                &Conditional::new("/", &h, true),
                || async { Ok(page("y")) },
            )
            .await
            .unwrap();
        assert_eq!(since.status(), StatusCode::NOT_MODIFIED);
    }

    #[test]
    fn etags_match_in_lists_and_weakly() {
        assert!(etag_matches("\"a\", \"b\"", "\"b\""));
        assert!(etag_matches("W/\"b\"", "\"b\""));
        assert!(etag_matches("*", "\"b\""));
        assert!(!etag_matches("\"c\"", "\"b\""));
    }
}
