//! Moderation: replies awaiting a decision (approve, reject, block the
//! author), reports from other servers, the editors' inbox (posts that
//! mention the city or are addressed to it), the blocked servers and accounts
//! (the federation policy's blocks; unblocking a server is on the network
//! page), and the consultations with their results.

use super::content::date_time;
use super::{page, see, Admin, AdminPage, Area, Fields};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use civicpub_domain::{Comment, DomainRule, Report};
use civicpub_service::ServiceError;

/// A consultation as the list shows it.
struct ConsultationRow {
    id: i64,
    question: String,
    ends: String,
    votes: u64,
}

#[derive(Template)]
#[template(path = "admin/moderation.html")]
struct ModerationView<'a> {
    page: &'a AdminPage,
    queue: Vec<(Comment, String)>,
    reports: Vec<(Report, String)>,
    inbox: Vec<(Comment, String)>,
    /// The policy's mode (`open`, `blocklist`, `allowlist`).
    mode: String,
    blocked_domains: Vec<String>,
    blocked_accounts: Vec<(String, String)>,
    consultations: Vec<ConsultationRow>,
}

pub async fn queue(State(state): State<AppState>, mut admin: Admin) -> Response {
    admin.page.area = Area::Moderation;
    let node = &state.node;
    let load = async {
        let queue = node.moderation_queue(100).await?;
        let reports = node.reports(false, 100).await?;
        let inbox = node.editors_inbox(50).await?;
        let policy = node.federation_policy().await?;
        let accounts = node.blocked_accounts().await?;
        let mut consultations = Vec::new();
        for c in node.consultations(50).await? {
            let Some(draft) = &c.draft else { continue };
            let tally = node.tally(&c).await?;
            consultations.push((c.id, draft.clone(), tally.voters));
        }
        Ok::<_, ServiceError>((queue, reports, inbox, policy, accounts, consultations))
    };
    let (queue, reports, inbox, policy, accounts, consultations) = match load.await {
        Ok(v) => v,
        Err(e) => return admin.fail(e),
    };
    let p = &admin.page;
    page(
        ModerationView {
            page: p,
            queue: queue
                .into_iter()
                .map(|c| {
                    let when = date_time(p, c.received_at);
                    (c, when)
                })
                .collect(),
            reports: reports
                .into_iter()
                .map(|r| {
                    let when = date_time(p, r.received_at);
                    (r, when)
                })
                .collect(),
            inbox: inbox
                .into_iter()
                .map(|c| {
                    let when = date_time(p, c.received_at);
                    (c, when)
                })
                .collect(),
            mode: policy.mode.as_str().to_string(),
            blocked_domains: policy
                .rules
                .iter()
                .filter(|(_, r)| **r == DomainRule::Block)
                .map(|(d, _)| d.clone())
                .collect(),
            blocked_accounts: accounts
                .into_iter()
                .map(|(uri, at)| (uri, date_time(p, at)))
                .collect(),
            consultations: consultations
                .into_iter()
                .map(|(id, d, voters)| ConsultationRow {
                    id,
                    question: d
                        .texts
                        .first()
                        .map(|t| t.question.clone())
                        .unwrap_or_default(),
                    ends: date_time(p, d.ends_at),
                    votes: voters,
                })
                .collect(),
        },
        StatusCode::OK,
    )
}

/// Approve, reject, or block the author of a reply.
pub async fn decide(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<i64>,
    fields: Fields,
) -> Response {
    if let Err(res) = admin.check(&fields) {
        return res;
    }
    let node = &state.node;
    let done = match fields.get("action") {
        "approve" => node.approve_comment(id).await.map(|_| ()),
        "reject" => node.reject_comment(id).await.map(|_| ()),
        "block" => node.block_author(id).await.map(|_| ()),
        other => Err(ServiceError::field(
            "action",
            format!("'{other}' is not approve, reject or block"),
        )),
    };
    match done {
        Ok(()) => see("/admin/moderation?done=decided"),
        Err(e) => admin.fail(e),
    }
}

pub async fn resolve(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<i64>,
    fields: Fields,
) -> Response {
    if let Err(res) = admin.check(&fields) {
        return res;
    }
    match state.node.resolve_report(id).await {
        Ok(()) => see("/admin/moderation?done=decided"),
        Err(e) => admin.fail(e),
    }
}
