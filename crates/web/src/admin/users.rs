//! Staff accounts, for admins: list, add, disable and enable.

use super::{page, see, Admin, AdminPage, Area, Fields};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use civicpub_service::ServiceError;
use civicpub_store::StaffUser;

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersView<'a> {
    page: &'a AdminPage,
    users: Vec<StaffUser>,
    name: String,
    role: String,
    errors: Vec<(String, String)>,
}

impl UsersView<'_> {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

async fn render(
    state: &AppState,
    mut admin: Admin,
    name: String,
    role: String,
    errors: Vec<(String, String)>,
) -> Response {
    admin.page.area = Area::Users;
    if let Err(res) = admin.require_admin() {
        return res;
    }
    let users = match state.node.staff_users().await {
        Ok(u) => u,
        Err(e) => return admin.fail(e),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page(
        UsersView {
            page: &admin.page,
            users,
            name,
            role,
            errors,
        },
        status,
    )
}

pub async fn list(State(state): State<AppState>, admin: Admin) -> Response {
    render(&state, admin, String::new(), "editor".into(), Vec::new()).await
}

pub async fn create(State(state): State<AppState>, admin: Admin, fields: Fields) -> Response {
    if let Err(res) = admin.check(&fields).and_then(|()| admin.require_admin()) {
        return res;
    }
    let (name, role) = (
        fields.get("name").to_string(),
        fields.get("role").to_string(),
    );
    match state
        .node
        .create_staff_user(&name, &role, fields.get("password"))
        .await
    {
        Ok(_) => see("/admin/users?done=user"),
        Err(ServiceError::Invalid(errors)) => {
            let errors = errors.into_iter().map(|e| (e.field, e.message)).collect();
            render(&state, admin, name, role, errors).await
        }
        Err(ServiceError::Conflict(m)) => {
            render(&state, admin, name, role, vec![("name".into(), m)]).await
        }
        Err(e) => admin.fail(e),
    }
}

/// Disables or enables an account.
pub async fn set_state(
    State(state): State<AppState>,
    admin: Admin,
    Path(name): Path<String>,
    fields: Fields,
) -> Response {
    if let Err(res) = admin.check(&fields).and_then(|()| admin.require_admin()) {
        return res;
    }
    let disabled = fields.get("disabled") == "true";
    if disabled && name == admin.staff().user.name {
        return admin.fail(ServiceError::Conflict(
            "you cannot disable your own account".into(),
        ));
    }
    match state.node.set_staff_disabled(&name, disabled).await {
        Ok(()) => see("/admin/users?done=user"),
        Err(e) => admin.fail(e),
    }
}
