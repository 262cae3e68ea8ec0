//! Media: the files staff upload (hero images, icons, documents' PDFs), checked
//! by their content, stored once by their SHA-256, under one set of limits.

use crate::{Node, Problems, Result, ServiceError};
use civicpub_domain::{Media, MediaError, MediaKind};

/// Largest file accepted, of any kind (a document's PDF, an image).
pub const UPLOAD_LIMIT: u64 = 25 * 1024 * 1024;
/// Largest avatar: Mastodon does not fetch larger ones.
pub const ICON_LIMIT: u64 = 2 * 1024 * 1024;

/// What a file is for: it decides which kinds and sizes are accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaUse {
    /// An actor's avatar.
    Icon,
    /// A news item's hero image.
    Image,
    /// A policy document's file (a PDF, or an image).
    File,
    /// An upload whose use is not known yet (`POST /api/v1/media`).
    Any,
}

impl MediaUse {
    fn limit(self) -> u64 {
        match self {
            MediaUse::Icon => ICON_LIMIT,
            _ => UPLOAD_LIMIT,
        }
    }

    fn images_only(self) -> bool {
        matches!(self, MediaUse::Icon | MediaUse::Image)
    }
}

/// A file given with an input: bytes to store (the CLI reads a file), or one
/// stored before (the API's upload answers with its id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaInput {
    Upload {
        bytes: Vec<u8>,
        /// The kind the file claims to be (from its name or `Content-Type`).
        claimed: Option<MediaKind>,
    },
    Stored(String),
}

impl<'de> serde::Deserialize<'de> for MediaInput {
    /// In JSON, a file is the id an upload answered with.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(MediaInput::Stored)
    }
}

/// A checked file, ready to be stored.
pub(crate) enum Checked {
    New(Vec<u8>, MediaKind),
    Stored(Media),
}

impl Checked {
    /// The media it will be once stored.
    pub(crate) fn preview(&self) -> Media {
        match self {
            Checked::Stored(m) => m.clone(),
            Checked::New(bytes, kind) => Media {
                sha256: civicpub_store::MediaFiles::sha256(bytes),
                media_type: kind.media_type().to_string(),
                size: bytes.len() as i64,
            },
        }
    }
}

impl Node {
    /// Stores an uploaded file after checking it is what it claims and fits `use_`.
    pub async fn upload(
        &self,
        bytes: &[u8],
        claimed: Option<MediaKind>,
        use_: MediaUse,
    ) -> Result<Media> {
        let kind = check_bytes(bytes, claimed, use_).map_err(|m| ServiceError::field("file", m))?;
        Ok(self
            .media
            .save(&self.store, bytes, Some(kind), use_.limit())
            .await?)
    }

    /// Checks a file given with an input, noting what is wrong under `field`.
    pub(crate) async fn check_media(
        &self,
        input: &MediaInput,
        use_: MediaUse,
        field: &str,
        problems: &mut Problems,
    ) -> Result<Option<Checked>> {
        match input {
            MediaInput::Upload { bytes, claimed } => match check_bytes(bytes, *claimed, use_) {
                Ok(kind) => Ok(Some(Checked::New(bytes.clone(), kind))),
                Err(m) => {
                    problems.add(field, m);
                    Ok(None)
                }
            },
            MediaInput::Stored(id) => match self.store.media(id.trim()).await? {
                Some(m) if use_.images_only() && !m.media_type.starts_with("image/") => {
                    problems.add(field, "must be an image (PNG, JPEG, GIF or WebP)");
                    Ok(None)
                }
                Some(m) => Ok(Some(Checked::Stored(m))),
                None => {
                    problems.add(field, "no uploaded media with this id");
                    Ok(None)
                }
            },
        }
    }

    /// Stores a checked file (once every other input was found valid).
    pub(crate) async fn store_media(&self, checked: Checked) -> Result<Media> {
        match checked {
            Checked::Stored(m) => Ok(m),
            Checked::New(bytes, kind) => Ok(self
                .media
                .save(&self.store, &bytes, Some(kind), UPLOAD_LIMIT)
                .await?),
        }
    }
}

/// What is wrong with a file for `use_`, if anything; else its kind.
fn check_bytes(
    bytes: &[u8],
    claimed: Option<MediaKind>,
    use_: MediaUse,
) -> Result<MediaKind, String> {
    let limit = use_.limit();
    if bytes.len() as u64 > limit {
        return Err(MediaError::TooLarge {
            size: bytes.len() as u64,
            limit,
        }
        .to_string());
    }
    let kind = MediaKind::check(bytes, claimed).map_err(|e| e.to_string())?;
    if use_.images_only() && !kind.is_image() {
        return Err("must be an image (PNG, JPEG, GIF or WebP)".into());
    }
    Ok(kind)
}
