//! The dashboard, the lists of items and drafts, and what is done to them
//! from a list: pin, unpin, delete, discard a draft.

use super::{page, see, Admin, AdminPage, Area, Fields};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use civicpub_domain::{Item, ItemKind, Timestamp};
use civicpub_service::ServiceError;

/// One row of a list of items or drafts.
pub struct Row {
    pub title: String,
    /// The admin page to edit it.
    pub edit: String,
    /// Its public page (items only).
    pub public: Option<String>,
    pub when: String,
    pub when_iso: String,
    pub pinned: bool,
    /// Where its forms post (items: pin and delete; drafts: discard).
    pub action: String,
    pub problem: Option<String>,
}

impl Row {
    fn item(page: &AdminPage, item: &Item) -> Row {
        let title = item
            .draft
            .as_ref()
            .and_then(|d| d.texts.first())
            .map(|t| t.title.clone())
            .unwrap_or_default();
        let path = format!("/admin/content/{}/{}", item.kind.path(), item.id);
        Row {
            title,
            edit: path.clone(),
            public: Some(item.path()),
            when: page.site.date(&item.published_at),
            when_iso: item.published_at.to_rfc3339(),
            pinned: item.pinned,
            action: path,
            problem: None,
        }
    }

    fn draft(page: &AdminPage, d: &civicpub_store::SavedDraft) -> Row {
        let (when, when_iso) = match d.publish_at {
            Some(t) => (date_time(page, t), t.to_rfc3339()),
            None => (page.t("admin-not-scheduled"), String::new()),
        };
        Row {
            title: d.title.clone(),
            edit: format!("/admin/drafts/{}", d.id),
            public: None,
            when,
            when_iso,
            pinned: false,
            action: format!("/admin/drafts/{}", d.id),
            problem: d.last_error.clone(),
        }
    }
}

/// A time in the page's language, in UTC.
pub fn date_time(page: &AdminPage, t: Timestamp) -> String {
    let utc = t.to_datetime().naive_utc();
    format!("{} UTC", page.lang().date_time(utc))
}

pub fn kind_name(page: &AdminPage, kind: ItemKind) -> String {
    page.t(match kind {
        ItemKind::News => "nav-news",
        ItemKind::Event => "nav-events",
        ItemKind::Document => "nav-documents",
    })
}

pub fn kind_of(admin: &Admin, segment: &str) -> Result<ItemKind, Response> {
    ItemKind::from_path(segment).ok_or_else(|| {
        admin.fail(ServiceError::NotFound(format!(
            "no '{segment}' in the admin"
        )))
    })
}

fn area_of(kind: ItemKind) -> Area {
    match kind {
        ItemKind::News => Area::News,
        ItemKind::Event => Area::Events,
        ItemKind::Document => Area::Documents,
    }
}

#[derive(Template)]
#[template(path = "admin/dashboard.html")]
struct DashboardView<'a> {
    page: &'a AdminPage,
    recent: Vec<Row>,
    scheduled: Vec<Row>,
    awaiting: usize,
    requests: usize,
    queued: i64,
    failing_hosts: usize,
}

pub async fn dashboard(State(state): State<AppState>, admin: Admin) -> Response {
    let node = &state.node;
    let load = async {
        let city = node.actor_or_city(None).await?;
        let recent = state.store.items(None, None, None, 6).await?;
        let drafts = node.saved_drafts().await?;
        let awaiting = node.moderation_queue(100).await?.len();
        let requests = node.followers(&city, false).await?.len();
        let stats = state.store.queue_stats().await?;
        Ok::<_, ServiceError>((recent, drafts, awaiting, requests, stats))
    };
    let (recent, drafts, awaiting, requests, stats) = match load.await {
        Ok(v) => v,
        Err(e) => return admin.fail(e),
    };
    let p = &admin.page;
    page(
        DashboardView {
            page: p,
            recent: recent.iter().map(|i| Row::item(p, i)).collect(),
            scheduled: drafts
                .iter()
                .filter(|d| d.publish_at.is_some())
                .map(|d| Row::draft(p, d))
                .collect(),
            awaiting,
            requests,
            queued: stats.pending,
            failing_hosts: stats.failures.len(),
        },
        StatusCode::OK,
    )
}

