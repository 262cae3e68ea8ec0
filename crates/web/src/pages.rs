//! Public HTML pages, rendered on the server; they work without JavaScript and
//! load nothing from other servers.

use crate::{AppState, WebError};
use askama::Template;
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode, Uri},
    response::{Html, IntoResponse, Response},
};
use civicpub_domain::plain_text_to_html;
use civicpub_domain::{Item, ItemDetails, LocalActor};
use civicpub_protocol::ACTIVITY_JSON;
use civicpub_service::convert::actor::ActorUrls;
use civicpub_service::convert::item::event_in_words;
use civicpub_service::convert::item_body_html;

/// A local actor as pages show it.
pub struct ActorCard {
    pub name: String,
    pub handle: String,
    pub path: String,
    pub summary_html: String,
    pub icon: Option<(String, String)>,
}

impl ActorCard {
    pub(crate) fn new(state: &AppState, actor: &LocalActor) -> Self {
        ActorCard {
            name: actor.display_name.clone(),
            handle: format!("@{}@{}", actor.username, state.base.domain()),
            path: ActorUrls::new(&state.base, actor).id.path().to_string(),
            summary_html: plain_text_to_html(&actor.summary),
            icon: actor
                .icon
                .as_ref()
                .map(|m| (m.path(), actor.icon_alt.clone().unwrap_or_default())),
        }
    }
}

pub struct Field {
    pub name: &'static str,
    pub value_html: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    lang: &'a str,
    node_name: &'a str,
    creator: &'a str,
    actors: Vec<ActorCard>,
    news: Vec<ItemView>,
    events: Vec<ItemView>,
    documents: Vec<ItemView>,
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage<'a> {
    lang: &'a str,
    node_name: &'a str,
    actor: ActorCard,
    actor_id: String,
    fields: Vec<Field>,
    activity_json: &'a str,
    og_image: Option<String>,
}

#[derive(Template)]
#[template(path = "not_found.html")]
struct NotFoundPage<'a> {
    lang: &'a str,
    node_name: &'a str,
    creator: &'a str,
}

pub(crate) fn page(t: impl Template) -> Result<Response, WebError> {
    let html = t.render().map_err(WebError::internal)?;
    Ok((
        [
            (header::VARY, "Accept"),
            (header::CACHE_CONTROL, "public, max-age=60"),
        ],
        Html(html),
    )
        .into_response())
}

pub async fn home(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, WebError> {
    use civicpub_domain::ItemKind;
    let actors = state.store.publishing_actors().await?;
    let news = state
        .store
        .items(Some(ItemKind::News), None, None, 5)
        .await?;
    let events = state
        .store
        .events(civicpub_domain::Timestamp::now(), true, 5)
        .await?;
    let documents = state
        .store
        .items(Some(ItemKind::Document), None, None, 5)
        .await?;
    page(HomePage {
        lang: &state.site.language,
        node_name: &state.site.node_name,
        creator: &state.site.creator,
        actors: actors.iter().map(|a| ActorCard::new(&state, a)).collect(),
        news: views(&state.base, &news, &headers),
        events: views(&state.base, &events, &headers),
        documents: views(&state.base, &documents, &headers),
    })
}

pub fn profile(state: &AppState, actor: &LocalActor) -> Result<Response, WebError> {
    let doc = civicpub_service::convert::actor::actor_document(&state.base, actor);
    let fields = doc
        .property_values()
        .map(|p| Field {
            name: if p.name == "Website" {
                "Website"
            } else {
                "Contact"
            },
            value_html: p.value.clone(),
        })
        .collect();
    page(ProfilePage {
        lang: &state.site.language,
        node_name: &state.site.node_name,
        actor: ActorCard::new(state, actor),
        actor_id: doc.id.to_string(),
        fields,
        activity_json: ACTIVITY_JSON,
        og_image: actor
            .icon
            .as_ref()
            .map(|m| state.base.url(&m.path()).to_string()),
    })
}

pub async fn not_found(State(state): State<AppState>, uri: Uri) -> Response {
    tracing::debug!(%uri, "no route");
    let body = NotFoundPage {
        lang: &state.site.language,
        node_name: &state.site.node_name,
        creator: &state.site.creator,
    }
    .render()
    .unwrap_or_else(|_| "Not found".into());
    (StatusCode::NOT_FOUND, Html(body)).into_response()
}

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/civicpub.css"),
    )
        .into_response()
}

/// `?lang=xx`: the language switcher's choice.
#[derive(serde::Deserialize, Default)]
pub struct LangQuery {
    pub lang: Option<String>,
}

