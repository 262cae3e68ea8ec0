//! Writing items: one form for news, events and documents, every language the
//! node offers side by side. The buttons say what to do with it: publish now
//! (or save a live item's changes), keep as a draft, schedule, or preview the
//! Markdown as the server renders it. A refused form comes back with every
//! problem next to its field and a summary at the top.

use super::content::kind_of;
use super::forms::Upload;
use super::{escape, page, see, Admin, AdminPage, Area, Fields};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use civicpub_domain::{ItemKind, MediaKind, Timestamp};
use civicpub_i18n::Locale;
use civicpub_service::items::{ItemInput, MediaRef, PlaceInput, TextInput};
use civicpub_service::media::MediaInput;
use civicpub_service::ServiceError;

/// One language's fields.
pub struct TextFields {
    pub lang: String,
    pub lang_name: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    /// The body as the site will show it, after "Preview".
    pub preview: Option<String>,
}

impl TextFields {
    /// The name of this language's control `part` (title, summary, body).
    pub fn field(&self, part: &str) -> String {
        format!("texts.{}.{part}", self.lang)
    }
}

/// The form as shown: what was written, and what is wrong with it.
#[derive(Template)]
#[template(path = "admin/compose.html")]
pub struct ComposeView<'a> {
    pub page: &'a AdminPage,
    pub kind: ItemKind,
    pub heading: String,
    /// Where the form posts.
    pub action: String,
    /// Editing a published item (it is updated, not scheduled).
    pub live: bool,
    /// Its public page, when live.
    pub public: Option<String>,
    /// Editing a saved draft: its discard form.
    pub draft_id: Option<i64>,
    pub actors: Vec<(String, String)>,
    pub actor: String,
    pub texts: Vec<TextFields>,
    pub tags: String,
    pub hero_current: Option<(String, String)>,
    pub hero_alt: String,
    pub starts: String,
    pub ends: String,
    pub timezone: String,
    pub all_day: bool,
    pub place: String,
    pub address: String,
    pub online_url: String,
    pub status: String,
    pub version: String,
    pub license: String,
    pub adopted_on: String,
    pub file_name: String,
    pub files_current: Vec<(String, String)>,
    pub publish_at: String,
    pub schedule_tz: String,
    pub errors: Vec<(String, String)>,
}

impl ComposeView<'_> {
    /// The message of the problem with control `name`.
    pub fn error(&self, name: impl AsRef<str>) -> Option<&str> {
        let name = name.as_ref();
        self.errors
            .iter()
            .find(|(c, _)| c == name)
            .map(|(_, m)| m.as_str())
    }

    /// `aria-invalid` and `aria-describedby` of a control (a hint's id too).
    pub fn described(&self, name: impl AsRef<str>, hint: impl std::borrow::Borrow<bool>) -> String {
        let (name, hint) = (name.as_ref(), *hint.borrow());
        let id = control_id(name);
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{id}-hint"));
        }
        let mut out = String::new();
        if self.error(name).is_some() {
            ids.push(format!("{id}-error"));
            out.push_str(" aria-invalid=\"true\"");
        }
        if !ids.is_empty() {
            out.push_str(&format!(" aria-describedby=\"{}\"", ids.join(" ")));
        }
        out
    }

    /// The problem shown next to control `name`.
    pub fn error_html(&self, name: impl AsRef<str>) -> String {
        let name = name.as_ref();
        match self.error(name) {
            Some(m) => format!(
                "<p class=\"field-error\" id=\"{}-error\">{}</p>",
                control_id(name),
                escape(m)
            ),
            None => String::new(),
        }
    }

    pub fn id(&self, name: impl AsRef<str>) -> String {
        control_id(name.as_ref())
    }

    /// The label of control `name`, for the summary of problems.
    pub fn label(&self, name: impl AsRef<str>) -> String {
        let name = name.as_ref();
        if let Some(rest) = name.strip_prefix("texts.") {
            let (lang, part) = rest.rsplit_once('.').unwrap_or((rest, "title"));
            let id = match part {
                "summary" => "admin-field-summary",
                "body" => "admin-field-body",
                _ => "admin-field-title",
            };
            return format!("{} ({})", self.page.t(id), language_name(lang));
        }
        let id = match name {
            "tags" => "admin-field-tags",
            "hero" => "admin-field-image-file",
            "hero_alt" => "admin-field-hero-alt",
            "starts" => "admin-field-starts",
            "ends" => "admin-field-ends",
            "timezone" => "admin-field-timezone",
            "place" => "admin-field-place",
            "online_url" => "admin-field-online",
            "status" => "admin-field-status",
            "file" => "admin-field-file",
            "version" => "admin-field-version",
            "license" => "admin-field-license",
            "adopted_on" => "admin-field-adopted",
            "publish_at" => "admin-field-publish-at",
            "schedule_tz" => "admin-field-schedule-tz",
            "actor" => "admin-field-actor",
            _ => return name.to_string(),
        };
        self.page.t(id)
    }

    pub fn error_count(&self) -> usize {
        self.errors.len()
    }

    pub fn status_selected(&self, s: impl AsRef<str>) -> &'static str {
        let s = s.as_ref();
        if self.status == s || (s == "scheduled" && self.status.is_empty()) {
            " selected"
        } else {
            ""
        }
    }

    pub fn actor_selected(&self, a: impl AsRef<str>) -> &'static str {
        let a = a.as_ref();
        if self.actor == a {
            " selected"
        } else {
            ""
        }
    }
}

