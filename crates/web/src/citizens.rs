//! What citizens see of each other on the node's pages: replies threaded under
//! an item or a consultation, the counts of likes and boosts, a consultation's
//! results, and "reply or follow from your own server".

use crate::pages::{self, page, ActorCard, LangQuery};
use crate::{AppState, WebError};
use askama::Template;
use axum::{
    extract::{Query, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use civicpub_domain::{Comment, Consultation, LocalActor, Reactions};
use civicpub_protocol::ACTIVITY_JSON;
use civicpub_service::comments::LocalObject;
use civicpub_service::convert::ingest::proxied;
use civicpub_service::convert::item_body_html;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use url::Url;

/// A reply as the page shows it, in thread order.
pub struct ReplyView {
    pub id: i64,
    pub author_name: String,
    pub author_handle: String,
    pub author_url: String,
    pub avatar: Option<String>,
    pub content_html: String,
    pub lang: Option<String>,
    pub published: String,
    pub published_iso: String,
    pub link: String,
    /// Replies to it follow, one level deeper.
    pub opens: bool,
    /// How many levels end after it.
    pub closes: usize,
}

/// Replies in thread order: each thread (a reply to the object, or to a reply
/// that is not shown) in the order it began, newest thread last; under each
/// reply, the replies to it, in the same order.
pub fn threaded(object_uri: &str, comments: &[Comment]) -> Vec<ReplyView> {
    let shown: HashSet<&str> = comments.iter().map(|c| c.uri.as_str()).collect();
    let mut children: HashMap<&str, Vec<&Comment>> = HashMap::new();
    let mut roots = Vec::new();
    for c in comments {
        match c.in_reply_to.as_deref() {
            Some(parent) if parent != object_uri && shown.contains(parent) && parent != c.uri => {
                children.entry(parent).or_default().push(c)
            }
            _ => roots.push(c),
        }
    }
    let mut out = Vec::new();
    // Depth first, without recursion: (comment, levels that end after it).
    let mut stack: Vec<(&Comment, usize)> = roots.iter().rev().map(|c| (*c, 0)).collect();
    let mut seen = HashSet::new();
    while let Some((c, closes_after)) = stack.pop() {
        if !seen.insert(c.uri.as_str()) {
            continue;
        }
        let kids = children.get(c.uri.as_str()).cloned().unwrap_or_default();
        let opens = !kids.is_empty();
        out.push(view(c, opens, if opens { 0 } else { closes_after }));
        for (i, k) in kids.iter().enumerate().rev() {
            // The last child closes this level (and whatever closed after us).
            let closes = if i == kids.len() - 1 {
                closes_after + 1
            } else {
                0
            };
            stack.push((k, closes));
        }
    }
    out
}

fn view(c: &Comment, opens: bool, closes: usize) -> ReplyView {
    let at = c.published_at.to_datetime();
    ReplyView {
        id: c.id,
        author_name: c.author.name.clone(),
        author_handle: c.author.handle.clone(),
        author_url: c.author.url.clone().unwrap_or_else(|| c.author.uri.clone()),
        avatar: c.author.icon.as_deref().map(proxied),
        content_html: c.content.clone(),
        lang: c.language.clone(),
        published: at.format("%-d %B %Y, %H:%M UTC").to_string(),
        published_iso: c.published_at.to_rfc3339(),
        link: c.link().to_string(),
        opens,
        closes,
    }
}

/// The replies, counts and "reply from your server" part of an object's page.
pub struct Conversation {
    pub object_url: String,
    pub replies: Vec<ReplyView>,
    pub reactions: Reactions,
    pub moderation: &'static str,
}

impl Conversation {
    pub async fn of(state: &AppState, object: &LocalObject) -> Result<Self, WebError> {
        let object_url = state.base.url(&object.path()).to_string();
        let comments = state.node.comments_on(object).await?;
        Ok(Conversation {
            replies: threaded(&object_url, &comments),
            reactions: state.node.reactions(object).await?,
            moderation: state.node.moderation(object).await?.as_str(),
            object_url,
        })
    }
}

/// A consultation's option with its result.
pub struct OptionView {
    pub name: String,
    pub votes: u64,
    pub percent: u64,
}

#[derive(Template)]
#[template(path = "consultation.html")]
struct ConsultationPage<'a> {
    lang: &'a str,
    node_name: &'a str,
    actor: ActorCard,
    url: String,
    path: String,
    activity_json: &'a str,
    question: String,
    body_html: String,
    languages: Vec<String>,
    options: Vec<OptionView>,
    multiple: bool,
    voters: u64,
    votes: u64,
    closed: bool,
    ends: String,
    ends_iso: String,
    published: String,
    conversation: Conversation,
}

pub async fn consultation_page(
    state: &AppState,
    headers: &HeaderMap,
    q: &LangQuery,
    actor: &LocalActor,
    c: &Consultation,
) -> Result<Response, WebError> {
    let draft = c
        .draft
        .as_ref()
        .ok_or_else(|| WebError::internal("live consultation without content"))?;
    let languages: Vec<String> = draft.texts.iter().map(|t| t.lang.clone()).collect();
    let lang = pages::pick_language(headers, q, &languages);
    let text = draft
        .texts
        .iter()
        .find(|t| t.lang == lang)
        .unwrap_or_else(|| draft.main());
    let tally = state.node.tally(c).await?;
    let conversation = Conversation::of(state, &LocalObject::Consultation(c.clone())).await?;
    page(ConsultationPage {
        lang: &text.lang,
        node_name: &state.site.node_name,
        actor: ActorCard::new(state, actor),
        url: state.base.url(&c.path()).to_string(),
        path: c.path(),
        activity_json: ACTIVITY_JSON,
        question: text.question.clone(),
        body_html: item_body_html(&text.body, &state.base),
        languages,
        options: text
            .options
            .iter()
            .enumerate()
            .map(|(i, name)| OptionView {
                name: name.clone(),
                votes: tally.votes.get(i).copied().unwrap_or(0),
                percent: tally.percent(i),
            })
            .collect(),
        multiple: draft.multiple,
        voters: tally.voters,
        votes: tally.total(),
        closed: c.closed_at(civicpub_domain::Timestamp::now()),
        ends: draft
            .ends_at
            .to_datetime()
            .format("%-d %B %Y, %H:%M UTC")
            .to_string(),
        ends_iso: draft.ends_at.to_rfc3339(),
        published: c.published_at.to_datetime().format("%-d %B %Y").to_string(),
        conversation,
    })
}

/// A consultation in the list.
pub struct ConsultationRow {
    pub path: String,
    pub question: String,
    pub lang: String,
    pub voters: u64,
    pub closed: bool,
    pub ends: String,
}

#[derive(Template)]
#[template(path = "consultations.html")]
struct ConsultationsPage<'a> {
    lang: &'a str,
    node_name: &'a str,
    creator: &'a str,
    open: Vec<ConsultationRow>,
    ended: Vec<ConsultationRow>,
}