/// The language to show: the switcher's choice, else the first of the
/// browser's `Accept-Language` that the item has, else its default language.
pub fn pick_language(headers: &HeaderMap, q: &LangQuery, available: &[String]) -> String {
    if let Some(l) = q.lang.as_ref().filter(|l| available.contains(l)) {
        return l.clone();
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut wanted: Vec<(f32, &str)> = accept
        .split(',')
        .filter_map(|part| {
            let mut it = part.split(';');
            let tag = it.next()?.trim();
            let q = it
                .find_map(|p| p.trim().strip_prefix("q=").and_then(|v| v.parse().ok()))
                .unwrap_or(1.0);
            (!tag.is_empty() && q > 0.0).then_some((q, tag))
        })
        .collect();
    wanted.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, tag) in wanted {
        let primary = tag.split('-').next().unwrap_or(tag);
        if let Some(l) = available
            .iter()
            .find(|l| l.eq_ignore_ascii_case(tag) || l.split('-').next() == Some(primary))
        {
            return l.clone();
        }
    }
    available.first().cloned().unwrap_or_default()
}

/// An item as pages show it, in one language.
pub struct ItemView {
    pub kind: &'static str,
    pub path: String,
    pub title: String,
    pub summary_lines: Vec<String>,
    pub body_html: String,
    pub published: String,
    pub updated: Option<String>,
    pub tags: Vec<String>,
    pub hero: Option<(String, String)>,
    pub files: Vec<FileView>,
    pub lang: String,
    pub languages: Vec<String>,
}

pub struct FileView {
    pub name: String,
    pub url: String,
    pub media_type: String,
    pub size: String,
    pub sha256: String,
}

fn human_size(bytes: i64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1u64 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.0} kB", b as f64 / 1024.0),
        b => format!("{b} bytes"),
    }
}

pub fn item_view(base: &civicpub_domain::NodeBase, item: &Item, lang: &str) -> Option<ItemView> {
    let draft = item.draft.as_ref()?;
    let text = item.text(lang)?;
    let mut summary_lines = match &draft.details {
        ItemDetails::Event(e) => event_in_words(e),
        ItemDetails::Document(d) => vec![format!(
            "Version {} · licence {} · adopted {}",
            d.version,
            d.license,
            d.adopted_on.format("%-d %B %Y")
        )],
        ItemDetails::News { .. } => Vec::new(),
    };
    if !text.summary.trim().is_empty() {
        summary_lines.push(text.summary.trim().to_string());
    }
    let files = match &draft.details {
        ItemDetails::Document(d) => d
            .files
            .iter()
            .map(|f| FileView {
                name: f.name.clone(),
                url: f.media.path(),
                media_type: f.media.media_type.clone(),
                size: human_size(f.media.size),
                sha256: f.media.sha256.clone(),
            })
            .collect(),
        _ => Vec::new(),
    };
    Some(ItemView {
        kind: item.kind.as_str(),
        path: item.path(),
        title: text.title.clone(),
        summary_lines,
        body_html: item_body_html(&text.body, base),
        published: item
            .published_at
            .to_datetime()
            .format("%-d %B %Y")
            .to_string(),
        updated: (item.updated_at != item.published_at).then(|| {
            item.updated_at
                .to_datetime()
                .format("%-d %B %Y")
                .to_string()
        }),
        tags: draft.tags.clone(),
        hero: match &draft.details {
            ItemDetails::News {
                hero: Some((m, alt)),
            } => Some((m.path(), alt.clone())),
            _ => None,
        },
        files,
        lang: text.lang.clone(),
        languages: draft.texts.iter().map(|t| t.lang.clone()).collect(),
    })
}

#[derive(Template)]
#[template(path = "item.html")]
struct ItemPage<'a> {
    lang: &'a str,
    node_name: &'a str,
    item: ItemView,
    url: String,
    actor: ActorCard,
    activity_json: &'a str,
    og_image: Option<String>,
    revisions: Vec<(i64, String, String)>,
    conversation: crate::citizens::Conversation,
}

