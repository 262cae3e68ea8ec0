//! One of the node's items as a page (news, event, document), and a policy
//! document's earlier versions at their own URLs.

use super::{html, latest, ActorCard, ItemCard, PageRequest};
use crate::site::{Frame, Section};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::NaiveDate;
use civicpub_domain::{Item, ItemDetails, ItemKind};
use civicpub_i18n::Arg;
use civicpub_protocol::ACTIVITY_JSON;

/// A version of a document in its history.
pub struct RevisionRow {
    pub path: String,
    pub version: String,
    pub adopted: NaiveDate,
    pub adopted_text: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "item.html")]
struct ItemPage<'a> {
    site: &'a Frame,
    item: ItemCard,
    actor: ActorCard,
    byline: String,
    url: String,
    list_path: &'static str,
    activity_json: &'a str,
    og_image: Option<String>,
    /// (link, tag, name) of the item's other languages.
    translations: Vec<(String, String, String)>,
    revisions: Vec<RevisionRow>,
    conversation: super::conversation::Conversation,
    counts: Vec<String>,
}

/// "By <a>City</a> · Published <time>…</time> · Updated <time>…</time>",
/// in the page's language (updated only when on another day).
fn byline(site: &Frame, actor: &ActorCard, item: &ItemCard) -> String {
    let esc = civicpub_domain::escape_html;
    let author = format!(
        "<a href=\"{}\">{}</a>",
        esc(&site.link(&actor.path)),
        esc(&actor.name)
    );
    let time = |t: &civicpub_domain::Timestamp| {
        Arg::html(format!(
            "<time datetime=\"{}\">{}</time>",
            t.to_rfc3339(),
            esc(&site.date(t))
        ))
    };
    let mut parts = vec![
        site.t_html("item-by", &[("author", Arg::html(author))]),
        site.t_html("item-published", &[("date", time(&item.published))]),
    ];
    if let Some(u) = item
        .updated
        .filter(|u| site.date(u) != site.date(&item.published))
    {
        parts.push(site.t_html("item-updated", &[("date", time(&u))]));
    }
    parts.join(" · ")
}

/// The list an item belongs to.
fn list_path(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::News => "/news",
        ItemKind::Event => "/events",
        ItemKind::Document => "/documents",
    }
}

fn section(kind: ItemKind) -> Section {
    match kind {
        ItemKind::News => Section::News,
        ItemKind::Event => Section::Events,
        ItemKind::Document => Section::Documents,
    }
}

/// The page of item `id` of `kind`: 410 once deleted, 404 when there is none.
pub async fn page(
    state: &AppState,
    req: PageRequest,
    kind: ItemKind,
    id: String,
) -> Result<Response, WebError> {
    let site = req.site.clone().in_section(section(kind));
    req.render(state, || async move {
        let (item, actor) = crate::items::load(state, kind, &id).await?;
        if item.deleted_at.is_some() {
            return Err(civicpub_service::ServiceError::Gone(format!(
                "{} {id} was deleted",
                kind.as_str()
            ))
            .into());
        }
        let card =
            ItemCard::new(&site, &item).ok_or_else(|| WebError::internal("item without text"))?;
        let revisions = if item.kind == ItemKind::Document {
            revision_rows(state, &site, &item).await?
        } else {
            Vec::new()
        };
        let actor = ActorCard::new(state, &actor);
        let conversation = super::conversation::Conversation::of(
            state,
            &site,
            &civicpub_service::comments::LocalObject::Item(Box::new(item.clone())),
        )
        .await?;
        let counts = conversation.counts(&site);
        let translations = card
            .languages
            .iter()
            .filter(|l| **l != card.lang)
            .map(|l| {
                (
                    format!("{}?lang={l}", item.path()),
                    l.clone(),
                    super::language_name(l),
                )
            })
            .collect();
        let page = ItemPage {
            site: &site,
            byline: byline(&site, &actor, &card),
            url: state.base.url(&item.path()).to_string(),
            list_path: list_path(item.kind),
            og_image: card
                .hero
                .as_ref()
                .map(|(p, _)| state.base.url(p).to_string()),
            actor,
            activity_json: ACTIVITY_JSON,
            translations,
            revisions,
            conversation,
            counts,
            item: card,
        };
        // Replies and reactions change the page without changing the item:
        // the ETag alone says whether it changed.
        html(page, None)
    })
    .await
}

async fn revision_rows(
    state: &AppState,
    site: &Frame,
    item: &Item,
) -> Result<Vec<RevisionRow>, WebError> {
    let revisions = state.store.revisions(item.id).await?;
    let last = revisions.last().map(|r| r.number);
    // Newest first, as a history is read.
    Ok(revisions
        .iter()
        .rev()
        .filter_map(|r| match &r.draft.details {
            ItemDetails::Document(d) => Some(RevisionRow {
                path: format!("{}/versions/{}", item.path(), r.number),
                version: d.version.clone(),
                adopted: d.adopted_on,
                adopted_text: site.lang.date(d.adopted_on),
                current: Some(r.number) == last,
            }),
            _ => None,
        })
        .collect())
}

#[derive(Template)]
#[template(path = "revision.html")]
struct RevisionPage<'a> {
    site: &'a Frame,
    item: ItemCard,
    number: i64,
    current_path: String,
    intro: String,
}

/// `/documents/{id}/versions/{n}`: one version of a policy document, readable
/// for good at its own URL.
pub async fn revision(
    State(state): State<AppState>,
    Path((id, number)): Path<(String, String)>,
    req: PageRequest,
) -> Result<Response, WebError> {
    let (item, _) = crate::items::load(&state, ItemKind::Document, &id).await?;
    if item.deleted_at.is_some() {
        return Err(
            civicpub_service::ServiceError::Gone(format!("document {id} was deleted")).into(),
        );
    }
    let not_found = || WebError::not_found(format!("document {id} has no version {number}"));
    let n: i64 = number.parse().map_err(|_| not_found())?;
    let rev = state
        .store
        .revisions(item.id)
        .await?
        .into_iter()
        .find(|r| r.number == n)
        .ok_or_else(not_found)?;
    let site = req.site.clone().in_section(Section::Documents);
    req.render(&state, || async move {
        let as_item = Item {
            draft: Some(rev.draft.clone()),
            ..item.clone()
        };
        let card = ItemCard::new(&site, &as_item)
            .ok_or_else(|| WebError::internal("revision without text"))?;
        let version = card
            .document
            .as_ref()
            .map(|d| d.version.clone())
            .unwrap_or_default();
        let date = card
            .document
            .as_ref()
            .map(|d| d.adopted_text.clone())
            .unwrap_or_default();
        let intro = site.t_html(
            "document-revision-of",
            &[
                ("number", version.as_str().into()),
                (
                    "document",
                    Arg::html(format!(
                        "<a href=\"{}\">{}</a>",
                        civicpub_domain::escape_html(&site.link(&item.path())),
                        civicpub_domain::escape_html(&site.t("document-this-document"))
                    )),
                ),
                ("date", date.as_str().into()),
            ],
        );
        html(
            RevisionPage {
                site: &site,
                current_path: item.path(),
                item: card,
                number: n,
                intro,
            },
            latest(&site, [rev.created_at]),
        )
    })
    .await
}
