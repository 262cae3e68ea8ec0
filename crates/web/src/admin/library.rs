//! The media library: every file uploaded, newest first, with a thumbnail
//! for pictures, the text alternatives it was given, and where it is used.
//! A file nothing uses can be deleted (its row and its bytes); the service
//! refuses one in use, and the refusal is shown beside that file.

use super::content::{date_time, kind_name};
use super::{page, see, Admin, AdminPage, Area, Fields};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use civicpub_service::media::{LibraryEntry, MediaUsage};
use civicpub_service::ServiceError;

/// One use, in words, and where to see it.
struct UseRow {
    label: String,
    link: Option<String>,
}

/// A file as the library shows it.
struct MediaRow {
    sha256: String,
    file_name: String,
    path: String,
    media_type: String,
    size: String,
    uploaded: String,
    image: bool,
    alts: Vec<String>,
    uses: Vec<UseRow>,
}

#[derive(Template)]
#[template(path = "admin/media.html")]
struct MediaView<'a> {
    page: &'a AdminPage,
    files: Vec<MediaRow>,
    /// The file whose deletion was refused, and why.
    refused: Option<(String, String)>,
}

impl MediaView<'_> {
    fn refusal_count(&self) -> usize {
        usize::from(self.refused.is_some())
    }

    fn error(&self, sha256: impl AsRef<str>) -> Option<&str> {
        self.refused
            .as_ref()
            .filter(|(s, _)| s == sha256.as_ref())
            .map(|(_, m)| m.as_str())
    }
}

fn use_row(p: &AdminPage, u: &MediaUsage) -> UseRow {
    match u {
        MediaUsage::Icon { actor, .. } => UseRow {
            label: format!("{}: {actor}", p.t("admin-media-use-icon")),
            link: Some(format!("/admin/profile/{actor}")),
        },
        MediaUsage::Header { actor, .. } => UseRow {
            label: format!("{}: {actor}", p.t("admin-media-use-header")),
            link: Some(format!("/admin/profile/{actor}")),
        },
        MediaUsage::Item {
            id,
            kind,
            title,
            name,
            ..
        } => UseRow {
            label: match name {
                Some(n) => format!("{}: {title} ({n})", kind_name(p, *kind)),
                None => format!("{}: {title}", kind_name(p, *kind)),
            },
            link: Some(format!("/admin/content/{}/{id}", kind.path())),
        },
        MediaUsage::Revision { item, number } => UseRow {
            label: p.site.t_with(
                "admin-media-use-revision",
                &[
                    ("document", item.to_string().into()),
                    ("number", (*number).into()),
                ],
            ),
            link: Some(format!("/documents/{item}/versions/{number}")),
        },
        MediaUsage::Draft {
            id, kind, title, ..
        } => UseRow {
            label: format!(
                "{} ({}): {title}",
                p.t("admin-media-use-draft"),
                kind_name(p, *kind)
            ),
            link: Some(format!("/admin/drafts/{id}")),
        },
        MediaUsage::Branding => UseRow {
            label: p.t("admin-media-use-branding"),
            link: None,
        },
        MediaUsage::SitePage { page, lang } => UseRow {
            label: format!("{}: /{page} ({lang})", p.t("admin-media-use-page")),
            link: Some(format!("/{page}?lang={lang}")),
        },
    }
}

fn row(p: &AdminPage, e: LibraryEntry) -> MediaRow {
    MediaRow {
        image: e.is_image(),
        alts: e.alts().into_iter().map(str::to_string).collect(),
        uses: e.uses.iter().map(|u| use_row(p, u)).collect(),
        file_name: e.media.file_name(),
        path: e.media.path(),
        size: p.lang().file_size(e.media.size.max(0) as u64),
        uploaded: date_time(p, e.created_at),
        media_type: e.media.media_type,
        sha256: e.media.sha256,
    }
}

async fn render(state: &AppState, mut admin: Admin, refused: Option<(String, String)>) -> Response {
    admin.page.area = Area::Media;
    let entries = match state.node.media_library().await {
        Ok(v) => v,
        Err(e) => return admin.fail(e),
    };
    let status = if refused.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let p = &admin.page;
    page(
        MediaView {
            page: p,
            files: entries.into_iter().map(|e| row(p, e)).collect(),
            refused,
        },
        status,
    )
}

/// `GET /admin/media`
pub async fn list(State(state): State<AppState>, admin: Admin) -> Response {
    render(&state, admin, None).await
}

/// `POST /admin/media/{sha256}/delete`
pub async fn delete(
    State(state): State<AppState>,
    admin: Admin,
    Path(sha256): Path<String>,
    fields: Fields,
) -> Response {
    if let Err(res) = admin.check(&fields) {
        return res;
    }
    match state.node.delete_media(&sha256).await {
        Ok(()) => see("/admin/media?done=media-deleted"),
        Err(ServiceError::Invalid(errors)) => {
            let message = errors
                .into_iter()
                .map(|e| e.message)
                .collect::<Vec<_>>()
                .join("; ");
            render(&state, admin, Some((sha256, message))).await
        }
        Err(e) => admin.fail(e),
    }
}
