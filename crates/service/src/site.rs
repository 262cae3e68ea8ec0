//! The public site's own content: the pages every city site has (About,
//! Contact, Privacy, the accessibility statement the EU Web Accessibility
//! Directive asks public bodies for), written in Markdown per language, and
//! the site's branding (logo, accent colour, favicon). The CLI, the API and
//! the web admin all change them through these commands.

use crate::media::{MediaInput, MediaUse};
use crate::{Node, Problems, Result, ServiceError};
use civicpub_domain::{is_language_tag, Media};
use civicpub_store::SitePageText;
use serde::{Deserialize, Deserializer, Serialize};

/// A page of the site that the city writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SitePage {
    About,
    Contact,
    Privacy,
    /// The accessibility statement.
    Accessibility,
}

impl SitePage {
    pub const ALL: [SitePage; 4] = [
        SitePage::About,
        SitePage::Contact,
        SitePage::Privacy,
        SitePage::Accessibility,
    ];

    /// Its name as stored, in the CLI and the API, and its URL (`/about`).
    pub fn as_str(self) -> &'static str {
        match self {
            SitePage::About => "about",
            SitePage::Contact => "contact",
            SitePage::Privacy => "privacy",
            SitePage::Accessibility => "accessibility",
        }
    }

    pub fn parse(s: &str) -> Option<SitePage> {
        SitePage::ALL.into_iter().find(|p| p.as_str() == s.trim())
    }

    pub fn path(self) -> String {
        format!("/{}", self.as_str())
    }
}

impl std::fmt::Display for SitePage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The most a page's Markdown may hold.
pub const MAX_PAGE: usize = 100_000;

/// How the site looks: what the city set, `None` for the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branding {
    /// The logo in the header, and its text alternative.
    pub logo: Option<(Media, String)>,
    /// `#rrggbb`: the header and the links (checked for contrast).
    pub accent_color: Option<String>,
    pub favicon: Option<Media>,
    /// When it last changed (milliseconds), for pages' `Last-Modified`.
    #[serde(default)]
    pub updated_at: i64,
}

/// A change of branding. A field left out changes nothing; `null` (in JSON)
/// or `Some(None)` goes back to the default; a value sets it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrandingInput {
    #[serde(default, deserialize_with = "set_or_clear")]
    pub logo: Option<Option<MediaInput>>,
    /// The logo's text alternative: required with a new logo.
    #[serde(default)]
    pub logo_alt: Option<String>,
    #[serde(default, deserialize_with = "set_or_clear")]
    pub accent_color: Option<Option<String>>,
    #[serde(default, deserialize_with = "set_or_clear")]
    pub favicon: Option<Option<MediaInput>>,
}

/// `Some(value)` for a field that is there, `null` included (`Some(None)`).
fn set_or_clear<'de, D, T>(d: D) -> std::result::Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

const BRANDING: &str = "branding";

/// The lowest contrast WCAG 2.1 AA allows for text (1.4.3).
pub const MIN_CONTRAST: f64 = 4.5;

/// `#rgb` or `#rrggbb` as `#rrggbb`, lower case.
pub fn parse_color(s: &str) -> Option<String> {
    let hex = s.trim().strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let full = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_string(),
        _ => return None,
    };
    Some(format!("#{}", full.to_ascii_lowercase()))
}