/// The HTML id of the control named `name`.
fn control_id(name: &str) -> String {
    format!("f-{}", name.replace(['.', '_'], "-"))
}

/// The control that a service field's problem belongs to.
fn control_of(field: &str, texts: &[TextFields]) -> String {
    if field == "texts" {
        return texts
            .first()
            .map_or("tags".into(), |t| format!("texts.{}.title", t.lang));
    }
    if let Some(rest) = field.strip_prefix("texts.") {
        if rest.split('.').count() == 1 {
            return format!("texts.{rest}.title");
        }
        return field.to_string();
    }
    if field.starts_with("tags") {
        return "tags".into();
    }
    if field.starts_with("files") {
        return "file".into();
    }
    match field {
        "place" | "place.name" => "place".into(),
        other => other.to_string(),
    }
}

/// The languages the form offers: the node's, then those its site is
/// written in, then those of the item being edited.
fn offered(page: &AdminPage, extra: &[String]) -> Vec<String> {
    let mut langs = vec![page.site.data.default.as_str().to_string()];
    let written = page.site.data.pages.iter().map(|p| p.language.clone());
    for l in written.chain(extra.iter().cloned()) {
        if !langs.iter().any(|x| x.eq_ignore_ascii_case(&l)) {
            langs.push(l);
        }
    }
    langs
}

fn language_name(tag: &str) -> String {
    Locale::parse(tag).map_or_else(|| tag.to_string(), |l| l.name().to_string())
}

/// Which action a button asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Publish,
    Draft,
    Schedule,
    Preview,
}

fn action_of(fields: &Fields) -> Action {
    match fields.get("action") {
        "draft" => Action::Draft,
        "schedule" => Action::Schedule,
        "preview" => Action::Preview,
        _ => Action::Publish,
    }
}

impl<'a> ComposeView<'a> {
    fn blank(page: &'a AdminPage, kind: ItemKind, action: String, heading: String) -> Self {
        ComposeView {
            page,
            kind,
            heading,
            action,
            live: false,
            public: None,
            draft_id: None,
            actors: Vec::new(),
            actor: String::new(),
            texts: Vec::new(),
            tags: String::new(),
            hero_current: None,
            hero_alt: String::new(),
            starts: String::new(),
            ends: String::new(),
            timezone: String::new(),
            all_day: false,
            place: String::new(),
            address: String::new(),
            online_url: String::new(),
            status: String::new(),
            version: String::new(),
            license: String::new(),
            adopted_on: String::new(),
            file_name: String::new(),
            files_current: Vec::new(),
            publish_at: String::new(),
            schedule_tz: "UTC".into(),
            errors: Vec::new(),
        }
    }

