/// A stored file (an icon, later images and PDFs), addressed by the SHA-256 of
/// its content, so the same bytes are kept once and their URL never changes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Media {
    /// Lower-case hex SHA-256 of the content.
    pub sha256: String,
    pub media_type: String,
    pub size: i64,
}

impl Media {
    /// File name under which the media is served: `<sha256>.<ext>`.
    pub fn file_name(&self) -> String {
        let ext = MediaKind::from_media_type(&self.media_type)
            .map(MediaKind::extension)
            .unwrap_or("bin");
        format!("{}.{ext}", self.sha256)
    }

    pub fn path(&self) -> String {
        format!("/media/{}", self.file_name())
    }
}

/// The media types a node accepts, recognised from the content itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Png,
    Jpeg,
    Gif,
    Webp,
    Pdf,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MediaError {
    #[error("the file is not a PNG, JPEG, GIF, WebP or PDF")]
    UnknownContent,
    #[error("the file claims to be {claimed} but its content is {actual}")]
    Mismatch {
        claimed: String,
        actual: &'static str,
    },
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes; the limit is {limit}")]
    TooLarge { size: u64, limit: u64 },
    #[error("{0}")]
    Wrong(&'static str),
}

impl MediaKind {
    /// Recognises the content by its magic bytes.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(MediaKind::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(MediaKind::Jpeg)
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(MediaKind::Gif)
        } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(MediaKind::Webp)
        } else if bytes.starts_with(b"%PDF-") {
            Some(MediaKind::Pdf)
        } else {
            None
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            MediaKind::Png => "image/png",
            MediaKind::Jpeg => "image/jpeg",
            MediaKind::Gif => "image/gif",
            MediaKind::Webp => "image/webp",
            MediaKind::Pdf => "application/pdf",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            MediaKind::Png => "png",
            MediaKind::Jpeg => "jpg",
            MediaKind::Gif => "gif",
            MediaKind::Webp => "webp",
            MediaKind::Pdf => "pdf",
        }
    }

    pub fn from_media_type(media_type: &str) -> Option<Self> {
        [
            MediaKind::Png,
            MediaKind::Jpeg,
            MediaKind::Gif,
            MediaKind::Webp,
            MediaKind::Pdf,
        ]
        .into_iter()
        .find(|k| k.media_type() == media_type)
    }

    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "png" => Some(MediaKind::Png),
            "jpg" | "jpeg" => Some(MediaKind::Jpeg),
            "gif" => Some(MediaKind::Gif),
            "webp" => Some(MediaKind::Webp),
            "pdf" => Some(MediaKind::Pdf),
            _ => None,
        }
    }

    pub fn is_image(self) -> bool {
        !matches!(self, MediaKind::Pdf)
    }

    /// Checks that `bytes` are what `claimed` (a media type) says they are.
    pub fn check(bytes: &[u8], claimed: Option<MediaKind>) -> Result<MediaKind, MediaError> {
        if bytes.is_empty() {
            return Err(MediaError::Empty);
        }
        let actual = MediaKind::sniff(bytes).ok_or(MediaError::UnknownContent)?;
        match claimed {
            Some(c) if c != actual => Err(MediaError::Mismatch {
                claimed: c.media_type().to_string(),
                actual: actual.media_type(),
            }),
            _ => Ok(actual),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_content_not_names() {
        assert_eq!(
            MediaKind::sniff(b"\x89PNG\r\n\x1a\nrest"),
            Some(MediaKind::Png)
        );
        assert_eq!(MediaKind::sniff(b"%PDF-1.7"), Some(MediaKind::Pdf));
        assert_eq!(MediaKind::sniff(b"<html>"), None);
        let err = MediaKind::check(b"%PDF-1.4", Some(MediaKind::Png)).unwrap_err();
        assert!(err.to_string().contains("application/pdf"));
        assert_eq!(MediaKind::check(b"", None), Err(MediaError::Empty));
    }
}
