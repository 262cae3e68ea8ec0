//! Writing items: one form for news, events and documents, every language the
//! node offers side by side. The buttons say what to do with it: publish now
//! (or save a live item's changes), keep as a draft, schedule, or preview the
//! Markdown as the server renders it. A refused form comes back with every
//! problem next to its field and a summary at the top. The form's model is
//! in `form`; here are the handlers: load, call a command, render.

mod form;

use super::content::kind_of;
use super::{page, see, Admin, AdminPage, Area, Fields};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use civicpub_domain::ItemKind;
use civicpub_service::items::ItemInput;
use civicpub_service::ServiceError;
use form::{action_of, language_name, offered, Action, ComposeView, TextFields};

async fn actors(state: &AppState) -> Result<Vec<(String, String)>, ServiceError> {
    Ok(state
        .node
        .publishing_actors()
        .await?
        .into_iter()
        .map(|a| (a.username.to_string(), a.display_name))
        .collect())
}

fn heading_new(page: &AdminPage, kind: ItemKind) -> String {
    page.t(match kind {
        ItemKind::News => "admin-new-news",
        ItemKind::Event => "admin-new-event",
        ItemKind::Document => "admin-new-document",
    })
}

fn area_of(kind: ItemKind) -> Area {
    match kind {
        ItemKind::News => Area::News,
        ItemKind::Event => Area::Events,
        ItemKind::Document => Area::Documents,
    }
}

/// The empty form for a new item of the kind at `segment` (`news`,
/// `events`, `documents`): every language offered, the node's actors (the
/// first chosen) and its time zone.
async fn new_item_view<'a>(
    state: &AppState,
    admin: &'a mut Admin,
    segment: &str,
) -> Result<ComposeView<'a>, Response> {
    let kind = kind_of(admin, segment)?;
    admin.page.area = area_of(kind);
    let actors = actors(state).await.map_err(|e| admin.fail(e))?;
    let p = &admin.page;
    let mut view = ComposeView::blank(
        p,
        kind,
        format!("/admin/content/{}/new", kind.path()),
        heading_new(p, kind),
        &state.node.timezone,
    );
    view.fill(&ItemInput::default());
    view.actor = actors.first().map(|a| a.0.clone()).unwrap_or_default();
    view.actors = actors;
    Ok(view)
}

/// `GET /admin/content/{kind}/new`
pub async fn new_form(
    State(state): State<AppState>,
    mut admin: Admin,
    Path(kind): Path<String>,
) -> Response {
    match new_item_view(&state, &mut admin, &kind).await {
        Ok(view) => page(view, StatusCode::OK),
        Err(res) => res,
    }
}

/// `POST /admin/content/{kind}/new`: publish, keep as a draft, schedule or preview.
pub async fn create(
    State(state): State<AppState>,
    mut admin: Admin,
    Path(kind): Path<String>,
    fields: Fields,
) -> Response {
    if let Err(res) = admin.check(&fields) {
        return res;
    }
    match new_item_view(&state, &mut admin, &kind).await {
        Ok(mut view) => {
            view.refill(&fields);
            submit(&state, view, &fields, None).await
        }
        Err(res) => res,
    }
}