    /// Fills the form from an input (an item or a draft being edited).
    fn fill(&mut self, input: &ItemInput) {
        let langs: Vec<String> = input.texts.iter().map(|t| t.lang.clone()).collect();
        self.texts = offered(self.page, &langs)
            .into_iter()
            .map(|lang| {
                let t = input
                    .texts
                    .iter()
                    .find(|t| t.lang.eq_ignore_ascii_case(&lang));
                TextFields {
                    lang_name: language_name(&lang),
                    title: t.map(|t| t.title.clone()).unwrap_or_default(),
                    summary: t.map(|t| t.summary.clone()).unwrap_or_default(),
                    body: t.map(|t| t.body.clone()).unwrap_or_default(),
                    lang,
                    preview: None,
                }
            })
            .collect();
        self.tags = input.tags.join(", ");
        if let Some(h) = &input.hero {
            if let MediaInput::Stored(sha) = &h.media {
                self.hero_current = Some((sha.clone(), h.alt.clone().unwrap_or_default()));
            }
            self.hero_alt = h.alt.clone().unwrap_or_default();
        }
        let local = |s: &Option<String>| {
            s.clone()
                .unwrap_or_default()
                .chars()
                .take(16)
                .collect::<String>()
        };
        self.starts = local(&input.starts);
        self.ends = local(&input.ends);
        self.timezone = input.timezone.clone().unwrap_or_default();
        self.all_day = input.all_day;
        if input.all_day {
            self.starts = self.starts.chars().take(10).collect::<String>() + "T00:00";
            self.ends = self.ends.chars().take(10).collect::<String>() + "T00:00";
        }
        if let Some(p) = &input.place {
            self.place = p.name.clone();
            self.address = p.address.clone().unwrap_or_default();
        }
        self.online_url = input.online_url.clone().unwrap_or_default();
        self.status = input.status.clone().unwrap_or_default();
        self.version = input.version.clone().unwrap_or_default();
        self.license = input.license.clone().unwrap_or_default();
        self.adopted_on = input.adopted_on.clone().unwrap_or_default();
        self.files_current = input
            .files
            .iter()
            .filter_map(|f| match &f.media {
                MediaInput::Stored(sha) => Some((sha.clone(), f.name.clone().unwrap_or_default())),
                MediaInput::Upload { .. } => None,
            })
            .collect();
    }

    /// Fills the form from what was submitted, to show it again.
    fn refill(&mut self, fields: &Fields) {
        let langs: Vec<String> = self.texts.iter().map(|t| t.lang.clone()).collect();
        let langs = if langs.is_empty() {
            offered(self.page, &[])
        } else {
            langs
        };
        self.texts = langs
            .into_iter()
            .map(|lang| TextFields {
                lang_name: language_name(&lang),
                title: fields.get(&format!("texts.{lang}.title")).to_string(),
                summary: fields.get(&format!("texts.{lang}.summary")).to_string(),
                body: fields.get(&format!("texts.{lang}.body")).to_string(),
                lang,
                preview: None,
            })
            .collect();
        self.actor = fields.get("actor").to_string();
        self.tags = fields.get("tags").to_string();
        self.hero_alt = fields.get("hero_alt").to_string();
        self.hero_current = fields
            .opt("hero_keep")
            .map(|sha| (sha, fields.get("hero_alt").to_string()));
        self.starts = fields.get("starts").to_string();
        self.ends = fields.get("ends").to_string();
        self.timezone = fields.get("timezone").to_string();
        self.all_day = fields.checked("all_day");
        self.place = fields.get("place").to_string();
        self.address = fields.get("address").to_string();
        self.online_url = fields.get("online_url").to_string();
        self.status = fields.get("status").to_string();
        self.version = fields.get("version").to_string();
        self.license = fields.get("license").to_string();
        self.adopted_on = fields.get("adopted_on").to_string();
        self.file_name = fields.get("file_name").to_string();
        self.files_current = fields
            .opt("files_keep")
            .map(|sha| vec![(sha, fields.get("files_keep_name").to_string())])
            .unwrap_or_default();
        self.publish_at = fields.get("publish_at").to_string();
        self.schedule_tz = fields.opt("schedule_tz").unwrap_or_else(|| "UTC".into());
    }

