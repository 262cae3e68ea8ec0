//! The media proxy: remote images shown on the node's pages are fetched and
//! cached by the node, so that a citizen's browser only ever contacts it.

use crate::{Node, Result, ServiceError};
use civicpub_domain::{authority, MediaKind, Timestamp};
use url::Url;

/// Largest remote image the proxy fetches.
pub const PROXY_MAX_BYTES: usize = 8 * 1024 * 1024;
/// A remote file that failed is not asked for again within this time.
const PROXY_RETRY_MS: i64 = 3_600_000;

impl Node {
    /// A remote image shown on this node's pages, fetched once and kept in a
    /// cache of at most `cache_bytes`. Only files some gathered item shows can
    /// be asked for: the proxy is not an open relay.
    pub async fn proxied_media(&self, url: &str, cache_bytes: i64) -> Result<(MediaKind, Vec<u8>)> {
        let files = &self.media;
        let media =
            self.store.remote_media(url).await?.ok_or_else(|| {
                ServiceError::NotFound(format!("no item on this node shows {url}"))
            })?;
        let path = files.remote_path(media.id);
        if media.fetched_at.is_some() {
            if let Ok(bytes) = tokio::fs::read(&path).await {
                if let Some(kind) = MediaKind::sniff(&bytes).filter(|k| k.is_image()) {
                    self.store.remote_media_used(media.id).await?;
                    return Ok((kind, bytes));
                }
            }
        }
        if media
            .failed_at
            .is_some_and(|f| Timestamp::now().millis() - f.millis() < PROXY_RETRY_MS)
        {
            return Err(ServiceError::Unavailable(
                "the remote file could not be fetched: it failed recently".into(),
            ));
        }
        let fetched = async {
            let parsed = Url::parse(url).map_err(|e| e.to_string())?;
            let host = authority(&parsed);
            if !self.host_allowed(&host).await.map_err(|e| e.detail())? {
                return Err(format!("{host} is not federated with"));
            }
            let (bytes, _) = self
                .http
                .get_bytes(&parsed, PROXY_MAX_BYTES)
                .await
                .map_err(|e| e.to_string())?;
            // Served from this node's origin: only images recognised by content.
            let kind = MediaKind::sniff(&bytes)
                .filter(|k| k.is_image())
                .ok_or("it is not a PNG, JPEG, GIF or WebP image")?;
            Ok::<_, String>((kind, bytes))
        }
        .await;
        match fetched {
            Ok((kind, bytes)) => {
                if let Some(dir) = path.parent() {
                    let _ = tokio::fs::create_dir_all(dir).await;
                }
                let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
                let written = async {
                    tokio::fs::write(&tmp, &bytes).await?;
                    tokio::fs::rename(&tmp, &path).await
                }
                .await;
                if written.is_ok() {
                    self.store
                        .remote_media_fetched(
                            media.id,
                            Some((kind.media_type(), bytes.len() as i64)),
                        )
                        .await?;
                    for evicted in self.store.evict_remote_media(cache_bytes).await? {
                        let _ = tokio::fs::remove_file(files.remote_path(evicted)).await;
                    }
                }
                Ok((kind, bytes))
            }
            Err(e) => {
                self.store.remote_media_fetched(media.id, None).await?;
                tracing::info!(%url, error = %e, "remote image unavailable");
                Err(ServiceError::Unavailable(
                    "the remote file could not be fetched".into(),
                ))
            }
        }
    }
}
