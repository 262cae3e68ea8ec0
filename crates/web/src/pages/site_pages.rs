//! The pages the city writes (About, Contact, Privacy, the accessibility
//! statement), and what every site serves beside its pages: the stylesheet
//! (with the city's accent colour), a favicon, `robots.txt` and `sitemap.xml`.

use super::{html, latest, PageRequest};
use crate::page_cache::{Conditional, Rendered};
use crate::site::{page_title_id, Frame};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::http::{header, HeaderMap, Uri};
use axum::response::{IntoResponse, Response};
use civicpub_domain::{escape_html as xml, ItemKind, Timestamp};
use civicpub_service::convert::markdown_to_html;
use civicpub_service::site::SitePage;

/// The site's stylesheet, before the city's accent colour.
pub const STYLESHEET: &str = include_str!("../../static/civicpub.css");

#[derive(Template)]
#[template(path = "site_page.html")]
struct SitePageView<'a> {
    site: &'a Frame,
    title: String,
    body_html: String,
    /// The text's language, when it is not the page's.
    text_lang: Option<String>,
}

async fn site_page(
    state: &AppState,
    req: PageRequest,
    page: SitePage,
) -> Result<Response, WebError> {
    let site = req.site.clone();
    let Some(text) = site.data.page(page, site.lang).cloned() else {
        return Err(WebError::not_found(format!(
            "the {page} page is not written yet"
        )));
    };
    req.render(state, || async move {
        let foreign = civicpub_i18n::Locale::parse(&text.language) != Some(site.lang);
        html(
            SitePageView {
                title: site.t(page_title_id(page)),
                body_html: markdown_to_html(&text.body),
                text_lang: foreign.then(|| text.language.clone()),
                site: &site,
            },
            latest(&site, [text.updated_at]),
        )
    })
    .await
}

pub async fn about(State(state): State<AppState>, req: PageRequest) -> Result<Response, WebError> {
    site_page(&state, req, SitePage::About).await
}

pub async fn contact(
    State(state): State<AppState>,
    req: PageRequest,
) -> Result<Response, WebError> {
    site_page(&state, req, SitePage::Contact).await
}

pub async fn privacy(
    State(state): State<AppState>,
    req: PageRequest,
) -> Result<Response, WebError> {
    site_page(&state, req, SitePage::Privacy).await
}

pub async fn accessibility(
    State(state): State<AppState>,
    req: PageRequest,
) -> Result<Response, WebError> {
    site_page(&state, req, SitePage::Accessibility).await
}

/// `/static/civicpub.css`: the stylesheet, with the city's accent colour.
/// Pages name it with a version (`?v=`), so browsers may keep it for a year.
pub async fn stylesheet(State(state): State<AppState>, uri: Uri) -> Result<Response, WebError> {
    let data = state.site_data.get(&state).await?;
    let mut css = String::from(STYLESHEET);
    if let Some(accent) = &data.branding.accent_color {
        css.push_str(&format!(
            "\n/* The city's accent colour (checked for contrast with white). */\n\
             :root {{ --accent: {accent}; --link: {accent}; }}\n\
             @media (prefers-color-scheme: dark) {{ :root {{ --link: #9ecbff; }} }}\n"
        ));
    }
    let versioned = uri.query().is_some_and(|q| q.starts_with("v="));
    Ok((
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (
                header::CACHE_CONTROL,
                if versioned {
                    "public, max-age=31536000, immutable"
                } else {
                    "public, max-age=300"
                },
            ),
        ],
        css,
    )
        .into_response())
}

/// `/static/favicon.svg`: the default icon, until the city sets its own.
pub async fn favicon_svg() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../../static/favicon.svg"),
    )
        .into_response()
}

/// `/static/icons/{name}.svg`: the few icons the stylesheet draws with.
pub async fn icon(
    axum::extract::Path(name): axum::extract::Path<String>,
) -> Result<Response, WebError> {
    let svg = match name.as_str() {
        "globe.svg" => include_str!("../../static/icons/globe.svg"),
        "place.svg" => include_str!("../../static/icons/place.svg"),
        "pin.svg" => include_str!("../../static/icons/pin.svg"),
        "download.svg" => include_str!("../../static/icons/download.svg"),
        "calendar.svg" => include_str!("../../static/icons/calendar.svg"),
        "video.svg" => include_str!("../../static/icons/video.svg"),
        _ => return Err(WebError::not_found(format!("no icon '{name}'"))),
    };
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        svg,
    )
        .into_response())
}

/// `/favicon.ico`, which browsers ask for by themselves: the city's icon.
pub async fn favicon(State(state): State<AppState>) -> Result<Response, WebError> {
    let data = state.site_data.get(&state).await?;
    let target = match &data.branding.favicon {
        Some(m) => m.path(),
        None => "/static/favicon.svg".into(),
    };
    Ok(axum::response::Redirect::permanent(&target).into_response())
}

/// `/robots.txt`: everything public may be indexed but searches, the API,
/// the proxy and the inboxes; the sitemap lists the rest.
pub async fn robots(State(state): State<AppState>) -> Response {
    let body = format!(
        "User-agent: *\nDisallow: /api/\nDisallow: /proxy/\nDisallow: /inbox\n\
         Disallow: /network/search\nDisallow: /network/feed.atom\nDisallow: /*?*before=\n\
         Allow: /\n\nSitemap: {}\n",
        state.base.url("/sitemap.xml")
    );
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// `/sitemap.xml`: the home page, the lists, the city's pages, every live
/// item and every account, with when each last changed.
pub async fn sitemap(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let cond = Conditional::keyed("/sitemap.xml", &headers);
    state
        .pages
        .serve(state.node.generation(), &cond, || async {
            let data = state.site_data.get(&state).await?;
            let mut urls: Vec<(String, Option<Timestamp>)> = vec![("/".into(), None)];
            for kind in ItemKind::ALL {
                urls.push((format!("/{}", kind.path()), None));
            }
            for p in data.written() {
                let updated = data
                    .pages
                    .iter()
                    .filter(|t| t.page == p.as_str())
                    .map(|t| t.updated_at)
                    .max();
                urls.push((p.path(), updated));
            }
            for a in state.node.publishing_actors().await? {
                urls.push((
                    civicpub_service::convert::actor::ActorUrls::new(&state.base, &a)
                        .id
                        .path()
                        .to_string(),
                    Some(a.updated_at),
                ));
            }
            // Every live item, through the store's listing, a page at a time.
            let mut before = None;
            loop {
                let items = state.store.items(None, None, before, 1000).await?;
                for i in &items {
                    urls.push((i.path(), Some(i.updated_at)));
                }
                match items.last() {
                    Some(last) if items.len() == 1000 && urls.len() < 45_000 => {
                        before = Some(civicpub_store::Cursor {
                            published_at: last.published_at.millis(),
                            id: last.id,
                        })
                    }
                    _ => break,
                }
            }
            let mut out = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                 <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
            );
            for (path, updated) in &urls {
                out.push_str(&format!(
                    "<url><loc>{}</loc>",
                    xml(state.base.url(path).as_str())
                ));
                if let Some(t) = updated {
                    out.push_str(&format!("<lastmod>{}</lastmod>", t.to_rfc3339()));
                }
                out.push_str("</url>\n");
            }
            out.push_str("</urlset>\n");
            let modified = urls.iter().filter_map(|(_, t)| *t).max();
            Ok(Rendered::file(
                "application/xml; charset=utf-8",
                out,
                modified,
            ))
        })
        .await
}