    /// The submitted form as the service's input.
    fn input(&self, fields: &Fields) -> ItemInput {
        let mut input = ItemInput {
            texts: self
                .texts
                .iter()
                .filter(|t| {
                    !(t.title.trim().is_empty()
                        && t.summary.trim().is_empty()
                        && t.body.trim().is_empty())
                })
                .map(|t| TextInput {
                    lang: t.lang.clone(),
                    title: t.title.trim().to_string(),
                    summary: t.summary.trim().to_string(),
                    body: t.body.clone(),
                })
                .collect(),
            tags: self
                .tags
                .split(',')
                .map(|t| t.trim().trim_start_matches('#').to_string())
                .filter(|t| !t.is_empty())
                .collect(),
            ..Default::default()
        };
        match self.kind {
            ItemKind::News => {
                let alt = Some(self.hero_alt.trim().to_string());
                input.hero = match (fields.file("hero"), &self.hero_current) {
                    (Some(upload), _) => Some(MediaRef {
                        media: upload_input(upload),
                        alt,
                        name: None,
                    }),
                    (None, Some((sha, _))) => Some(MediaRef {
                        media: MediaInput::Stored(sha.clone()),
                        alt,
                        name: None,
                    }),
                    (None, None) => None,
                };
            }
            ItemKind::Event => {
                // An all-day event takes the dates of what the pickers say.
                let when = |s: &str| {
                    let s = s.trim();
                    if self.all_day {
                        s.split('T').next().unwrap_or(s).to_string()
                    } else {
                        s.to_string()
                    }
                };
                input.starts = Some(when(&self.starts));
                input.ends = Some(when(&self.ends));
                input.timezone = Some(self.timezone.trim().to_string());
                input.all_day = self.all_day;
                input.place = (!self.place.trim().is_empty()).then(|| PlaceInput {
                    name: self.place.trim().to_string(),
                    address: Some(self.address.trim().to_string()).filter(|a| !a.is_empty()),
                    latitude: None,
                    longitude: None,
                });
                input.online_url =
                    Some(self.online_url.trim().to_string()).filter(|u| !u.is_empty());
                input.status = Some(self.status.clone()).filter(|s| !s.is_empty());
            }
            ItemKind::Document => {
                input.version = Some(self.version.trim().to_string());
                input.license = Some(self.license.trim().to_string());
                input.adopted_on = Some(self.adopted_on.trim().to_string());
                let name = Some(self.file_name.trim().to_string()).filter(|n| !n.is_empty());
                input.files = match fields.file("file") {
                    Some(upload) => vec![MediaRef {
                        media: upload_input(upload),
                        alt: None,
                        name,
                    }],
                    None => self
                        .files_current
                        .iter()
                        .map(|(sha, n)| MediaRef {
                            media: MediaInput::Stored(sha.clone()),
                            alt: None,
                            name: Some(n.clone()).filter(|n| !n.is_empty()),
                        })
                        .collect(),
                };
            }
        }
        input
    }

    /// Shows what a command refused, each problem next to its control.
    fn refused(&mut self, e: ServiceError) -> Result<(), Response> {
        match e {
            ServiceError::Invalid(errors) => {
                self.errors = errors
                    .into_iter()
                    .map(|e| (control_of(&e.field, &self.texts), e.message))
                    .collect();
                Ok(())
            }
            other => Err(super::fail(self.page, other)),
        }
    }

    fn preview(&mut self) {
        for t in &mut self.texts {
            if !t.body.trim().is_empty() {
                t.preview = Some(civicpub_service::convert::markdown::markdown_to_html(
                    &t.body,
                ));
            }
        }
    }

    /// The scheduled time, read in its time zone.
    fn publish_at(&mut self) -> Option<Timestamp> {
        let raw = self.publish_at.trim();
        let problem = |m: &str| ("publish_at".to_string(), m.to_string());
        if raw.is_empty() {
            self.errors.push(problem("is required to schedule"));
            return None;
        }
        let Ok(tz) = self.schedule_tz.trim().parse::<chrono_tz::Tz>() else {
            self.errors.push((
                "schedule_tz".into(),
                "not an IANA time zone such as Europe/Rome, or UTC".into(),
            ));
            return None;
        };
        let local = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|f| chrono::NaiveDateTime::parse_from_str(raw, f).ok());
        let Some(local) = local else {
            self.errors
                .push(problem("not a time like 2026-12-01T16:00"));
            return None;
        };
        match local.and_local_timezone(tz).earliest() {
            Some(t) => Some(Timestamp(t.timestamp_millis())),
            None => {
                self.errors
                    .push(problem("does not exist in that time zone (clocks skip it)"));
                None
            }
        }
    }
}