pub async fn item(
    state: &AppState,
    headers: &HeaderMap,
    q: &LangQuery,
    actor: &LocalActor,
    item: &Item,
) -> Result<Response, WebError> {
    let available: Vec<String> = item
        .draft
        .as_ref()
        .map(|d| d.texts.iter().map(|t| t.lang.clone()).collect())
        .unwrap_or_default();
    let lang = pick_language(headers, q, &available);
    let view = item_view(&state.base, item, &lang)
        .ok_or_else(|| WebError::internal("item without text"))?;
    let revisions = if item.kind == civicpub_domain::ItemKind::Document {
        state
            .store
            .revisions(item.id)
            .await?
            .into_iter()
            .map(|r| {
                let version = match &r.draft.details {
                    ItemDetails::Document(d) => d.version.clone(),
                    _ => String::new(),
                };
                (
                    r.number,
                    version,
                    r.created_at.to_datetime().format("%-d %B %Y").to_string(),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let conversation = crate::citizens::Conversation::of(
        state,
        &civicpub_service::comments::LocalObject::Item(Box::new(item.clone())),
    )
    .await?;
    page(ItemPage {
        conversation,
        lang: &view.lang.clone(),
        node_name: &state.site.node_name,
        url: state.base.url(&item.path()).to_string(),
        og_image: view
            .hero
            .as_ref()
            .map(|(p, _)| state.base.url(p).to_string()),
        item: view,
        actor: ActorCard::new(state, actor),
        activity_json: ACTIVITY_JSON,
        revisions,
    })
}

#[derive(Template)]
#[template(path = "revision.html")]
struct RevisionPage<'a> {
    lang: &'a str,
    node_name: &'a str,
    creator: &'a str,
    item: ItemView,
    number: i64,
    created: String,
    current_path: String,
}

/// One revision of a policy document, readable for good at its own URL.
pub async fn revision(
    State(state): State<AppState>,
    Path((id, number)): Path<(String, String)>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (item, _) = crate::items::load(&state, civicpub_domain::ItemKind::Document, &id).await?;
    if item.deleted_at.is_some() {
        return gone(&state);
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
    let as_item = Item {
        draft: Some(rev.draft.clone()),
        ..item.clone()
    };
    let available: Vec<String> = rev.draft.texts.iter().map(|t| t.lang.clone()).collect();
    let lang = pick_language(&headers, &q, &available);
    let view = item_view(&state.base, &as_item, &lang)
        .ok_or_else(|| WebError::internal("revision without text"))?;
    page(RevisionPage {
        lang: &view.lang.clone(),
        node_name: &state.site.node_name,
        creator: &state.site.creator,
        current_path: item.path(),
        item: view,
        number: n,
        created: rev.created_at.to_datetime().format("%-d %B %Y").to_string(),
    })
}

#[derive(Template)]
#[template(path = "gone.html")]
struct GonePage<'a> {
    lang: &'a str,
    node_name: &'a str,
    creator: &'a str,
}

pub fn gone(state: &AppState) -> Result<Response, WebError> {
    let html = GonePage {
        lang: &state.site.language,
        node_name: &state.site.node_name,
        creator: &state.site.creator,
    }
    .render()
    .map_err(WebError::internal)?;
    Ok((StatusCode::GONE, Html(html)).into_response())
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPage<'a> {
    lang: &'a str,
    node_name: &'a str,
    creator: &'a str,
    heading: &'a str,
    sections: Vec<(String, Vec<ItemView>)>,
    feeds: Vec<(&'static str, String, &'static str)>,
}

fn views(base: &civicpub_domain::NodeBase, items: &[Item], headers: &HeaderMap) -> Vec<ItemView> {
    items
        .iter()
        .filter_map(|i| {
            let available: Vec<String> = i
                .draft
                .as_ref()?
                .texts
                .iter()
                .map(|t| t.lang.clone())
                .collect();
            item_view(
                base,
                i,
                &pick_language(headers, &LangQuery::default(), &available),
            )
        })
        .collect()
}

fn feeds_for(kind: civicpub_domain::ItemKind) -> Vec<(&'static str, String, &'static str)> {
    let mut f = vec![
        (
            "RSS",
            format!("/feeds/{}.rss", kind.path()),
            "application/rss+xml",
        ),
        (
            "Atom",
            format!("/feeds/{}.atom", kind.path()),
            "application/atom+xml",
        ),
    ];
    if kind == civicpub_domain::ItemKind::Event {
        f.push(("iCalendar", "/feeds/events.ics".into(), "text/calendar"));
    }
    f
}

pub async fn news_list(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    list(&state, &headers, civicpub_domain::ItemKind::News).await
}

pub async fn documents_list(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    list(&state, &headers, civicpub_domain::ItemKind::Document).await
}

async fn list(
    state: &AppState,
    headers: &HeaderMap,
    kind: civicpub_domain::ItemKind,
) -> Result<Response, WebError> {
    let items = state.store.items(Some(kind), None, None, 50).await?;
    page(ListPage {
        lang: &state.site.language,
        node_name: &state.site.node_name,
        creator: &state.site.creator,
        heading: kind.label(),
        sections: vec![(String::new(), views(&state.base, &items, headers))],
        feeds: feeds_for(kind),
    })
}

pub async fn events_list(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let now = civicpub_domain::Timestamp::now();
    let upcoming = state.store.events(now, true, 50).await?;
    let past = state.store.events(now, false, 50).await?;
    page(ListPage {
        lang: &state.site.language,
        node_name: &state.site.node_name,
        creator: &state.site.creator,
        heading: "Events",
        sections: vec![
            ("Upcoming".into(), views(&state.base, &upcoming, &headers)),
            ("Past".into(), views(&state.base, &past, &headers)),
        ],
        feeds: feeds_for(civicpub_domain::ItemKind::Event),
    })
}

/// `/tags/{tag}`: the newest items carrying a hashtag (the `href` of `Hashtag`s).
pub async fn tag(
    State(state): State<AppState>,
    Path(tag): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    // Tags live in each item's content; scan the newest items until the index
    // that full-text search brings.
    let items: Vec<Item> = state
        .store
        .items(None, None, None, 500)
        .await?
        .into_iter()
        .filter(|i| {
            i.draft
                .as_ref()
                .is_some_and(|d| d.tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)))
        })
        .collect();
    let heading = format!("#{tag}");
    page(ListPage {
        lang: &state.site.language,
        node_name: &state.site.node_name,
        creator: &state.site.creator,
        heading: &heading,
        sections: vec![(String::new(), views(&state.base, &items, &headers))],
        feeds: Vec::new(),
    })
}
