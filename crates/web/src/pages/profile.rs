//! An account's public page: who it is, how to follow it, its pinned items
//! and what it published.

use super::lists::{PageChoice, Pager};
use super::{html, latest, ActorCard, ItemCard, PageRequest};
use crate::site::Frame;
use crate::{AppState, WebError};
use askama::Template;
use axum::response::Response;
use civicpub_domain::LocalActor;
use civicpub_i18n::Arg;
use civicpub_protocol::ACTIVITY_JSON;

/// Items on one page of an account's list.
const PAGE_SIZE: i64 = 12;

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage<'a> {
    site: &'a Frame,
    actor: ActorCard,
    actor_id: String,
    /// (label, value as HTML) of the profile's fields.
    fields: Vec<(String, String)>,
    followers: String,
    follow_how: String,
    activity_json: &'a str,
    og_image: Option<String>,
    pinned: Vec<ItemCard>,
    items: Vec<ItemCard>,
    pager: Pager,
}

pub async fn page(
    state: &AppState,
    req: PageRequest,
    p: PageChoice,
    actor: LocalActor,
) -> Result<Response, WebError> {
    let (before, number) = p.read()?;
    let site = req.site.clone();
    req.render(state, || async move {
        let doc = civicpub_service::convert::actor::actor_document(&state.base, &actor);
        let fields = doc
            .property_values()
            .map(|p| {
                // Website and contact are named in the page's language; the
                // actor's own fields by the name it gave them.
                let label = match p.name.as_str() {
                    "Website" => site.t("profile-website"),
                    "Contact" => site.t("profile-contact"),
                    own => own.to_string(),
                };
                (label, p.value.clone())
            })
            .collect();
        let followers = state.store.count_followers(actor.id).await?;
        let pinned = state.store.pinned_items(actor.id).await?;
        let items = state
            .store
            .items(None, Some(actor.id), before, PAGE_SIZE)
            .await?;
        let card = ActorCard::new(state, &actor);
        let handle = format!(
            "<strong class=\"handle-copy\">{}</strong>",
            civicpub_domain::escape_html(&card.handle)
        );
        let modified = latest(
            &site,
            items
                .iter()
                .chain(&pinned)
                .map(|i| i.updated_at)
                .chain([actor.updated_at]),
        );
        let path = card.path.clone();
        html(
            ProfilePage {
                follow_how: site.t_html("profile-follow-how", &[("handle", Arg::html(handle))]),
                followers: site.t_with("profile-followers", &[("count", followers.into())]),
                actor_id: doc.id.to_string(),
                fields,
                activity_json: ACTIVITY_JSON,
                og_image: actor
                    .icon
                    .as_ref()
                    .map(|m| state.base.url(&m.path()).to_string()),
                pinned: pinned
                    .iter()
                    .filter_map(|i| ItemCard::new(&site, i))
                    .collect(),
                pager: Pager::new(&site, &path, number, &items, PAGE_SIZE),
                items: items
                    .iter()
                    .filter_map(|i| ItemCard::new(&site, i))
                    .collect(),
                actor: card,
                site: &site,
            },
            modified,
        )
    })
    .await
}