/// Does what the button says with the form in `view`; `draft` is the saved
/// draft being edited.
async fn submit(
    state: &AppState,
    mut view: ComposeView<'_>,
    fields: &Fields,
    draft: Option<i64>,
) -> Response {
    let action = action_of(fields);
    if action == Action::Preview {
        view.preview();
        return page(view, StatusCode::OK);
    }
    let node = &state.node;
    let actor = match node.publishing_actor(&view.actor).await {
        Ok(a) => a,
        Err(e) => return super::fail(view.page, e),
    };
    let kind = view.kind;
    let input = view.input(fields);
    let publish_at = match action {
        Action::Schedule => match view.publish_at() {
            Some(t) => Some(t),
            None => return page(view, StatusCode::UNPROCESSABLE_ENTITY),
        },
        _ => None,
    };
    let result = match (action, draft) {
        (Action::Publish, None) => node.publish(&actor, kind, input).await.map(|_| "published"),
        (Action::Publish, Some(id)) => {
            match node.save_draft(&actor, kind, Some(id), input, None).await {
                Ok(_) => node.publish_draft(id).await.map(|_| "published"),
                Err(e) => Err(e),
            }
        }
        (Action::Draft, id) => node
            .save_draft(&actor, kind, id, input, None)
            .await
            .map(|_| "saved"),
        (_, id) => node
            .save_draft(&actor, kind, id, input, publish_at)
            .await
            .map(|_| "scheduled"),
    };
    match result {
        Ok("published") => see(&format!("/admin/content/{}?done=published", kind.path())),
        Ok(done) => see(&format!("/admin/drafts?done={done}")),
        Err(e) => match view.refused(e) {
            Ok(()) => page(view, StatusCode::UNPROCESSABLE_ENTITY),
            Err(res) => res,
        },
    }
}

fn parse_id(admin: &Admin, id: &str) -> Result<i64, Response> {
    id.parse()
        .map_err(|_| admin.fail(ServiceError::NotFound(format!("no item '{id}'"))))
}

fn title_of(input: &ItemInput) -> String {
    input
        .texts
        .first()
        .map(|t| t.title.clone())
        .unwrap_or_default()
}

/// `GET /admin/content/{kind}/{id}`: a published item's form.
pub async fn edit_form(
    State(state): State<AppState>,
    mut admin: Admin,
    Path((kind, id)): Path<(String, String)>,
) -> Response {
    let (kind, id) = match (kind_of(&admin, &kind), parse_id(&admin, &id)) {
        (Ok(k), Ok(i)) => (k, i),
        (Err(res), _) | (_, Err(res)) => return res,
    };
    admin.page.area = area_of(kind);
    let node = &state.node;
    let (item, actor) = match node.item_with_actor(kind, id).await {
        Ok(found) => found,
        Err(e) => return admin.fail(e),
    };
    let Some(draft) = item.draft.as_ref().filter(|_| item.deleted_at.is_none()) else {
        return admin.fail(ServiceError::Gone(format!(
            "{} {id} was deleted",
            kind.as_str()
        )));
    };
    let actors = match actors(&state).await {
        Ok(a) => a,
        Err(e) => return admin.fail(e),
    };
    let input = ItemInput::from_draft(draft);
    let p = &admin.page;
    let title = title_of(&input);
    let heading = p
        .site
        .t_with("admin-edit-heading", &[("title", title.as_str().into())]);
    let mut view = ComposeView::blank(
        p,
        kind,
        format!("/admin/content/{}/{id}", kind.path()),
        heading,
        &state.node.timezone,
    );
    view.live = true;
    view.public = Some(item.path());
    view.fill(&input);
    view.actor = actor.username.to_string();
    view.actors = actors;
    page(view, StatusCode::OK)
}

