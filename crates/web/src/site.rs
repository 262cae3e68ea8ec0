//! What every page shares: the page's language and the links that keep it,
//! the site's name and branding, the pages the city wrote, the menus. A
//! [`Frame`] is made per request from the URL, the browser's languages and
//! the [`SiteData`] read from the database (once per change of the data).

use crate::AppState;
use axum::http::{header, HeaderMap};
use civicpub_domain::Timestamp;
use civicpub_i18n::{negotiate, Arg, Locale};
use civicpub_service::site::{Branding, SitePage};
use civicpub_service::Generation;
use civicpub_store::SitePageText;
use std::sync::{Arc, RwLock};

/// What the pages show of the site itself, read from the database.
#[derive(Debug, Clone)]
pub struct SiteData {
    /// The site's name: the city actor's display name.
    pub name: String,
    /// `@city@host`, credited by link previews (`fediverse:creator`).
    pub creator: String,
    /// The node's default language.
    pub default: Locale,
    pub branding: Branding,
    /// The pages the city wrote, in every language.
    pub pages: Vec<SitePageText>,
    /// The latest change of the pages or the branding.
    pub updated: Timestamp,
    /// Names the stylesheet's version in its URL, so browsers keep it for long.
    pub css_version: String,
}

impl SiteData {
    /// The text of `page` for a reader of `lang`: that language's, else the
    /// node's default language's, else any.
    pub fn page(&self, page: SitePage, lang: Locale) -> Option<&SitePageText> {
        let texts: Vec<&SitePageText> = self
            .pages
            .iter()
            .filter(|p| p.page == page.as_str())
            .collect();
        let in_lang = |l: Locale| {
            texts
                .iter()
                .find(|t| Locale::parse(&t.language) == Some(l))
                .copied()
        };
        in_lang(lang)
            .or_else(|| in_lang(self.default))
            .or_else(|| texts.first().copied())
    }

    /// The pages written in some language, in menu order.
    pub fn written(&self) -> Vec<SitePage> {
        SitePage::ALL
            .into_iter()
            .filter(|p| self.pages.iter().any(|t| t.page == p.as_str()))
            .collect()
    }
}

/// The site's data as last read, with the generation it was read at.
#[derive(Default)]
pub struct SiteCache(RwLock<Option<(Generation, Arc<SiteData>)>>);

impl SiteCache {
    pub async fn get(&self, state: &AppState) -> Result<Arc<SiteData>, crate::WebError> {
        let generation = state.node.generation();
        if let Some((g, data)) = self.0.read().unwrap_or_else(|e| e.into_inner()).as_ref() {
            if *g == generation {
                return Ok(data.clone());
            }
        }
        let data = Arc::new(load(state).await?);
        *self.0.write().unwrap_or_else(|e| e.into_inner()) = Some((generation, data.clone()));
        Ok(data)
    }
}

async fn load(state: &AppState) -> Result<SiteData, crate::WebError> {
    let branding = state.node.branding().await?;
    let pages = state.node.site_pages().await?;
    let city = civicpub_service::setup::city_actor(&state.store).await?;
    let name = match &city {
        Some(u) => state
            .store
            .actor_by_username(u)
            .await?
            .map(|a| a.display_name)
            .filter(|n| !n.trim().is_empty()),
        None => None,
    }
    .unwrap_or_else(|| state.site.node_name.clone());
    let updated = pages
        .iter()
        .map(|p| p.updated_at)
        .chain([Timestamp(branding.updated_at)])
        .max()
        .unwrap_or(Timestamp(0));
    let css_version = {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        crate::pages::STYLESHEET.hash(&mut h);
        branding.accent_color.hash(&mut h);
        format!("{:x}", h.finish() & 0xffff_ffff)
    };
    Ok(SiteData {
        name,
        creator: state.site.creator.clone(),
        default: state.node.locale(),
        branding,
        pages,
        updated,
        css_version,
    })
}

/// Which part of the site a page belongs to, for the menu's `aria-current`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    News,
    Events,
    Documents,
    Consultations,
    Network,
    Other,
}

/// One request's view of the site: its language, the links that keep it, and
/// the site's data. Templates call it `site`.
#[derive(Debug, Clone)]
pub struct Frame {
    pub lang: Locale,
    /// The language came from the URL: links carry `?lang=` on.
    keep_lang: bool,
    pub data: Arc<SiteData>,
    /// The `?lang=` asked for and the browser's `Accept-Language`, as given:
    /// they also choose which translation of an item a page shows.
    asked: Option<String>,
    accept: Option<String>,
    /// The page's path, and its query without `lang`, for the language menu.
    path: String,
    query: Vec<(String, String)>,
    pub section: Section,
}

impl Frame {
    /// The frame of a request for `path?query` with these headers.
    pub fn new(data: Arc<SiteData>, path: &str, query: Option<&str>, headers: &HeaderMap) -> Self {
        let pairs: Vec<(String, String)> = query
            .map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        let asked = pairs
            .iter()
            .find(|(k, _)| k == "lang")
            .map(|(_, v)| v.as_str());
        let accept = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        let lang = negotiate(asked, accept, data.default);
        Frame {
            lang,
            keep_lang: asked.and_then(Locale::parse).is_some(),
            asked: asked.map(str::to_string),
            accept: accept.map(str::to_string),
            data,
            path: path.to_string(),
            query: pairs.into_iter().filter(|(k, _)| k != "lang").collect(),
            section: Section::Other,
        }
    }

