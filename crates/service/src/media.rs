//! Media: the files staff upload (hero images, icons, documents' PDFs), checked
//! by their content, stored once by their SHA-256, under one set of limits.

use crate::items::ItemInput;
use crate::{Node, Problems, Result, ServiceError};
use civicpub_domain::{Draft, ItemDetails, ItemKind, Media, MediaError, MediaKind, Timestamp};
use civicpub_store::MediaRefs;

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

/// Most files the media library lists at once, newest first.
pub const LIBRARY_LIMIT: i64 = 200;

/// One place a stored file is used, with the text alternative given there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaUsage {
    /// An actor's avatar.
    Icon { actor: String, alt: Option<String> },
    /// An actor's header image.
    Header { actor: String, alt: Option<String> },
    /// A live item: its hero image (with `alt`), one of a document's files
    /// (with its `name`), or a link in its text (neither).
    Item {
        id: i64,
        kind: ItemKind,
        title: String,
        alt: Option<String>,
        name: Option<String>,
    },
    /// An earlier revision of a document.
    Revision { item: i64, number: i64 },
    /// A draft (perhaps scheduled).
    Draft {
        id: i64,
        kind: ItemKind,
        title: String,
        alt: Option<String>,
    },
    /// The site's logo or favicon.
    Branding,
    /// A link in one of the site's pages (About, Contact, ...).
    SitePage { page: String, lang: String },
}

/// A file of the media library and everywhere it is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryEntry {
    pub media: Media,
    pub created_at: Timestamp,
    pub uses: Vec<MediaUsage>,
}

impl LibraryEntry {
    /// The text alternatives given wherever the file is used, each once.
    pub fn alts(&self) -> Vec<&str> {
        let mut alts: Vec<&str> = Vec::new();
        for u in &self.uses {
            let alt = match u {
                MediaUsage::Icon { alt, .. }
                | MediaUsage::Header { alt, .. }
                | MediaUsage::Item { alt, .. }
                | MediaUsage::Draft { alt, .. } => alt.as_deref(),
                _ => None,
            };
            if let Some(a) = alt.filter(|a| !a.trim().is_empty()) {
                if !alts.contains(&a) {
                    alts.push(a);
                }
            }
        }
        alts
    }

    pub fn is_image(&self) -> bool {
        self.media.media_type.starts_with("image/")
    }
}

impl Node {
    /// The media library: the newest files uploaded, each with where it is
    /// used (avatars, items, documents' files, drafts, the site's branding
    /// and pages).
    pub async fn media_library(&self) -> Result<Vec<LibraryEntry>> {
        let mut entries = Vec::new();
        for stored in self.store.media_files(LIBRARY_LIMIT).await? {
            let refs = self.store.media_refs(&stored.media.sha256).await?;
            entries.push(LibraryEntry {
                uses: usages(&stored.media.sha256, refs),
                media: stored.media,
                created_at: stored.created_at,
            });
        }
        Ok(entries)
    }

    /// Deletes an uploaded file, its row and its bytes: refused (a field
    /// error on `media`, naming where) while anything uses it.
    pub async fn delete_media(&self, sha256: &str) -> Result<()> {
        let sha256 = sha256.trim();
        if self.store.media(sha256).await?.is_none() {
            return Err(ServiceError::NotFound(format!("no media '{sha256}'")));
        }
        let uses = usages(sha256, self.store.media_refs(sha256).await?);
        if !uses.is_empty() || !self.store.delete_media_if_unused(sha256).await? {
            return Err(ServiceError::field(
                "media",
                format!(
                    "this file is in use ({}): remove it there first",
                    uses.iter().map(describe).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
        self.media
            .remove(sha256)
            .await
            .map_err(ServiceError::internal)?;
        self.changed().await;
        Ok(())
    }
}

/// Where a use is, in a few words (for an error message and the CLI).
fn describe(u: &MediaUsage) -> String {
    match u {
        MediaUsage::Icon { actor, .. } => format!("the avatar of {actor}"),
        MediaUsage::Header { actor, .. } => format!("the header image of {actor}"),
        MediaUsage::Item { id, kind, .. } => format!("{} {id}", kind.as_str()),
        MediaUsage::Revision { item, number } => format!("document {item}, revision {number}"),
        MediaUsage::Draft { id, .. } => format!("draft {id}"),
        MediaUsage::Branding => "the site's branding".into(),
        MediaUsage::SitePage { page, lang } => format!("the {page} page ({lang})"),
    }
}

/// The uses of `sha256` read from what names it.
fn usages(sha256: &str, refs: MediaRefs) -> Vec<MediaUsage> {
    let mut uses: Vec<MediaUsage> = refs
        .icons
        .into_iter()
        .map(|(actor, alt)| MediaUsage::Icon { actor, alt })
        .collect();
    uses.extend(
        refs.headers
            .into_iter()
            .map(|(actor, alt)| MediaUsage::Header { actor, alt }),
    );
    for (id, kind, content) in refs.items {
        let Some(kind) = ItemKind::parse(&kind) else {
            continue;
        };
        let Ok(draft) = serde_json::from_str::<Draft>(&content) else {
            continue;
        };
        let title = draft
            .texts
            .first()
            .map(|t| t.title.clone())
            .unwrap_or_default();
        let (mut alt, mut name) = (None, None);
        match &draft.details {
            ItemDetails::News { hero: Some((m, a)) } if m.sha256 == sha256 => alt = Some(a.clone()),
            ItemDetails::Document(d) => {
                name = d
                    .files
                    .iter()
                    .find(|f| f.media.sha256 == sha256)
                    .map(|f| f.name.clone())
            }
            _ => {}
        }
        uses.push(MediaUsage::Item {
            id,
            kind,
            title,
            alt,
            name,
        });
    }
    uses.extend(
        refs.revisions
            .into_iter()
            .map(|(item, number)| MediaUsage::Revision { item, number }),
    );
    for (id, kind, title, input) in refs.drafts {
        let Some(kind) = ItemKind::parse(&kind) else {
            continue;
        };
        let alt = serde_json::from_str::<ItemInput>(&input)
            .ok()
            .and_then(|i| i.hero)
            .filter(|h| matches!(&h.media, MediaInput::Stored(s) if s == sha256))
            .and_then(|h| h.alt);
        uses.push(MediaUsage::Draft {
            id,
            kind,
            title,
            alt,
        });
    }
    if refs.branding {
        uses.push(MediaUsage::Branding);
    }
    uses.extend(
        refs.site_pages
            .into_iter()
            .map(|(page, lang)| MediaUsage::SitePage { page, lang }),
    );
    uses
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
