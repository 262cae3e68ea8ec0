//! Profiles, for admins: the city's and each channel's display name,
//! summary, profile fields (website, contact and up to four name and value
//! pairs), avatar and header image with their text alternatives, and whether
//! followers are approved by hand and the actor is listed in directories. Saving goes through `Node::update_profile`, as
//! `civicpub actor update` does, which also sends followers an `Update`.

use super::{page, see, Admin, AdminPage, Area, Fields};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use civicpub_domain::LocalActor;
use civicpub_service::actors::{ProfileInput, MAX_FIELDS};
use civicpub_service::media::MediaInput;
use civicpub_service::ServiceError;

#[derive(Template)]
#[template(path = "admin/profiles.html")]
struct ProfilesView<'a> {
    page: &'a AdminPage,
    actors: Vec<LocalActor>,
}

/// What the form shows: the actor's profile, or what was sent.
struct ProfileForm {
    name: String,
    summary: String,
    website: String,
    contact: String,
    icon_alt: String,
    header_alt: String,
    /// Name and value of each field row, `MAX_FIELDS` rows.
    fields: Vec<(String, String)>,
    manually_approves_followers: bool,
    discoverable: bool,
}

/// `n` rows: those given, then empty ones.
fn rows(mut fields: Vec<(String, String)>) -> Vec<(String, String)> {
    fields.resize(fields.len().max(MAX_FIELDS), (String::new(), String::new()));
    fields
}

impl ProfileForm {
    fn of(a: &LocalActor) -> Self {
        ProfileForm {
            name: a.display_name.clone(),
            summary: a.summary.clone(),
            website: a
                .website
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            contact: a.contact.clone().unwrap_or_default(),
            icon_alt: a.icon_alt.clone().unwrap_or_default(),
            header_alt: a.header_alt.clone().unwrap_or_default(),
            fields: rows(
                a.fields
                    .iter()
                    .map(|f| (f.name.clone(), f.value.clone()))
                    .collect(),
            ),
            manually_approves_followers: a.manually_approves_followers,
            discoverable: a.discoverable,
        }
    }

    fn sent(fields: &Fields) -> Self {
        ProfileForm {
            name: fields.get("name").to_string(),
            summary: fields.get("summary").to_string(),
            website: fields.get("website").to_string(),
            contact: fields.get("contact").to_string(),
            icon_alt: fields.get("icon_alt").to_string(),
            header_alt: fields.get("header_alt").to_string(),
            fields: rows(
                (1..=MAX_FIELDS)
                    .map(|i| {
                        (
                            fields.get(&format!("fields.{i}.name")).to_string(),
                            fields.get(&format!("fields.{i}.value")).to_string(),
                        )
                    })
                    .collect(),
            ),
            manually_approves_followers: fields.checked("manually_approves_followers"),
            discoverable: fields.checked("discoverable"),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/profile.html")]
struct ProfileView<'a> {
    page: &'a AdminPage,
    actor: LocalActor,
    url: String,
    form: ProfileForm,
    errors: Vec<(String, String)>,
}

impl ProfileView<'_> {
    /// The rows of profile fields, numbered from 1.
    fn field_rows(&self) -> Vec<FieldRow<'_>> {
        self.form
            .fields
            .iter()
            .enumerate()
            .map(|(i, (n, v))| {
                let (name, value) = field_names(i + 1);
                let number = [("number", (i + 1).into())];
                FieldRow {
                    name_label: self.page.site.t_with("admin-field-pair-name", &number),
                    value_label: self.page.site.t_with("admin-field-pair-value", &number),
                    name_text: n,
                    value_text: v,
                    name,
                    value,
                }
            })
            .collect()
    }

    fn error_id(&self, field: &str) -> String {
        format!("f-profile-{}-error", control(field))
    }

    fn control_id(&self, field: &str) -> String {
        format!("f-profile-{}", control(field))
    }

    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// `aria-invalid` and `aria-describedby` for a control: its error, and
    /// its hint when it has one.
    fn described(&self, field: &str, hint: bool) -> String {
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("f-profile-{}-hint", control(field)));
        }
        let invalid = self.error(field).is_some();
        if invalid {
            ids.push(format!("f-profile-{}-error", control(field)));
        }
        let mut out = String::new();
        if invalid {
            out.push_str(" aria-invalid=\"true\"");
        }
        if !ids.is_empty() {
            out.push_str(&format!(" aria-describedby=\"{}\"", ids.join(" ")));
        }
        out
    }
}

