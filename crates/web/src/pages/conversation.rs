//! What citizens see of each other under an item or a consultation: the
//! replies, threaded; the counts of replies, likes and boosts; and "reply or
//! follow from your own server", which sends a citizen to their own server's
//! page for what they were reading.

use crate::site::Frame;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use civicpub_domain::{Comment, Moderation, Reactions};
use civicpub_i18n::Arg;
use civicpub_service::comments::LocalObject;
use civicpub_service::convert::ingest::proxied;
use civicpub_service::following::InteractionRefused;
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
/// Each comment with whether replies to it follow and how many levels end
/// after it.
fn threaded<'a>(object_uri: &str, comments: &'a [Comment]) -> Vec<(&'a Comment, bool, usize)> {
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
        out.push((c, opens, if opens { 0 } else { closes_after }));
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

fn view(site: &Frame, c: &Comment, opens: bool, closes: usize) -> ReplyView {
    let at = c.published_at.to_datetime().naive_utc();
    ReplyView {
        id: c.id,
        author_name: c.author.name.clone(),
        author_handle: c.author.handle.clone(),
        author_url: c.author.url.clone().unwrap_or_else(|| c.author.uri.clone()),
        avatar: c.author.icon.as_deref().map(proxied),
        content_html: c.content.clone(),
        lang: c.language.clone(),
        published: site.t_with(
            "time-zone",
            &[
                ("time", site.lang.date_time(at).into()),
                ("zone", "UTC".into()),
            ],
        ),
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
    pub open: bool,
    pub moderated: bool,
}

impl Conversation {
    pub async fn of(
        state: &AppState,
        site: &Frame,
        object: &LocalObject,
    ) -> Result<Self, WebError> {
        let object_url = state.base.url(&object.path()).to_string();
        let comments = state.node.comments_on(object).await?;
        let moderation = state.node.moderation(object).await?;
        Ok(Conversation {
            replies: threaded(&object_url, &comments)
                .into_iter()
                .map(|(c, opens, closes)| view(site, c, opens, closes))
                .collect(),
            reactions: state.node.reactions(object).await?,
            open: moderation != Moderation::Closed,
            moderated: moderation == Moderation::Approve,
            object_url,
        })
    }

    /// What the form to reply says, moderated or not.
    pub fn how_to_reply(&self) -> &'static str {
        if self.moderated {
            "interact-reply-moderated"
        } else {
            "interact-reply-how"
        }
    }

    /// "3 replies · 2 likes · 1 boost", in the page's language.
    pub fn counts(&self, site: &Frame) -> Vec<String> {
        let n = |id: &str, count: u64| site.t_with(id, &[("count", (count as i64).into())]);
        vec![
            n("replies-count", self.reactions.replies),
            n("likes-count", self.reactions.likes),
            n("boosts-count", self.reactions.shares),
        ]
    }
}

#[derive(Template)]
#[template(path = "interact.html")]
struct InteractPage<'a> {
    site: &'a Frame,
    target: String,
    intro: String,
    handle: &'a str,
    error: Option<String>,
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
    req: super::PageRequest,
    Query(q): Query<InteractQuery>,
) -> Result<Response, WebError> {
    let target = Url::parse(&q.uri)
        .ok()
        .filter(|u| state.base.is_local(u))
        .ok_or_else(|| WebError::bad_request("uri: not an address on this node"))?;
    let handle = q.handle.as_deref().map(str::trim).unwrap_or_default();
    let site = &req.site;
    let form = |error: Option<InteractionRefused>| -> Result<Response, WebError> {
        let esc = civicpub_domain::escape_html;
        let page = InteractPage {
            site,
            intro: site.t_html(
                "interact-intro",
                &[(
                    "page",
                    Arg::html(format!(
                        "<a href=\"{}\">{}</a>",
                        esc(target.as_str()),
                        esc(&site.t("interact-this-page"))
                    )),
                )],
            ),
            target: target.to_string(),
            handle,
            error: error.map(|e| {
                site.t(match e {
                    InteractionRefused::NotAHandle => "interact-error-handle",
                    InteractionRefused::NoAccount => "interact-error-no-account",
                    InteractionRefused::NoTemplate => "interact-error-no-template",
                    InteractionRefused::BadTemplate => "interact-error-bad-template",
                })
            }),
        };
        let status = if page.error.is_some() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        };
        let body = page.render().map_err(WebError::internal)?;
        let mut res = (status, axum::response::Html(body)).into_response();
        res.headers_mut().insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
        Ok(res)
    };
    if handle.is_empty() {
        return form(None);
    }
    match state.node.remote_interaction(handle, &target).await {
        Ok(url) => Ok(Redirect::to(url.as_str()).into_response()),
        Err(e) => form(Some(e)),
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
        let order: Vec<(i64, bool, usize)> = v.iter().map(|(c, o, n)| (c.id, *o, *n)).collect();
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