#[derive(Template)]
#[template(path = "admin/items.html")]
struct ItemsView<'a> {
    page: &'a AdminPage,
    kind: ItemKind,
    heading: String,
    rows: Vec<Row>,
}

pub async fn list(
    State(state): State<AppState>,
    mut admin: Admin,
    Path(kind): Path<String>,
) -> Response {
    let kind = match kind_of(&admin, &kind) {
        Ok(k) => k,
        Err(res) => return res,
    };
    admin.page.area = area_of(kind);
    let items = match state.store.items(Some(kind), None, None, 200).await {
        Ok(items) => items,
        Err(e) => return admin.fail(e.into()),
    };
    let p = &admin.page;
    page(
        ItemsView {
            page: p,
            kind,
            heading: kind_name(p, kind),
            rows: items.iter().map(|i| Row::item(p, i)).collect(),
        },
        StatusCode::OK,
    )
}

#[derive(Template)]
#[template(path = "admin/drafts.html")]
struct DraftsView<'a> {
    page: &'a AdminPage,
    rows: Vec<Row>,
}

pub async fn drafts(State(state): State<AppState>, mut admin: Admin) -> Response {
    admin.page.area = Area::Drafts;
    let drafts = match state.node.saved_drafts().await {
        Ok(d) => d,
        Err(e) => return admin.fail(e),
    };
    let p = &admin.page;
    page(
        DraftsView {
            page: p,
            rows: drafts.iter().map(|d| Row::draft(p, d)).collect(),
        },
        StatusCode::OK,
    )
}

fn parse_id(admin: &Admin, id: &str) -> Result<i64, Response> {
    id.parse()
        .map_err(|_| admin.fail(ServiceError::NotFound(format!("no item '{id}'"))))
}

pub async fn delete(
    State(state): State<AppState>,
    admin: Admin,
    Path((kind, id)): Path<(String, String)>,
    fields: Fields,
) -> Response {
    let run = async {
        admin.check(&fields)?;
        let kind = kind_of(&admin, &kind)?;
        let id = parse_id(&admin, &id)?;
        let node = &state.node;
        let (_, actor) = node
            .item_with_actor(kind, id)
            .await
            .map_err(|e| admin.fail(e))?;
        node.delete_item(&actor, kind, id)
            .await
            .map_err(|e| admin.fail(e))?;
        Ok::<_, Response>(see(&format!("/admin/content/{}?done=deleted", kind.path())))
    };
    run.await.unwrap_or_else(|res| res)
}

pub async fn pin(
    State(state): State<AppState>,
    admin: Admin,
    Path((kind, id)): Path<(String, String)>,
    fields: Fields,
) -> Response {
    let run = async {
        admin.check(&fields)?;
        let kind = kind_of(&admin, &kind)?;
        let id = parse_id(&admin, &id)?;
        let pinned = fields.get("pinned") == "true";
        let node = &state.node;
        let (_, actor) = node
            .item_with_actor(kind, id)
            .await
            .map_err(|e| admin.fail(e))?;
        node.pin(&actor, kind, id, pinned)
            .await
            .map_err(|e| admin.fail(e))?;
        let done = if pinned { "pinned" } else { "unpinned" };
        Ok::<_, Response>(see(&format!("/admin/content/{}?done={done}", kind.path())))
    };
    run.await.unwrap_or_else(|res| res)
}

pub async fn discard_draft(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
    fields: Fields,
) -> Response {
    let run = async {
        admin.check(&fields)?;
        let id = parse_id(&admin, &id)?;
        state
            .node
            .discard_draft(id)
            .await
            .map_err(|e| admin.fail(e))?;
        Ok::<_, Response>(see("/admin/drafts?done=discarded"))
    };
    run.await.unwrap_or_else(|res| res)
}