    /// Which of `langs` (an item's texts' languages, default first) to show:
    /// the one the URL asks for, else the page's language, else the first the
    /// browser accepts, else the first.
    pub fn choose_text(&self, langs: &[&str]) -> usize {
        let same = |a: &str, b: &str| {
            a.eq_ignore_ascii_case(b)
                || Locale::parse(a).is_some_and(|l| Locale::parse(b) == Some(l))
        };
        if let Some(asked) = &self.asked {
            if let Some(i) = langs.iter().position(|l| l.eq_ignore_ascii_case(asked)) {
                return i;
            }
        }
        if let Some(i) = langs.iter().position(|l| same(l, self.lang.as_str())) {
            return i;
        }
        let mut wanted: Vec<(f32, &str)> = self
            .accept
            .as_deref()
            .unwrap_or("")
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
            if let Some(i) = langs.iter().position(|l| {
                l.eq_ignore_ascii_case(tag)
                    || l.split('-')
                        .next()
                        .is_some_and(|p| p.eq_ignore_ascii_case(primary))
            }) {
                return i;
            }
        }
        0
    }

    pub fn in_section(mut self, section: Section) -> Self {
        self.section = section;
        self
    }

    /// Whether the language came from the URL.
    pub fn keeps_lang(&self) -> bool {
        self.keep_lang
    }

    // Messages, in the page's language.

    pub fn t(&self, id: &str) -> String {
        self.lang.t(id)
    }

    pub fn t_with(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.lang.t_with(id, args)
    }

    pub fn t_html(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.lang.t_html(id, args)
    }

    pub fn name(&self) -> &str {
        &self.data.name
    }

    pub fn creator(&self) -> &str {
        &self.data.creator
    }

    /// A link to `target` (a path, perhaps with a query) on this site that
    /// keeps the page's language when the URL chose it.
    pub fn link(&self, target: &str) -> String {
        if !self.keep_lang {
            return target.to_string();
        }
        let (path, fragment) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target, None),
        };
        let sep = if path.contains('?') { '&' } else { '?' };
        let mut out = format!("{path}{sep}lang={}", self.lang);
        if let Some(f) = fragment {
            out.push('#');
            out.push_str(f);
        }
        out
    }

    /// The page of a hashtag.
    pub fn tag_link(&self, tag: &str) -> String {
        let mut path = String::from("/tags/");
        path.extend(url::form_urlencoded::byte_serialize(tag.as_bytes()));
        self.link(&path)
    }

    /// The network's items from one city's server.
    pub fn city_link(&self, host: &str) -> String {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("city", host)
            .finish();
        self.link(&format!("/network?{query}"))
    }

    /// The network's items with a hashtag.
    pub fn network_tag_link(&self, tag: &str) -> String {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("tag", tag)
            .finish();
        self.link(&format!("/network?{query}"))
    }

    /// The network calendar's month `YYYY-MM`.
    pub fn month_link(&self, month: &str) -> String {
        self.link(&format!("/network/calendar?month={month}"))
    }

    /// `datetime` of a `<time>`: an instant.
    pub fn iso(&self, t: &Timestamp) -> String {
        t.to_rfc3339()
    }

    /// This page in language `l`.
    pub fn in_lang(&self, l: &Locale) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.query {
            s.append_pair(k, v);
        }
        s.append_pair("lang", l.as_str());
        format!("{}?{}", self.path, s.finish())
    }

    pub fn languages(&self) -> &'static [Locale] {
        Locale::all()
    }

    /// Whether the page is in the menu's `section`: `news`, `events`,
    /// `documents`, `network`.
    pub fn is_current(&self, section: &str) -> bool {
        let name = match self.section {
            Section::Home => "home",
            Section::News => "news",
            Section::Events => "events",
            Section::Documents => "documents",
            Section::Consultations => "consultations",
            Section::Network => "network",
            Section::Other => "",
        };
        name == section
    }

    /// `(link, name)` of the pages the city wrote, for the footer.
    pub fn page_links(&self) -> Vec<(String, String)> {
        self.data
            .written()
            .into_iter()
            .map(|p| (self.link(&p.path()), self.t(page_title_id(p))))
            .collect()
    }

    pub fn stylesheet(&self) -> String {
        format!("/static/civicpub.css?v={}", self.data.css_version)
    }

    /// The logo's address and text alternative.
    pub fn logo(&self) -> Option<(String, &str)> {
        self.data
            .branding
            .logo
            .as_ref()
            .map(|(m, alt)| (m.path(), alt.as_str()))
    }

    /// The favicon's address and type.
    pub fn favicon(&self) -> (String, String) {
        match &self.data.branding.favicon {
            Some(m) => (m.path(), m.media_type.clone()),
            None => ("/static/favicon.svg".into(), "image/svg+xml".into()),
        }
    }

    // Dates and times, the page's language's way.

    pub fn date(&self, t: &Timestamp) -> String {
        self.lang.date(t.to_datetime().date_naive())
    }

    pub fn number(&self, n: &i64) -> String {
        self.lang.number(*n)
    }
}

/// The message naming a page of the site.
pub fn page_title_id(page: SitePage) -> &'static str {
    match page {
        SitePage::About => "nav-about",
        SitePage::Contact => "nav-contact",
        SitePage::Privacy => "nav-privacy",
        SitePage::Accessibility => "nav-accessibility",
    }
}
