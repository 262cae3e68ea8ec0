//! The network page: follow and unfollow by handle, follow requests to
//! approve or reject, followers and following, the federation policy (admins
//! change it), and how delivery goes to each server.

use super::content::date_time;
use super::{page, see, Admin, AdminPage, Area, Fields};
use crate::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use civicpub_service::ServiceError;
use civicpub_store::{Follower, Following, QueueStats};

#[derive(Template)]
#[template(path = "admin/network.html")]
struct NetworkView<'a> {
    page: &'a AdminPage,
    requests: Vec<Follower>,
    followers: Vec<Follower>,
    following: Vec<Following>,
    mode: String,
    rules: Vec<(String, String)>,
    stats: QueueStats,
    paused: Vec<(String, String)>,
    handle: String,
    error: Option<String>,
}

impl NetworkView<'_> {
    fn mode_checked(&self, mode: &str) -> &'static str {
        if self.mode == mode {
            " checked"
        } else {
            ""
        }
    }
}

async fn render(
    state: &AppState,
    mut admin: Admin,
    handle: String,
    error: Option<String>,
) -> Response {
    admin.page.area = Area::Network;
    let node = &state.node;
    let load = async {
        let city = node.actor_or_city(None).await?;
        let requests = node.followers(&city, false).await?;
        let followers = node.followers(&city, true).await?;
        let following = node.following(&city).await?;
        let policy = node.federation_policy().await?;
        let stats = state.store.queue_stats().await?;
        Ok::<_, ServiceError>((requests, followers, following, policy, stats))
    };
    let (requests, followers, following, policy, stats) = match load.await {
        Ok(v) => v,
        Err(e) => return admin.fail(e),
    };
    let p = &admin.page;
    let paused = stats
        .paused
        .iter()
        .map(|(h, t)| (h.clone(), date_time(p, *t)))
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page(
        NetworkView {
            page: p,
            requests,
            followers,
            following,
            mode: policy.mode.as_str().to_string(),
            rules: policy
                .rules
                .iter()
                .map(|(d, r)| (d.clone(), r.as_str().to_string()))
                .collect(),
            stats,
            paused,
            handle,
            error,
        },
        status,
    )
}

pub async fn overview(state: State<AppState>, admin: Admin) -> Response {
    render(&state, admin, String::new(), None).await
}

pub async fn follow(State(state): State<AppState>, admin: Admin, fields: Fields) -> Response {
    if let Err(res) = admin.check(&fields) {
        return res;
    }
    let handle = fields.get("handle").trim().to_string();
    let node = &state.node;
    let done = async {
        let city = node.actor_or_city(None).await?;
        let remote = node.follow(&city, &handle).await?;
        let _ = node
            .catch_up(&remote, civicpub_service::network::CATCH_UP_ITEMS)
            .await;
        Ok::<_, ServiceError>(())
    };
    match done.await {
        Ok(()) => see("/admin/network?done=followed"),
        Err(
            e @ (ServiceError::Invalid(_)
            | ServiceError::BadRequest(_)
            | ServiceError::NotFound(_)
            | ServiceError::Unavailable(_)
            | ServiceError::Conflict(_)
            | ServiceError::Forbidden(_)),
        ) => {
            let message = match e {
                ServiceError::Invalid(errs) => errs
                    .iter()
                    .map(|e| e.message.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
                other => other.to_string(),
            };
            render(&state, admin, handle, Some(message)).await
        }
        Err(e) => admin.fail(e),
    }
}

pub async fn unfollow(State(state): State<AppState>, admin: Admin, fields: Fields) -> Response {
    if let Err(res) = admin.check(&fields) {
        return res;
    }
    let node = &state.node;
    let done = async {
        let city = node.actor_or_city(None).await?;
        node.unfollow(&city, fields.get("account")).await
    };
    match done.await {
        Ok(()) => see("/admin/network?done=unfollowed"),
        Err(e) => admin.fail(e),
    }
}

/// Approves or rejects a follow request.
pub async fn decide(State(state): State<AppState>, admin: Admin, fields: Fields) -> Response {
    if let Err(res) = admin.check(&fields) {
        return res;
    }
    let approve = match fields.get("verdict") {
        "approve" => true,
        "reject" => false,
        other => {
            return admin.fail(ServiceError::field(
                "verdict",
                format!("'{other}' is not approve or reject"),
            ))
        }
    };
    let node = &state.node;
    let done = async {
        let city = node.actor_or_city(None).await?;
        node.decide_follow_request(&city, fields.get("follower"), approve)
            .await
    };
    match done.await {
        Ok(_) => see("/admin/network?done=decided"),
        Err(e) => admin.fail(e),
    }
}

/// Admins: the federation mode, and a domain listed or taken off the lists.
pub async fn federation(State(state): State<AppState>, admin: Admin, fields: Fields) -> Response {
    if let Err(res) = admin.check(&fields) {
        return res;
    }
    if let Err(res) = admin.require_admin() {
        return res;
    }
    let node = &state.node;
    let done = match fields.get("change") {
        "mode" => node
            .set_federation_mode(fields.get("mode"))
            .await
            .map(|_| ()),
        "list" => node
            .set_domain_rule(fields.get("domain"), fields.get("rule"))
            .await
            .map(|_| ()),
        "unlist" => node
            .remove_domain_rule(fields.get("domain"))
            .await
            .map(|_| ()),
        other => Err(ServiceError::field(
            "change",
            format!("'{other}' is not mode, list or unlist"),
        )),
    };
    match done {
        Ok(()) => see("/admin/network?done=policy"),
        Err(e) => admin.fail(e),
    }
}
