use crate::{Store, StoreError};
use civicpub_domain::{Media, MediaError, MediaKind};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Media bytes on disk under the data directory, named by their SHA-256, with a
/// row per file in the `media` table. Several node processes sharing one
/// database must share this directory too (see docs/operations.md).
#[derive(Clone, Debug)]
pub struct MediaFiles {
    dir: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum MediaSaveError {
    #[error(transparent)]
    Invalid(#[from] MediaError),
    #[error("cannot write media: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl MediaFiles {
    pub fn new(data_dir: &Path) -> Self {
        MediaFiles {
            dir: data_dir.join("media"),
        }
    }

    /// Where the proxy keeps its copy of remote file `id`: `remote/ID`.
    pub fn remote_path(&self, id: i64) -> PathBuf {
        self.dir.with_file_name("remote").join(id.to_string())
    }

    /// Where the bytes of `sha256` live: `media/ab/abcdef…`.
    pub fn path(&self, sha256: &str) -> PathBuf {
        let shard = sha256.get(0..2).unwrap_or("00");
        self.dir.join(shard).join(sha256)
    }

    /// Removes the bytes of `sha256` (after its row was deleted); a file
    /// already gone is no error.
    pub async fn remove(&self, sha256: &str) -> std::io::Result<()> {
        match tokio::fs::remove_file(self.path(sha256)).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// The name a file's bytes are stored under: their SHA-256, in hex.
    pub fn sha256(bytes: &[u8]) -> String {
        format!("{:x}", Sha256::digest(bytes))
    }

    /// Checks the content against the claimed kind and the size limit, writes it
    /// (atomically: a temporary file renamed into place) and records it.
    pub async fn save(
        &self,
        store: &Store,
        bytes: &[u8],
        claimed: Option<MediaKind>,
        limit: u64,
    ) -> Result<Media, MediaSaveError> {
        if bytes.len() as u64 > limit {
            return Err(MediaError::TooLarge {
                size: bytes.len() as u64,
                limit,
            }
            .into());
        }
        let kind = MediaKind::check(bytes, claimed)?;
        let sha256 = Self::sha256(bytes);
        let path = self.path(&sha256);
        if tokio::fs::metadata(&path).await.is_err() {
            let parent = path.parent().expect("media path has a parent");
            tokio::fs::create_dir_all(parent).await?;
            let tmp = parent.join(format!(".{sha256}.{}.tmp", std::process::id()));
            tokio::fs::write(&tmp, bytes).await?;
            tokio::fs::rename(&tmp, &path).await?;
        }
        let media = Media {
            sha256,
            media_type: kind.media_type().to_string(),
            size: bytes.len() as i64,
        };
        store.insert_media(&media).await?;
        Ok(media)
    }
}
