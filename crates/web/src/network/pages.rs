//! The network's pages: lists (news, library, search) and one item; the
//! calendar and the directory of cities are in their own modules.

use super::cards::{authors, card, summary_paragraphs, Card};
use super::{cursor_of, given, image_src, Filters};
use crate::pages::{html, latest, PageRequest};
use crate::site::{Frame, Section};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use civicpub_domain::NetworkKind;
use civicpub_i18n::Locale;
use civicpub_store::stems::Matcher;

/// Counting a search's results stops here ("more than 1,000").
const COUNT_CAP: i64 = 1000;

/// A choice in a select of the filter form.
pub struct Choice {
    pub value: String,
    pub label: String,
    /// The label's language, when it is a language's own name.
    pub lang: Option<String>,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "network.html")]
struct ListPage<'a> {
    site: &'a Frame,
    heading: String,
    intro: String,
    action: &'a str,
    tab: &'a str,
    filters: Filters,
    cities: Vec<Choice>,
    kinds: Vec<Choice>,
    languages: Vec<Choice>,
    problem: Option<String>,
    /// "12 results", for searches.
    count: Option<String>,
    items: Vec<Card>,
    pager: crate::pages::lists::Pager,
    feed: String,
    searched: bool,
    open_filters: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum View {
    News,
    Library,
    Search,
}

impl View {
    fn kinds(self) -> Vec<NetworkKind> {
        match self {
            View::Library => vec![NetworkKind::Document],
            _ => Vec::new(),
        }
    }
}

/// The select of cities: this node, and every city it follows or is followed
/// by, each server once, by name.
async fn city_choices(
    state: &AppState,
    site: &Frame,
    chosen: Option<&str>,
) -> Result<Vec<Choice>, WebError> {
    let mut out = vec![Choice {
        value: state.base.domain().to_string(),
        label: site.name().to_string(),
        lang: None,
        selected: false,
    }];
    for (host, username, document) in state.store.city_names().await? {
        if out.iter().any(|o| o.value == host) {
            continue;
        }
        let name = super::actor_name_and_icon(&document).0.unwrap_or(username);
        out.push(Choice {
            label: format!("{name} ({host})"),
            value: host,
            lang: None,
            selected: false,
        });
    }
    if let Some(c) = chosen {
        if !out.iter().any(|o| o.value.eq_ignore_ascii_case(c)) {
            out.push(Choice {
                value: c.to_string(),
                label: c.to_string(),
                lang: None,
                selected: false,
            });
        }
    }
    for o in &mut out {
        o.selected = chosen.is_some_and(|c| o.value.eq_ignore_ascii_case(c));
    }
    Ok(out)
}

fn kind_choices(site: &Frame, chosen: Option<&str>) -> Vec<Choice> {
    NetworkKind::ALL
        .iter()
        .map(|k| Choice {
            value: k.as_str().into(),
            label: site.t(super::cards::kind_message(*k)),
            lang: None,
            selected: chosen == Some(k.as_str()),
        })
        .collect()
}

fn language_choices(chosen: Option<&str>) -> Vec<Choice> {
    let mut out: Vec<Choice> = Locale::all()
        .iter()
        .map(|l| Choice {
            value: l.as_str().into(),
            label: l.name().into(),
            lang: Some(l.as_str().into()),
            selected: chosen == Some(l.as_str()),
        })
        .collect();
    if let Some(c) = chosen.filter(|c| Locale::all().iter().all(|l| l.as_str() != *c)) {
        out.push(Choice {
            value: c.into(),
            label: c.into(),
            lang: None,
            selected: true,
        });
    }
    out
}

