//! `/api/v1/comments`, `/api/v1/messages`, `/api/v1/reports`,
//! `/api/v1/blocks` and `/api/v1/moderation`: citizens' replies and what staff
//! decide about them.

use super::{Api, Body};
use crate::{AppState, WebError};
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    Json,
};
use civicpub_domain::{Comment, CommentState, Commentable, Report};
use serde::{Deserialize, Serialize};

/// Who wrote a comment.
#[derive(Serialize)]
pub struct AuthorView {
    pub uri: String,
    pub handle: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A reply or a message as the API shows it.
#[derive(Serialize)]
pub struct CommentView {
    pub id: i64,
    pub uri: String,
    /// The node's object it belongs to; absent for a message to the city.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_reply_to: Option<String>,
    pub author: AuthorView,
    /// Sanitized HTML.
    pub content: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Its page where it was written.
    pub link: String,
    pub state: &'static str,
    pub to_editors: bool,
    pub published: String,
    pub received: String,
}

impl From<&Comment> for CommentView {
    fn from(c: &Comment) -> Self {
        CommentView {
            id: c.id,
            uri: c.uri.clone(),
            object: c.object_uri.clone(),
            in_reply_to: c.in_reply_to.clone(),
            author: AuthorView {
                uri: c.author.uri.clone(),
                handle: c.author.handle.clone(),
                name: c.author.name.clone(),
                url: c.author.url.clone(),
            },
            content: c.content.clone(),
            language: c.language.clone(),
            link: c.link().to_string(),
            state: c.state.as_str(),
            to_editors: c.to_editors,
            published: c.published_at.to_rfc3339(),
            received: c.received_at.to_rfc3339(),
        }
    }
}

#[derive(Serialize)]
pub struct CommentList {
    pub comments: Vec<CommentView>,
}

#[derive(Deserialize)]
pub struct CommentQuery {
    state: Option<String>,
    limit: Option<u32>,
}

/// `GET /api/v1/comments?state=pending`: the moderation queue (or the comments
/// in another state), oldest first.
pub async fn comments(
    State(state): State<AppState>,
    Api(caller): Api,
    Query(q): Query<CommentQuery>,
) -> Result<Json<CommentList>, WebError> {
    caller.require("read")?;
    let wanted = q.state.as_deref().unwrap_or("pending");
    let wanted = CommentState::parse(wanted).ok_or_else(|| {
        WebError::bad_request(format!(
            "state: '{wanted}' is not pending, approved, rejected or private"
        ))
    })?;
    let limit = q.limit.unwrap_or(100).min(1000);
    let list = state.store.comments_in_state(wanted, limit).await?;
    Ok(Json(CommentList {
        comments: list.iter().map(CommentView::from).collect(),
    }))
}

/// What a moderation action did.
#[derive(Serialize)]
pub struct Decided {
    pub comment: i64,
    pub action: String,
    /// The account or domain blocked, for the block actions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocked: Option<String>,
}

/// `POST /api/v1/comments/{id}/{approve|reject|block-author|block-domain}`.
/// Blocking a domain takes the `admin` scope.
pub async fn decide(
    State(state): State<AppState>,
    Api(caller): Api,
    Path((id, action)): Path<(i64, String)>,
) -> Result<Json<Decided>, WebError> {
    let blocked = match action.as_str() {
        "approve" => {
            caller.require("write")?;
            state.node.approve_comment(id).await?;
            None
        }
        "reject" => {
            caller.require("write")?;
            state.node.reject_comment(id).await?;
            None
        }
        "block-author" => {
            caller.require("write")?;
            Some(state.node.block_author(id).await?)
        }
        "block-domain" => {
            caller.require("admin")?;
            Some(state.node.block_author_domain(id).await?)
        }
        other => return Err(WebError::not_found(format!("no action '{other}'"))),
    };
    Ok(Json(Decided {
        comment: id,
        action,
        blocked,
    }))
}

#[derive(Deserialize)]
pub struct Limit {
    limit: Option<u32>,
}

/// `GET /api/v1/messages`: replies that mention the city and posts addressed
/// to it, newest first.
pub async fn messages(
    State(state): State<AppState>,
    Api(caller): Api,
    Query(q): Query<Limit>,
) -> Result<Json<CommentList>, WebError> {
    caller.require("read")?;
    let list = state
        .node
        .editors_inbox(q.limit.unwrap_or(50).min(1000))
        .await?;
    Ok(Json(CommentList {
        comments: list.iter().map(CommentView::from).collect(),
    }))
}

/// A report as the API shows it.
#[derive(Serialize)]
pub struct ReportView {
    pub id: i64,
    pub activity: String,
    pub actor: String,
    pub comment: String,
    pub objects: Vec<String>,
    pub state: &'static str,
    pub received: String,
}

impl From<&Report> for ReportView {
    fn from(r: &Report) -> Self {
        ReportView {
            id: r.id,
            activity: r.activity_id.clone(),
            actor: r.actor_uri.clone(),
            comment: r.comment.clone(),
            objects: r.objects.clone(),
            state: r.state.as_str(),
            received: r.received_at.to_rfc3339(),
        }
    }
}

#[derive(Serialize)]
pub struct ReportList {
    pub reports: Vec<ReportView>,
}

#[derive(Deserialize)]
pub struct ReportQuery {
    resolved: Option<bool>,
}

/// `GET /api/v1/reports?resolved=false`: reports from other servers, oldest first.
pub async fn reports(
    State(state): State<AppState>,
    Api(caller): Api,
    Query(q): Query<ReportQuery>,
) -> Result<Json<ReportList>, WebError> {
    caller.require("read")?;
    let list = state
        .node
        .reports(q.resolved.unwrap_or(false), 1000)
        .await?;
    Ok(Json(ReportList {
        reports: list.iter().map(ReportView::from).collect(),
    }))
}

/// `POST /api/v1/reports/{id}/resolve`.
pub async fn resolve(
    State(state): State<AppState>,
    Api(caller): Api,
    Path(id): Path<i64>,
) -> Result<StatusCode, WebError> {
    caller.require("write")?;
    state.node.resolve_report(id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize)]
pub struct BlockView {
    pub account: String,
    pub since: String,
}

#[derive(Serialize)]
pub struct BlockList {
    pub blocks: Vec<BlockView>,
}

/// `GET /api/v1/blocks`: blocked accounts.
pub async fn blocks(
    State(state): State<AppState>,
    Api(caller): Api,
) -> Result<Json<BlockList>, WebError> {
    caller.require("read")?;
    let list = state.store.blocked_accounts().await?;
    Ok(Json(BlockList {
        blocks: list
            .into_iter()
            .map(|(account, since)| BlockView {
                account,
                since: since.to_rfc3339(),
            })
            .collect(),
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    account: String,
}

#[derive(Serialize)]
pub struct Blocked {
    pub account: String,
}

/// `POST /api/v1/blocks` with `{"account": "@user@host" | "<actor id>"}`.
pub async fn block(
    State(state): State<AppState>,
    Api(caller): Api,
    Body(a): Body<Account>,
) -> Result<(StatusCode, Json<Blocked>), WebError> {
    caller.require("write")?;
    let account = state.node.block_account(&a.account).await?;
    Ok((StatusCode::CREATED, Json(Blocked { account })))
}

/// `DELETE /api/v1/blocks` with `{"account": …}`.
pub async fn unblock(
    State(state): State<AppState>,
    Api(caller): Api,
    Body(a): Body<Account>,
) -> Result<StatusCode, WebError> {
    caller.require("write")?;
    state.node.unblock_account(&a.account).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// How replies are moderated for each kind.
#[derive(Serialize)]
pub struct Defaults {
    pub news: &'static str,
    pub event: &'static str,
    pub document: &'static str,
    pub consultation: &'static str,
}

/// `GET /api/v1/moderation`.
pub async fn defaults(
    State(state): State<AppState>,
    Api(caller): Api,
) -> Result<Json<Defaults>, WebError> {
    caller.require("read")?;
    let of = |k| state.node.default_moderation(k);
    Ok(Json(Defaults {
        news: of(Commentable::News).await?.as_str(),
        event: of(Commentable::Event).await?.as_str(),
        document: of(Commentable::Document).await?.as_str(),
        consultation: of(Commentable::Consultation).await?.as_str(),
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setting {
    moderation: String,
}

#[derive(Serialize)]
pub struct ModerationView {
    pub moderation: &'static str,
}

/// `PUT /api/v1/moderation/{kind}` with `{"moderation": "open" | "approve" | "closed"}`.
pub async fn set_default(
    State(state): State<AppState>,
    Api(caller): Api,
    Path(kind): Path<String>,
    Body(s): Body<Setting>,
) -> Result<Json<ModerationView>, WebError> {
    caller.require("admin")?;
    let m = state
        .node
        .set_default_moderation(&kind, &s.moderation)
        .await?;
    Ok(Json(ModerationView {
        moderation: m.as_str(),
    }))
}

/// `PUT /api/v1/moderation/{kind}/{id}` with `{"moderation": … | "default"}`:
/// how replies to one object are moderated.
pub async fn set_for_object(
    State(state): State<AppState>,
    Api(caller): Api,
    Path((kind, id)): Path<(String, i64)>,
    Body(s): Body<Setting>,
) -> Result<Json<ModerationView>, WebError> {
    caller.require("write")?;
    let object = state.node.commentable(&kind, id).await?;
    let m = state.node.set_moderation(&object, &s.moderation).await?;
    Ok(Json(ModerationView {
        moderation: m.as_str(),
    }))
}
