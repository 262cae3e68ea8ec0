//! API tokens, for admins: the list (actor, scopes, made, last used; never a
//! secret), a new token (its secret shown once, on the page that answers the
//! form), and revoking one (the API refuses it from then on).

use super::content::date_time;
use super::{page, see, Admin, AdminPage, Area, Fields};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use civicpub_service::tokens::SCOPES;
use civicpub_service::ServiceError;

/// A token as the table shows it.
struct TokenRow {
    id: i64,
    actor: String,
    scopes: String,
    created: String,
    last_used: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/tokens.html")]
struct TokensView<'a> {
    page: &'a AdminPage,
    tokens: Vec<TokenRow>,
    actors: Vec<(String, String)>,
    actor: String,
    scopes: Vec<String>,
    /// The secret just made: shown this once.
    secret: Option<String>,
    errors: Vec<(String, String)>,
}

impl TokensView<'_> {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    fn scope_checked(&self, scope: impl AsRef<str>) -> &'static str {
        if self.scopes.iter().any(|s| s == scope.as_ref()) {
            " checked"
        } else {
            ""
        }
    }

    fn actor_selected(&self, a: impl AsRef<str>) -> &'static str {
        if self.actor == a.as_ref() {
            " selected"
        } else {
            ""
        }
    }

    fn all_scopes(&self) -> [&'static str; 3] {
        SCOPES
    }
}

/// The form as it was sent, and what came of it.
struct Form {
    actor: String,
    scopes: Vec<String>,
    secret: Option<String>,
    errors: Vec<(String, String)>,
}

async fn render(state: &AppState, mut admin: Admin, form: Form, status: StatusCode) -> Response {
    admin.page.area = Area::Tokens;
    if let Err(res) = admin.require_admin() {
        return res;
    }
    let node = &state.node;
    let load =
        async { Ok::<_, ServiceError>((node.tokens().await?, node.publishing_actors().await?)) };
    let (tokens, actors) = match load.await {
        Ok(v) => v,
        Err(e) => return admin.fail(e),
    };
    let p = &admin.page;
    let tokens = tokens
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            actor: t.actor,
            scopes: t
                .scopes
                .iter()
                .map(|s| p.t_of("admin-scope-", s))
                .collect::<Vec<_>>()
                .join(", "),
            created: date_time(p, t.created_at),
            last_used: t.last_used_at.map(|at| date_time(p, at)),
        })
        .collect();
    let actors: Vec<(String, String)> = actors
        .into_iter()
        .map(|a| (a.username.to_string(), a.display_name))
        .collect();
    let actor = if form.actor.is_empty() {
        actors.first().map(|a| a.0.clone()).unwrap_or_default()
    } else {
        form.actor
    };
    page(
        TokensView {
            page: p,
            tokens,
            actors,
            actor,
            scopes: form.scopes,
            secret: form.secret,
            errors: form.errors,
        },
        status,
    )
}

/// `GET /admin/tokens`
pub async fn list(State(state): State<AppState>, admin: Admin) -> Response {
    let form = Form {
        actor: String::new(),
        scopes: vec!["read".into(), "write".into()],
        secret: None,
        errors: Vec::new(),
    };
    render(&state, admin, form, StatusCode::OK).await
}

/// `POST /admin/tokens`: makes a token and shows its secret, once.
pub async fn create(State(state): State<AppState>, admin: Admin, fields: Fields) -> Response {
    if let Err(res) = admin.check(&fields).and_then(|()| admin.require_admin()) {
        return res;
    }
    let actor = fields.get("actor").to_string();
    let scopes: Vec<String> = SCOPES
        .iter()
        .filter(|s| fields.checked(&format!("scope.{s}")))
        .map(|s| s.to_string())
        .collect();
    match state.node.create_token(&actor, &scopes.join(",")).await {
        Ok(secret) => {
            let form = Form {
                actor,
                scopes: vec!["read".into(), "write".into()],
                secret: Some(secret),
                errors: Vec::new(),
            };
            render(&state, admin, form, StatusCode::CREATED).await
        }
        Err(ServiceError::Invalid(errors)) => {
            let errors = errors.into_iter().map(|e| (e.field, e.message)).collect();
            let form = Form {
                actor,
                scopes,
                secret: None,
                errors,
            };
            render(&state, admin, form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(ServiceError::NotFound(m)) => {
            let form = Form {
                actor,
                scopes,
                secret: None,
                errors: vec![("actor".into(), m)],
            };
            render(&state, admin, form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => admin.fail(e),
    }
}

/// `POST /admin/tokens/{id}/revoke`
pub async fn revoke(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<i64>,
    fields: Fields,
) -> Response {
    if let Err(res) = admin.check(&fields).and_then(|()| admin.require_admin()) {
        return res;
    }
    match state.node.revoke_token(id).await {
        Ok(()) => see("/admin/tokens?done=revoked"),
        Err(e) => admin.fail(e),
    }
}