async fn list_page(
    state: AppState,
    req: PageRequest,
    mut filters: Filters,
    view: View,
) -> Result<Response, WebError> {
    // On the pages, `lang` is the page's language; `in` filters by language.
    filters.lang = None;
    let site = req.site.clone().in_section(Section::Network);
    let state = &state;
    req.render(state, || async move {
        let checked = filters.check(&view.kinds());
        let problem = checked.as_ref().err().map(|p| p.say(site.lang));
        let q = checked.unwrap_or_default();
        let searched = q.text.is_some();
        let items = match (&problem, view) {
            (Some(_), _) => Vec::new(),
            (None, View::Search) if !searched && !filters.any() => Vec::new(),
            _ => state.store.network_items(&q).await?,
        };
        let count = if searched && problem.is_none() {
            let n = state.store.count_network_items(&q, COUNT_CAP + 1).await?;
            Some(if n > COUNT_CAP {
                site.t_with("search-results-many", &[("count", COUNT_CAP.into())])
            } else {
                site.t_with("search-results", &[("count", n.into())])
            })
        } else {
            None
        };
        let (heading, intro, action, tab) = match view {
            View::News => (
                "network-news-heading",
                "network-news-intro",
                "/network",
                "news",
            ),
            View::Library => (
                "network-library-heading",
                "network-library-intro",
                "/network/library",
                "library",
            ),
            View::Search => (
                "network-search-heading",
                "network-search-intro",
                "/network/search",
                "search",
            ),
        };
        let number = given(&filters.page)
            .and_then(|p| p.parse::<i64>().ok())
            .filter(|_| q.before.is_some())
            .unwrap_or(if q.before.is_some() { 2 } else { 1 })
            .clamp(1, 100_000);
        let pager = crate::pages::lists::Pager {
            first: (q.before.is_some()).then(|| {
                let rest = filters.query_string(None, None);
                site.link(&if rest.is_empty() {
                    action.to_string()
                } else {
                    format!("{action}?{rest}")
                })
            }),
            older: cursor_of(&items, q.limit).map(|c| {
                site.link(&format!(
                    "{action}?{}",
                    filters.query_string(Some(&c), Some(number + 1))
                ))
            }),
            number,
        };
        let mut feed_filters = filters.clone();
        if view == View::Library {
            feed_filters.kind = Some("document".into());
        }
        let matcher = q
            .text
            .as_deref()
            .map(|t| Matcher::new(t, q.language.as_deref()));
        let who = authors(state, &items).await?;
        let cities = city_choices(state, &site, given(&filters.city)).await?;
        let modified = latest(&site, items.iter().map(|i| i.updated_at));
        let rendered = html(
            ListPage {
                heading: site.t(heading),
                intro: site.t(intro),
                action,
                tab,
                cities,
                kinds: kind_choices(&site, given(&filters.kind)),
                languages: language_choices(given(&filters.written_in)),
                count,
                items: items
                    .iter()
                    .map(|i| card(state, &site, i, &who, matcher.as_ref()))
                    .collect(),
                pager,
                feed: match feed_filters.query_string(None, None) {
                    q if q.is_empty() => "/network/feed.atom".to_string(),
                    q => format!("/network/feed.atom?{q}"),
                },
                open_filters: [
                    &filters.city,
                    &filters.kind,
                    &filters.tag,
                    &filters.written_in,
                    &filters.from,
                    &filters.to,
                ]
                .iter()
                .any(|v| given(v).is_some()),
                filters,
                searched,
                site: &site,
                problem: problem.clone(),
            },
            modified,
        )?;
        Ok(if problem.is_some() {
            rendered.with_status(StatusCode::BAD_REQUEST)
        } else {
            rendered
        })
    })
    .await
}

/// `/network`: everything local and followed, newest first.
pub async fn news(
    State(state): State<AppState>,
    Query(f): Query<Filters>,
    req: PageRequest,
) -> Result<Response, WebError> {
    list_page(state, req, f, View::News).await
}

/// `/network/library`: policy documents across cities.
pub async fn library(
    State(state): State<AppState>,
    Query(f): Query<Filters>,
    req: PageRequest,
) -> Result<Response, WebError> {
    list_page(state, req, f, View::Library).await
}

/// `/network/search?q=...`: full-text search with filters.
pub async fn search(
    State(state): State<AppState>,
    Query(f): Query<Filters>,
    req: PageRequest,
) -> Result<Response, WebError> {
    list_page(state, req, f, View::Search).await
}

#[derive(Template)]
#[template(path = "network_item.html")]
struct ItemPage<'a> {
    site: &'a Frame,
    card: Card,
    tab: &'a str,
    text_lang: String,
    /// (link, tag, name) of the item's other languages.
    translations: Vec<(String, String, String)>,
    summary: Vec<String>,
    content_html: String,
    url: String,
    tags: Vec<String>,
    /// (href, name, is an image) of its files other than its picture.
    attachments: Vec<(String, String, bool)>,
    calendar: bool,
}

/// `/network/items/{id}`: one gathered item, its text cleaned, its images proxied.
pub async fn item(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: PageRequest,
) -> Result<Response, WebError> {
    let site = req.site.clone().in_section(Section::Network);
    let state = &state;
    req.render(state, || async move {
        let item = state.node.network_item(&id).await?;
        let who = authors(state, std::slice::from_ref(&item)).await?;
        let card = card(state, &site, &item, &who, None);
        let text = item
            .texts
            .iter()
            .find(|t| t.lang == card.lang)
            .or_else(|| item.text());
        let image_url = item.image.as_ref().map(|i| i.url.clone());
        let page = ItemPage {
            text_lang: card.lang.clone(),
            translations: item
                .texts
                .iter()
                .filter(|t| !t.lang.is_empty() && t.lang != card.lang)
                .map(|t| {
                    (
                        format!("/network/items/{}?lang={}", item.id, t.lang),
                        t.lang.clone(),
                        crate::pages::language_name(&t.lang),
                    )
                })
                .collect(),
            summary: text
                .map(|t| summary_paragraphs(t, item.kind))
                .unwrap_or_default(),
            content_html: text.map(|t| t.content_html.clone()).unwrap_or_default(),
            url: item.url.clone(),
            tags: item.tags.clone(),
            attachments: item
                .attachments
                .iter()
                // The picture is shown once, above.
                .filter(|a| Some(&a.url) != image_url.as_ref())
                .map(|a| {
                    let image = a
                        .media_type
                        .as_deref()
                        .is_some_and(|t| t.starts_with("image/"));
                    let href = if image {
                        image_src(state, &a.url)
                    } else {
                        a.url.clone()
                    };
                    (href, a.name.clone().unwrap_or_else(|| a.url.clone()), image)
                })
                .collect(),
            calendar: item.kind == NetworkKind::Event && item.starts_at.is_some(),
            tab: if item.kind == NetworkKind::Document {
                "library"
            } else {
                "news"
            },
            card,
            site: &site,
        };
        html(page, latest(&site, [item.updated_at]))
    })
    .await
}