/// WCAG's relative luminance of `#rrggbb`.
fn luminance(color: &str) -> f64 {
    let channel = |i: usize| {
        let v = u8::from_str_radix(&color[1 + 2 * i..3 + 2 * i], 16).unwrap_or(0) as f64 / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
}

/// The contrast ratio of two `#rrggbb` colours (1 to 21).
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// What is wrong with an accent colour, if anything. The accent is the
/// header's background under white text, and the colour of links and buttons
/// on the white page: both need AA contrast with white.
pub fn accent_problem(s: &str) -> Option<String> {
    let Some(c) = parse_color(s) else {
        return Some(format!(
            "'{s}' is not a colour: write it as #rrggbb, e.g. #0b57a4"
        ));
    };
    let ratio = contrast(&c, "#ffffff");
    (ratio < MIN_CONTRAST).then(|| {
        format!(
            "{c} has a contrast of {ratio:.1}:1 with white text and the white page; \
             WCAG 2.1 AA needs {MIN_CONTRAST}:1: choose a darker colour"
        )
    })
}

impl Node {
    /// Every page's text in every language.
    pub async fn site_pages(&self) -> Result<Vec<SitePageText>> {
        Ok(self.store.site_pages().await?)
    }

    /// Writes `page` in `lang` (a BCP 47 tag), replacing what was there.
    pub async fn set_site_page(
        &self,
        page: SitePage,
        lang: &str,
        markdown: &str,
    ) -> Result<SitePageText> {
        let mut problems = Problems::default();
        let lang = lang.trim();
        if !is_language_tag(lang) {
            problems.add(
                "lang",
                format!("'{lang}' is not a language tag such as en, fr or pt-BR"),
            );
        }
        if markdown.trim().is_empty() {
            problems.add(
                "body",
                "is empty: write the page, or delete it in this language",
            );
        } else if markdown.len() > MAX_PAGE {
            problems.add("body", format!("at most {MAX_PAGE} bytes"));
        }
        problems.or(())?;
        let text = self
            .store
            .set_site_page(page.as_str(), lang, markdown.trim())
            .await?;
        self.changed().await;
        Ok(text)
    }

    /// Removes `page` in `lang`; the site then shows it in another language,
    /// or not at all.
    pub async fn delete_site_page(&self, page: SitePage, lang: &str) -> Result<()> {
        if !self
            .store
            .delete_site_page(page.as_str(), lang.trim())
            .await?
        {
            return Err(ServiceError::NotFound(format!(
                "the {page} page has no text in '{}'",
                lang.trim()
            )));
        }
        self.changed().await;
        Ok(())
    }

    /// The branding the city set.
    pub async fn branding(&self) -> Result<Branding> {
        match self.store.setting(BRANDING).await? {
            Some(json) => serde_json::from_str(&json).map_err(ServiceError::internal),
            None => Ok(Branding::default()),
        }
    }

    /// Changes the branding: every field is checked, and nothing is stored
    /// unless all of them hold (an accent colour must keep AA contrast).
    pub async fn set_branding(&self, input: BrandingInput) -> Result<Branding> {
        let mut branding = self.branding().await?;
        let mut problems = Problems::default();
        let alt = input
            .logo_alt
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty());
        if input.logo_alt.is_some() && alt.is_none() {
            problems.add(
                "logo_alt",
                "describe the logo for people who cannot see it (usually the city's name)",
            );
        }
        let logo = match &input.logo {
            Some(Some(m)) => {
                if alt.is_none() && input.logo_alt.is_none() {
                    problems.add(
                        "logo_alt",
                        "is required with a logo: describe it for people who cannot see it",
                    );
                }
                self.check_media(m, MediaUse::Icon, "logo", &mut problems)
                    .await?
            }
            _ => None,
        };
        if input.logo.is_none() && alt.is_some() && branding.logo.is_none() {
            problems.add("logo_alt", "there is no logo to describe");
        }
        let favicon = match &input.favicon {
            Some(Some(m)) => {
                self.check_media(m, MediaUse::Icon, "favicon", &mut problems)
                    .await?
            }
            _ => None,
        };
        let accent = match &input.accent_color {
            Some(Some(c)) => {
                if let Some(p) = accent_problem(c) {
                    problems.add("accent_color", p);
                }
                parse_color(c)
            }
            _ => None,
        };
        problems.or(())?;
        match input.logo {
            Some(Some(_)) => {
                if let Some(checked) = logo {
                    let media = self.store_media(checked).await?;
                    branding.logo = Some((media, alt.unwrap_or_default().to_string()));
                }
            }
            Some(None) => branding.logo = None,
            None => {
                if let (Some((_, old)), Some(alt)) = (branding.logo.as_mut(), alt) {
                    *old = alt.to_string();
                }
            }
        }
        match input.favicon {
            Some(Some(_)) => {
                if let Some(checked) = favicon {
                    branding.favicon = Some(self.store_media(checked).await?);
                }
            }
            Some(None) => branding.favicon = None,
            None => {}
        }
        match input.accent_color {
            Some(Some(_)) => branding.accent_color = accent,
            Some(None) => branding.accent_color = None,
            None => {}
        }
        branding.updated_at = civicpub_domain::Timestamp::now().millis();
        let json = serde_json::to_string(&branding).map_err(ServiceError::internal)?;
        self.store.set_setting(BRANDING, &json).await?;
        self.changed().await;
        Ok(branding)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_and_contrast_as_wcag_says() {
        assert_eq!(parse_color("#0B57A4").as_deref(), Some("#0b57a4"));
        assert_eq!(parse_color(" #abc ").as_deref(), Some("#aabbcc"));
        assert_eq!(parse_color("0b57a4"), None);
        assert_eq!(parse_color("#12345g"), None);
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 0.01);
        assert!((contrast("#767676", "#ffffff") - 4.54).abs() < 0.01);
    }

    #[test]
    fn an_accent_must_keep_aa_contrast_with_white() {
        assert_eq!(accent_problem("#0b57a4"), None);
        assert_eq!(accent_problem("#767676"), None);
        let pale = accent_problem("#ffcc00").unwrap();
        assert!(pale.contains("1.5:1") && pale.contains("4.5:1"), "{pale}");
        assert!(accent_problem("#777777").is_some(), "4.48:1 is not enough");
        assert!(accent_problem("blue").unwrap().contains("#rrggbb"));
    }

    #[test]
    fn pages_have_names_and_urls() {
        assert_eq!(
            SitePage::parse("accessibility"),
            Some(SitePage::Accessibility)
        );
        assert_eq!(SitePage::parse("imprint"), None);
        assert_eq!(SitePage::About.path(), "/about");
        for p in SitePage::ALL {
            assert!(civicpub_store::SITE_PAGES.contains(&p.as_str()));
        }
    }
}