fn upload_input(upload: &Upload) -> MediaInput {
    let claimed = upload
        .content_type
        .as_deref()
        .and_then(MediaKind::from_media_type)
        .or_else(|| {
            upload
                .file_name
                .rsplit_once('.')
                .and_then(|(_, ext)| MediaKind::from_extension(ext))
        });
    MediaInput::Upload {
        bytes: upload.bytes.clone(),
        claimed,
    }
}

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

/// `GET /admin/content/{kind}/new`
pub async fn new_form(
    State(state): State<AppState>,
    mut admin: Admin,
    Path(kind): Path<String>,
) -> Response {
    let kind = match kind_of(&admin, &kind) {
        Ok(k) => k,
        Err(res) => return res,
    };
    admin.page.area = area_of(kind);
    let actors = match actors(&state).await {
        Ok(a) => a,
        Err(e) => return admin.fail(e),
    };
    let p = &admin.page;
    let mut view = ComposeView::blank(
        p,
        kind,
        format!("/admin/content/{}/new", kind.path()),
        heading_new(p, kind),
    );
    view.fill(&ItemInput::default());
    view.actor = actors.first().map(|a| a.0.clone()).unwrap_or_default();
    view.actors = actors;
    page(view, StatusCode::OK)
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
    let kind = match kind_of(&admin, &kind) {
        Ok(k) => k,
        Err(res) => return res,
    };
    admin.page.area = area_of(kind);
    let actors = match actors(&state).await {
        Ok(a) => a,
        Err(e) => return admin.fail(e),
    };
    let p = &admin.page;
    let mut view = ComposeView::blank(
        p,
        kind,
        format!("/admin/content/{}/new", kind.path()),
        heading_new(p, kind),
    );
    view.actors = actors;
    view.refill(&fields);
    submit(&state, view, &fields, None).await
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

/// `GET /admin/drafts/{id}`: a saved draft's form.
pub async fn draft_form(
    State(state): State<AppState>,
    mut admin: Admin,
    Path(id): Path<String>,
) -> Response {
    admin.page.area = Area::Drafts;
    let id = match parse_id(&admin, &id) {
        Ok(i) => i,
        Err(res) => return res,
    };
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
        Ok::<_, ServiceError>((saved, input, actor, actors(&state).await?))
    };
    let (saved, input, actor, actors) = match loaded.await {
        Ok(v) => v,
        Err(e) => return admin.fail(e),
    };
    let p = &admin.page;
    let heading = p.site.t_with(
        "admin-draft-heading",
        &[("title", saved.title.as_str().into())],
    );
    let mut view = ComposeView::blank(p, saved.kind, format!("/admin/drafts/{id}"), heading);
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
    page(view, StatusCode::OK)
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
    admin.page.area = Area::Drafts;
    let id = match parse_id(&admin, &id) {
        Ok(i) => i,
        Err(res) => return res,
    };
    let loaded = async {
        let saved = state.node.saved_draft(id).await?;
        let input = state.node.draft_input(&saved)?;
        Ok::<_, ServiceError>((saved, input, actors(&state).await?))
    };
    let (saved, input, actors) = match loaded.await {
        Ok(v) => v,
        Err(e) => return admin.fail(e),
    };
    let p = &admin.page;
    let heading = p.site.t_with(
        "admin-draft-heading",
        &[("title", saved.title.as_str().into())],
    );
    let mut view = ComposeView::blank(p, saved.kind, format!("/admin/drafts/{id}"), heading);
    view.draft_id = Some(id);
    view.fill(&input);
    view.actors = actors;
    view.refill(&fields);
    submit(&state, view, &fields, Some(id)).await
}
