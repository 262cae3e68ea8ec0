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

impl serde::Serialize for MediaInput {
    /// A stored file is its id; bytes not stored yet cannot be written down.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            MediaInput::Stored(id) => s.serialize_str(id),
            MediaInput::Upload { .. } => Err(serde::ser::Error::custom(
                "an uploaded file must be stored before it is written down",
            )),
        }
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
        check_content(bytes.to_vec(), kind)
            .await
            .map_err(|m| ServiceError::field("file", m))?;
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
            MediaInput::Upload { bytes, claimed } => {
                let checked = match check_bytes(bytes, *claimed, use_) {
                    Ok(kind) => check_content(bytes.clone(), kind).await.map(|()| kind),
                    Err(m) => Err(m),
                };
                match checked {
                    Ok(kind) => Ok(Some(Checked::New(bytes.clone(), kind))),
                    Err(m) => {
                        problems.add(field, m);
                        Ok(None)
                    }
                }
            }
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

/// Largest picture decoded, in pixels on a side, and in memory: a picture
/// beyond these is refused rather than shown.
const MAX_SIDE: u32 = 16_384;
const MAX_DECODED: u64 = 256 * 1024 * 1024;

/// Checks that a file is what its first bytes say, all through: an image
/// decodes whole (a PNG header in front of random bytes does not), a PDF ends
/// as a PDF ends. Decoding runs off the async threads.
async fn check_content(bytes: Vec<u8>, kind: MediaKind) -> Result<(), String> {
    tokio::task::spawn_blocking(move || match kind {
        MediaKind::Pdf => {
            let tail = &bytes[bytes.len().saturating_sub(2048)..];
            if tail.windows(5).any(|w| w == b"%%EOF") {
                Ok(())
            } else {
                Err("the file starts as a PDF but is not a whole PDF document".to_string())
            }
        }
        image => decode(&bytes, image).map_err(|e| {
            format!(
                "the file starts as {} but is not a picture that can be shown: {e}",
                image.media_type()
            )
        }),
    })
    .await
    .map_err(|e| format!("the file could not be checked: {e}"))?
}

fn decode(bytes: &[u8], kind: MediaKind) -> Result<(), image::ImageError> {
    let format = match kind {
        MediaKind::Png => image::ImageFormat::Png,
        MediaKind::Jpeg => image::ImageFormat::Jpeg,
        MediaKind::Gif => image::ImageFormat::Gif,
        MediaKind::Webp => image::ImageFormat::WebP,
        MediaKind::Pdf => unreachable!("not a picture"),
    };
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED);
    reader.limits(limits);
    reader.decode().map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1×1 PNG.
    const PNG: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0B, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60,
        0x00, 0x02, 0x00, 0x00, 0x05, 0x00, 0x01, 0x7A, 0x5E, 0xAB, 0x3F, 0x00, 0x00, 0x00, 0x00,
        0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];

    #[tokio::test]
    async fn files_are_checked_all_through() {
        assert_eq!(check_content(PNG.to_vec(), MediaKind::Png).await, Ok(()));
        // A PNG header before a megabyte of noise is no picture.
        let mut noise = PNG[..33].to_vec();
        let mut x: u32 = 7;
        noise.extend((0..1_000_000).map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 16) as u8
        }));
        let e = check_content(noise, MediaKind::Png).await.unwrap_err();
        assert!(e.contains("not a picture"), "{e}");
        let pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec();
        assert_eq!(check_content(pdf, MediaKind::Pdf).await, Ok(()));
        let e = check_content(b"%PDF-1.4 and then nothing".to_vec(), MediaKind::Pdf)
            .await
            .unwrap_err();
        assert!(e.contains("not a whole PDF"), "{e}");
    }
}