/// `/consultations`: open ones first, then those that ended.
pub async fn consultations(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Result<Response, WebError> {
    let now = civicpub_domain::Timestamp::now();
    let mut open = Vec::new();
    let mut ended = Vec::new();
    for c in state.node.consultations(200).await? {
        let Some(draft) = &c.draft else { continue };
        let languages: Vec<String> = draft.texts.iter().map(|t| t.lang.clone()).collect();
        let lang = pages::pick_language(&headers, &q, &languages);
        let text = draft
            .texts
            .iter()
            .find(|t| t.lang == lang)
            .unwrap_or_else(|| draft.main());
        let row = ConsultationRow {
            path: c.path(),
            question: text.question.clone(),
            lang: text.lang.clone(),
            voters: state.node.tally(&c).await?.voters,
            closed: c.closed_at(now),
            ends: draft.ends_at.to_datetime().format("%-d %B %Y").to_string(),
        };
        if row.closed {
            ended.push(row);
        } else {
            open.push(row);
        }
    }
    page(ConsultationsPage {
        lang: &state.site.language,
        node_name: &state.site.node_name,
        creator: &state.site.creator,
        open,
        ended,
    })
}

#[derive(Template)]
#[template(path = "interact.html")]
struct InteractPage<'a> {
    lang: &'a str,
    node_name: &'a str,
    creator: &'a str,
    target: String,
    handle: &'a str,
    error: Option<&'a str>,
}

#[derive(Deserialize)]
pub struct InteractQuery {
    /// What the citizen wants to reply to or follow: an object or actor of this node.
    uri: String,
    /// Their account, `@user@server`.
    handle: Option<String>,
}

/// `GET /interact?uri=…&handle=…`: sends the citizen to their own server's page
/// for `uri` (where they reply, vote or follow), found through WebFinger's
/// subscribe template. Without a handle, or when it cannot be used, the form
/// again, saying why.
pub async fn interact(
    State(state): State<AppState>,
    Query(q): Query<InteractQuery>,
) -> Result<Response, WebError> {
    let target = Url::parse(&q.uri)
        .ok()
        .filter(|u| state.base.is_local(u))
        .ok_or_else(|| WebError::bad_request("uri: not an address on this node"))?;
    let handle = q.handle.as_deref().map(str::trim).unwrap_or_default();
    let form = |error: Option<&str>| {
        page(InteractPage {
            lang: &state.site.language,
            node_name: &state.site.node_name,
            creator: &state.site.creator,
            target: target.to_string(),
            handle,
            error,
        })
    };
    if handle.is_empty() {
        return form(None);
    }
    match state.node.remote_interaction(handle, &target).await {
        Ok(url) => Ok(Redirect::to(url.as_str()).into_response()),
        Err(e) => {
            let why = match &e {
                civicpub_service::ServiceError::Invalid(problems) => problems
                    .iter()
                    .map(|p| p.message.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
                other => other.to_string(),
            };
            let mut res = form(Some(&why))?;
            *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use civicpub_domain::{Author, CommentState, Timestamp};

    fn comment(id: i64, uri: &str, parent: &str, at: i64) -> Comment {
        Comment {
            id,
            uri: uri.into(),
            object_uri: Some("https://city.example/news/1".into()),
            in_reply_to: Some(parent.into()),
            author: Author {
                uri: "https://m.example/users/a".into(),
                host: "m.example".into(),
                handle: "@a@m.example".into(),
                name: "A".into(),
                url: None,
                icon: None,
            },
            content: "<p>x</p>".into(),
            language: None,
            url: None,
            to_editors: false,
            state: CommentState::Approved,
            published_at: Timestamp(at),
            updated_at: Timestamp(at),
            received_at: Timestamp(at),
        }
    }

    #[test]
    fn replies_thread_under_what_they_answer() {
        let object = "https://city.example/news/1";
        let comments = vec![
            comment(1, "r1", object, 1),
            comment(2, "r2", object, 2),
            comment(3, "r1a", "r1", 3),
            comment(4, "r1a-i", "r1a", 4),
            comment(5, "r1b", "r1", 5),
            comment(6, "orphan", "https://elsewhere.example/gone", 6),
        ];
        let v = threaded(object, &comments);
        let order: Vec<(i64, bool, usize)> = v.iter().map(|r| (r.id, r.opens, r.closes)).collect();
        assert_eq!(
            order,
            vec![
                (1, true, 0),
                (3, true, 0),
                (4, false, 1),
                (5, false, 1),
                (2, false, 0),
                (6, false, 0),
            ]
        );
    }
}