/// `POST /admin/content/{kind}/{id}`: save a published item's changes, or preview them.
pub async fn update(
    State(state): State<AppState>,
    mut admin: Admin,
    Path((kind, id)): Path<(String, String)>,
    fields: Fields,
) -> Response {
    if let Err(res) = admin.check(&fields) {
        return res;
    }
    let (kind, id) = match (kind_of(&admin, &kind), parse_id(&admin, &id)) {
        (Ok(k), Ok(i)) => (k, i),
        (Err(res), _) | (_, Err(res)) => return res,
    };
    admin.page.area = area_of(kind);
    let node = &state.node;
    let (item, actor) = match node.item_with_actor(kind, id).await {
        Ok(found) => found,
        Err(e) => return admin.fail(e),
    };
    let p = &admin.page;
    let existing: Vec<String> = item
        .draft
        .as_ref()
        .map(|d| d.texts.iter().map(|t| t.lang.clone()).collect())
        .unwrap_or_default();
    let heading = p.site.t_with(
        "admin-edit-heading",
        &[(
            "title",
            fields
                .get(&format!(
                    "texts.{}.title",
                    existing.first().map_or("", |s| s.as_str())
                ))
                .into(),
        )],
    );
    let mut view = ComposeView::blank(
        p,
        kind,
        format!("/admin/content/{}/{id}", kind.path()),
        heading,
        &state.node.timezone,
    );
    view.live = true;
    view.public = Some(item.path());
    view.texts = offered(p, &existing)
        .into_iter()
        .map(|lang| TextFields {
            lang_name: language_name(&lang),
            lang,
            title: String::new(),
            summary: String::new(),
            body: String::new(),
            preview: None,
        })
        .collect();
    view.refill(&fields);
    view.actor = actor.username.to_string();
    if action_of(&fields) == Action::Preview {
        view.preview();
        return page(view, StatusCode::OK);
    }
    let input = view.input(&fields);
    match node.update_item(&actor, kind, id, input).await {
        Ok(_) => see(&format!("/admin/content/{}?done=saved", kind.path())),
        Err(e) => match view.refused(e) {
            Ok(()) => page(view, StatusCode::UNPROCESSABLE_ENTITY),
            Err(res) => res,
        },
    }
}

/// The form of the saved draft `id` (from the path), as saved: its texts,
/// its schedule, the actor it is for, and why it could not be published
/// when its time came, if it could not.
async fn saved_draft_view<'a>(
    state: &AppState,
    admin: &'a mut Admin,
    id: &str,
) -> Result<(ComposeView<'a>, i64), Response> {
    admin.page.area = Area::Drafts;
    let id = parse_id(admin, id)?;
    let node = &state.node;
    let loaded = async {
        let saved = node.saved_draft(id).await?;
        let input = node.draft_input(&saved)?;
        let actor = state
            .store
            .actor_by_id(saved.actor_id)
            .await?
            .map(|a| a.username.to_string())
            .unwrap_or_default();
        Ok::<_, ServiceError>((saved, input, actor, actors(state).await?))
    };
    let (saved, input, actor, actors) = loaded.await.map_err(|e| admin.fail(e))?;
    let p = &admin.page;
    let heading = p.site.t_with(
        "admin-draft-heading",
        &[("title", saved.title.as_str().into())],
    );
    let mut view = ComposeView::blank(
        p,
        saved.kind,
        format!("/admin/drafts/{id}"),
        heading,
        &state.node.timezone,
    );
    view.draft_id = Some(id);
    view.fill(&input);
    if let Some(at) = saved.publish_at {
        view.publish_at = at
            .to_datetime()
            .naive_utc()
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string();
    }
    if let Some(problem) = saved.last_error {
        view.errors.push(("publish_at".into(), problem));
    }
    view.actor = actor;
    view.actors = actors;
    Ok((view, id))
}

/// `GET /admin/drafts/{id}`: a saved draft's form.
pub async fn draft_form(
    State(state): State<AppState>,
    mut admin: Admin,
    Path(id): Path<String>,
) -> Response {
    match saved_draft_view(&state, &mut admin, &id).await {
        Ok((view, _)) => page(view, StatusCode::OK),
        Err(res) => res,
    }
}

/// `POST /admin/drafts/{id}`: keep, schedule, publish or preview a saved draft.
pub async fn save_draft(
    State(state): State<AppState>,
    mut admin: Admin,
    Path(id): Path<String>,
    fields: Fields,
) -> Response {
    if let Err(res) = admin.check(&fields) {
        return res;
    }
    let (mut view, id) = match saved_draft_view(&state, &mut admin, &id).await {
        Ok(v) => v,
        Err(res) => return res,
    };
    // What was sent replaces what was saved.
    view.errors.clear();
    view.refill(&fields);
    submit(&state, view, &fields, Some(id)).await
}
