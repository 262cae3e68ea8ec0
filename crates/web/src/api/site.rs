//! `/api/v1/site`: the public site's pages (About, Contact, Privacy, the
//! accessibility statement) per language, and its branding. Reading takes the
//! `read` scope, changing the `admin` scope.

use super::{Api, Body};
use crate::{AppState, WebError};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    Json,
};
use civicpub_service::site::{Branding, BrandingInput, SitePage};
use civicpub_store::SitePageText;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
pub struct ImageView {
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
}

#[derive(Serialize)]
pub struct BrandingView {
    pub logo: Option<ImageView>,
    pub accent_color: Option<String>,
    pub favicon: Option<ImageView>,
}

#[derive(Serialize)]
pub struct PageView {
    pub page: String,
    pub lang: String,
    pub url: String,
    pub markdown: String,
    pub updated: String,
}

#[derive(Serialize)]
pub struct SiteView {
    pub branding: BrandingView,
    pub pages: Vec<PageView>,
}

fn branding_view(state: &AppState, b: &Branding) -> BrandingView {
    BrandingView {
        logo: b.logo.as_ref().map(|(m, alt)| ImageView {
            url: state.base.url(&m.path()).to_string(),
            alt: Some(alt.clone()),
        }),
        accent_color: b.accent_color.clone(),
        favicon: b.favicon.as_ref().map(|m| ImageView {
            url: state.base.url(&m.path()).to_string(),
            alt: None,
        }),
    }
}

fn page_view(state: &AppState, t: &SitePageText) -> PageView {
    PageView {
        page: t.page.clone(),
        lang: t.language.clone(),
        url: format!(
            "{}?lang={}",
            state.base.url(&format!("/{}", t.page)),
            t.language
        ),
        markdown: t.body.clone(),
        updated: t.updated_at.to_rfc3339(),
    }
}

fn page_named(page: &str) -> Result<SitePage, WebError> {
    SitePage::parse(page).ok_or_else(|| {
        WebError::not_found(format!(
            "no page '{page}': use about, contact, privacy or accessibility"
        ))
    })
}

/// `GET /api/v1/site`: the branding and every page in every language.
pub async fn site(
    State(state): State<AppState>,
    Api(caller): Api,
) -> Result<Json<SiteView>, WebError> {
    caller.require("read")?;
    let branding = state.node.branding().await?;
    let pages = state.node.site_pages().await?;
    Ok(Json(SiteView {
        branding: branding_view(&state, &branding),
        pages: pages.iter().map(|p| page_view(&state, p)).collect(),
    }))
}

/// `PUT /api/v1/site/branding`: fields left out stay, `null` goes back to the
/// default; `logo` and `favicon` are ids of uploaded media.
pub async fn set_branding(
    State(state): State<AppState>,
    Api(caller): Api,
    Body(input): Body<BrandingInput>,
) -> Result<Json<BrandingView>, WebError> {
    caller.require("admin")?;
    let b = state.node.set_branding(input).await?;
    Ok(Json(branding_view(&state, &b)))
}

/// `GET /api/v1/site/pages/{page}/{lang}`.
pub async fn page(
    State(state): State<AppState>,
    Api(caller): Api,
    Path((page, lang)): Path<(String, String)>,
) -> Result<Json<PageView>, WebError> {
    caller.require("read")?;
    let page = page_named(&page)?;
    let text = state
        .node
        .site_pages()
        .await?
        .into_iter()
        .find(|t| t.page == page.as_str() && t.language == lang)
        .ok_or_else(|| WebError::not_found(format!("the {page} page has no text in '{lang}'")))?;
    Ok(Json(page_view(&state, &text)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageInput {
    markdown: String,
}

/// `PUT /api/v1/site/pages/{page}/{lang}` with `{"markdown": "…"}`.
pub async fn set_page(
    State(state): State<AppState>,
    Api(caller): Api,
    Path((page, lang)): Path<(String, String)>,
    Body(input): Body<PageInput>,
) -> Result<Json<PageView>, WebError> {
    caller.require("admin")?;
    let page = page_named(&page)?;
    let text = state
        .node
        .set_site_page(page, &lang, &input.markdown)
        .await?;
    Ok(Json(page_view(&state, &text)))
}

/// `DELETE /api/v1/site/pages/{page}/{lang}`.
pub async fn delete_page(
    State(state): State<AppState>,
    Api(caller): Api,
    Path((page, lang)): Path<(String, String)>,
) -> Result<StatusCode, WebError> {
    caller.require("admin")?;
    state
        .node
        .delete_site_page(page_named(&page)?, &lang)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
