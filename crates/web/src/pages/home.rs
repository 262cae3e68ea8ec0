//! The home page: the newest news as cards with their pictures, the coming
//! events by date, the policy documents (pinned ones first), and the accounts
//! to follow.

use super::{html, latest, ActorCard, ItemCard, PageRequest};
use crate::site::{Frame, Section};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use civicpub_domain::{Item, ItemKind, Timestamp};

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    site: &'a Frame,
    city: Option<ActorCard>,
    description: Option<String>,
    og_image: Option<String>,
    actors: Vec<ActorCard>,
    news: Vec<ItemCard>,
    events: Vec<ItemCard>,
    documents: Vec<ItemCard>,
}

pub async fn home(State(state): State<AppState>, req: PageRequest) -> Result<Response, WebError> {
    let site = req.site.clone().in_section(Section::Home);
    let state = &state;
    req.render(state, || async move {
        let actors = state.node.publishing_actors().await?;
        let city_name = civicpub_service::setup::city_actor(&state.store).await?;
        let city = actors
            .iter()
            .find(|a| Some(a.username.as_str()) == city_name.as_deref());
        let news = state
            .store
            .items(Some(ItemKind::News), None, None, 7)
            .await?;
        let events = state.store.events(Timestamp::now(), true, 6).await?;
        // Pinned documents first, then the newest others.
        let mut documents: Vec<Item> = Vec::new();
        for a in &actors {
            documents.extend(
                state
                    .store
                    .pinned_items(a.id)
                    .await?
                    .into_iter()
                    .filter(|i| i.kind == ItemKind::Document),
            );
        }
        for d in state
            .store
            .items(Some(ItemKind::Document), None, None, 6)
            .await?
        {
            if !documents.iter().any(|p| p.id == d.id) {
                documents.push(d);
            }
        }
        documents.truncate(6);
        let modified = latest(
            &site,
            news.iter()
                .chain(&events)
                .chain(&documents)
                .map(|i| i.updated_at)
                .chain(actors.iter().map(|a| a.updated_at)),
        );
        let cards = |items: &[Item]| -> Vec<ItemCard> {
            items
                .iter()
                .filter_map(|i| ItemCard::new(&site, i))
                .collect()
        };
        let city_card = city.map(|c| ActorCard::new(state, c));
        html(
            HomePage {
                description: city
                    .map(|c| super::excerpt(&c.summary, 200))
                    .filter(|d| !d.is_empty()),
                og_image: site
                    .logo()
                    .map(|(p, _)| p)
                    .or_else(|| city.and_then(|c| c.icon.as_ref()).map(|m| m.path()))
                    .map(|p| state.base.url(&p).to_string()),
                city: city_card,
                actors: actors.iter().map(|a| ActorCard::new(state, a)).collect(),
                news: cards(&news),
                events: cards(&events),
                documents: cards(&documents),
                site: &site,
            },
            modified,
        )
    })
    .await
}