/// One row of profile fields in the form.
struct FieldRow<'a> {
    name_label: String,
    value_label: String,
    name_text: &'a str,
    value_text: &'a str,
    /// The controls' names: `fields.1.name`, `fields.1.value`.
    name: String,
    value: String,
}

/// The HTML id part of a service field: `fields.2.name` is `fields-2-name`.
fn control(field: &str) -> String {
    field.replace('.', "-")
}

/// The field names of row `i` (from 1): its name's and its value's.
fn field_names(i: usize) -> (String, String) {
    (format!("fields.{i}.name"), format!("fields.{i}.value"))
}

/// `GET /admin/profile`: the actors whose profiles can be edited.
pub async fn list(State(state): State<AppState>, mut admin: Admin) -> Response {
    admin.page.area = Area::Profile;
    if let Err(res) = admin.require_admin() {
        return res;
    }
    let city = match state.node.actor_or_city(None).await {
        Ok(c) => c,
        Err(e) => return admin.fail(e),
    };
    let mut actors = match state.node.publishing_actors().await {
        Ok(a) => a,
        Err(e) => return admin.fail(e),
    };
    // The city first: its profile is the node's.
    actors.sort_by_key(|a| a.id != city.id);
    page(
        ProfilesView {
            page: &admin.page,
            actors,
        },
        StatusCode::OK,
    )
}

async fn render(
    state: &AppState,
    mut admin: Admin,
    actor: LocalActor,
    form: ProfileForm,
    errors: Vec<(String, String)>,
) -> Response {
    admin.page.area = Area::Profile;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let url = state.node.actor_url(&actor).to_string();
    page(
        ProfileView {
            page: &admin.page,
            actor,
            url,
            form,
            errors,
        },
        status,
    )
}

/// `GET /admin/profile/{username}`
pub async fn edit(
    State(state): State<AppState>,
    admin: Admin,
    Path(username): Path<String>,
) -> Response {
    if let Err(res) = admin.require_admin() {
        return res;
    }
    match state.node.publishing_actor(&username).await {
        Ok(actor) => {
            let form = ProfileForm::of(&actor);
            render(&state, admin, actor, form, Vec::new()).await
        }
        Err(e) => admin.fail(e),
    }
}

/// `POST /admin/profile/{username}`: saves the profile and tells followers.
pub async fn update(
    State(state): State<AppState>,
    admin: Admin,
    Path(username): Path<String>,
    fields: Fields,
) -> Response {
    if let Err(res) = admin.check(&fields).and_then(|()| admin.require_admin()) {
        return res;
    }
    let actor = match state.node.publishing_actor(&username).await {
        Ok(a) => a,
        Err(e) => return admin.fail(e),
    };
    let form = ProfileForm::sent(&fields);
    // A new picture, or a new text for the one there is.
    let icon = match (fields.file("icon"), &actor.icon) {
        (Some(upload), _) => Some((upload.media_input(), form.icon_alt.clone())),
        (None, Some(current)) if actor.icon_alt.as_deref() != Some(form.icon_alt.trim()) => Some((
            MediaInput::Stored(current.sha256.clone()),
            form.icon_alt.clone(),
        )),
        (None, _) => None,
    };
    let header = match (fields.file("header"), &actor.header) {
        (Some(upload), _) => Some((upload.media_input(), form.header_alt.clone())),
        (None, Some(current)) if actor.header_alt.as_deref() != Some(form.header_alt.trim()) => {
            Some((
                MediaInput::Stored(current.sha256.clone()),
                form.header_alt.clone(),
            ))
        }
        (None, _) => None,
    };
    let input = ProfileInput {
        name: Some(form.name.clone()),
        summary: Some(form.summary.clone()),
        website: Some(form.website.clone()),
        contact: Some(form.contact.clone()),
        icon,
        header,
        fields: Some(form.fields.clone()),
        manually_approves_followers: Some(form.manually_approves_followers),
        discoverable: Some(form.discoverable),
    };
    match state.node.update_profile(&username, input).await {
        Ok(_) => see(&format!("/admin/profile/{username}?done=profile")),
        Err(ServiceError::Invalid(errors)) => {
            let errors = errors.into_iter().map(|e| (e.field, e.message)).collect();
            render(&state, admin, actor, form, errors).await
        }
        Err(e) => admin.fail(e),
    }
}
